// A whole file read into memory, for the small files Mentorhub reads at once (an uploaded CSV, a
// secret, a mail template, a time zone's rules).
#pragma once

#include <optional>
#include <string>

namespace mh {

// The bytes of the file at `path`, or nothing when it cannot be opened.
std::optional<std::string> file_bytes(const std::string& path);

}  // namespace mh
