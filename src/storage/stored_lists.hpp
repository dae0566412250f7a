// The list columns of `people` (languages, media, formats, aspirations) are JSON text written by
// nlohmann's dump(): `["a","b"]` and `{"departments":[...],"roles":[...],"skills":[...]}`. Reading
// them through a full JSON parse built a document per column and was a tenth of a people page's
// time, so the plain form (no whitespace, printable ASCII strings without escapes) is read
// directly here. Anything else returns nullopt and the caller parses it with nlohmann as before,
// so what a row means never depends on which path read it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/person.hpp"

namespace mh::storage {

// The strings of a plain JSON array of strings, or nullopt when `text` is not one.
std::optional<std::vector<std::string>> plain_string_list(std::string_view text);

// A plain JSON object whose values are plain arrays of strings, keeping the three keys that
// aspirations have (the last of a repeated key, as nlohmann does); nullopt when `text` is not one.
std::optional<Aspirations> plain_aspirations(std::string_view text);

}  // namespace mh::storage
