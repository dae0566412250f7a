#include "domain/program.hpp"

#include <algorithm>

namespace mh {

Status validate_program(const ProgramFields& p) {
  if (p.name.find_first_not_of(" \t") == std::string::npos) return invalid("name", "must not be empty");
  if (p.name.size() > 100) return invalid("name", "at most 100 bytes");
  if (p.description.size() > 2000) return invalid("description", "at most 2000 bytes");
  MH_CHECK(validate_date_range(p.starts_on, p.ends_on));
  if (p.formats.empty()) return invalid("formats", "a program offers at least one format");
  for (std::size_t i = 0; i < p.formats.size(); ++i)
    if (std::count(p.formats.begin(), p.formats.begin() + static_cast<std::ptrdiff_t>(i), p.formats[i]) > 0)
      return invalid("formats[" + std::to_string(i) + "]", "is listed twice");
  if (p.request_expiry_days && (*p.request_expiry_days < 1 || *p.request_expiry_days > 90))
    return invalid("request_expiry_days", "must be between 1 and 90 days");
  if (p.fade_after_cadences < 1 || p.fade_after_cadences > 6)
    return invalid("fade_after_cadences", "must be between 1 and 6 missed meetings");
  return {};
}

Status validate_date_range(const std::optional<std::chrono::sys_days>& starts_on,
                           const std::optional<std::chrono::sys_days>& ends_on) {
  if (starts_on && ends_on && *ends_on < *starts_on) return invalid("ends_on", "must not be before starts_on");
  return {};
}

bool takes_signups(bool signup_open, bool program_closed, const std::optional<std::chrono::sys_days>& ends_on,
                   std::chrono::sys_days today) {
  return signup_open && !program_closed && (!ends_on || today <= *ends_on);
}

bool is_extension(const std::optional<std::chrono::sys_days>& before,
                  const std::optional<std::chrono::sys_days>& after) {
  if (!before) return false;  // it had no end: nothing to extend
  return !after || *after > *before;
}

}  // namespace mh
