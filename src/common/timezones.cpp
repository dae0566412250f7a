#include "common/timezones.hpp"

#include <fstream>
#include <string>

namespace mh {

bool is_valid_timezone(std::string_view name) {
  if (name.empty() || name.size() > 64 || name.front() == '/' || name.find("..") != std::string_view::npos)
    return false;
  for (char c : name) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '/' ||
                    c == '_' || c == '-' || c == '+';
    if (!ok) return false;
  }
  // posix/ and right/ hold the same zones under other rules; they are not names people pick.
  if (name.starts_with("posix/") || name.starts_with("right/")) return false;
  std::ifstream f("/usr/share/zoneinfo/" + std::string(name), std::ios::binary);
  char magic[4] = {};
  return f.read(magic, 4) && std::string_view(magic, 4) == "TZif";
}

}  // namespace mh
