// Whether bytes are well-formed UTF-8 and free of stray control characters, for everything that
// takes text from outside (request targets and bodies, CSV files, stored settings). One
// definition, so every reader refuses the same bytes.
// Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace mh {

// RFC 3629: no overlong forms, no UTF-16 surrogates (U+D800..U+DFFF), nothing past U+10FFFF,
// no truncated sequence. The empty text is valid.
bool is_valid_utf8(std::string_view text);

// `text` with each byte that does not belong to a well-formed character replaced by U+FFFD,
// for writers whose output must stay well-formed whatever they are given (calendar files).
// Valid text comes back unchanged.
std::string with_invalid_utf8_replaced(std::string_view text);

// Whether `text` holds a control character other than a line break or a tab (a carriage return
// counts only as part of CRLF): text people type holds those, and anything else (a NUL byte in a
// bio) only breaks what later reads it.
bool has_stray_control_characters(std::string_view text);

}  // namespace mh
