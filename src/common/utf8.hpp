// Whether bytes are well-formed UTF-8, for everything that takes text from outside (request
// targets and bodies, CSV files). One definition, so every reader refuses the same bytes.
// Pure; thread-safe.
#pragma once

#include <string_view>

namespace mh {

// RFC 3629: no overlong forms, no UTF-16 surrogates (U+D800..U+DFFF), nothing past U+10FFFF,
// no truncated sequence. The empty text is valid.
bool is_valid_utf8(std::string_view text);

}  // namespace mh
