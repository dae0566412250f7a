#include "storage/stored_lists.hpp"

namespace mh::storage {

namespace {

// A string in the plain form: printable ASCII, no backslash. Advances `in` past it.
std::optional<std::string_view> plain_string(std::string_view& in) {
  if (in.empty() || in.front() != '"') return std::nullopt;
  for (std::size_t i = 1; i < in.size(); ++i) {
    const auto c = static_cast<unsigned char>(in[i]);
    if (c == '"') {
      const std::string_view s = in.substr(1, i - 1);
      in.remove_prefix(i + 1);
      return s;
    }
    // Escapes, control characters and non-ASCII (whose UTF-8 nlohmann checks) take the full parse.
    if (c == '\\' || c < 0x20 || c >= 0x7f) return std::nullopt;
  }
  return std::nullopt;
}

bool take(std::string_view& in, char c) {
  if (in.empty() || in.front() != c) return false;
  in.remove_prefix(1);
  return true;
}

// `["a","b"]` at the start of `in`, advancing past it.
bool plain_array(std::string_view& in, std::vector<std::string>& out) {
  if (!take(in, '[')) return false;
  if (take(in, ']')) return true;
  for (;;) {
    const auto s = plain_string(in);
    if (!s) return false;
    out.emplace_back(*s);
    if (take(in, ']')) return true;
    if (!take(in, ',')) return false;
  }
}

}  // namespace

std::optional<std::vector<std::string>> plain_string_list(std::string_view text) {
  std::vector<std::string> out;
  if (!plain_array(text, out) || !text.empty()) return std::nullopt;
  return out;
}

std::optional<Aspirations> plain_aspirations(std::string_view text) {
  Aspirations out;
  if (!take(text, '{')) return std::nullopt;
  if (take(text, '}')) return text.empty() ? std::optional(out) : std::nullopt;
  for (;;) {
    const auto key = plain_string(text);
    if (!key || !take(text, ':')) return std::nullopt;
    std::vector<std::string> items;
    if (!plain_array(text, items)) return std::nullopt;
    if (*key == "roles") out.roles = std::move(items);
    else if (*key == "departments") out.departments = std::move(items);
    else if (*key == "skills") out.skills = std::move(items);
    if (take(text, '}')) break;
    if (!take(text, ',')) return std::nullopt;
  }
  if (!text.empty()) return std::nullopt;
  return out;
}

}  // namespace mh::storage
