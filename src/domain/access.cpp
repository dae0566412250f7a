#include "domain/access.hpp"

#include <array>

#include "domain/enum_names.hpp"

namespace mh {

namespace {
constexpr EnumNames<AccessPurpose, 2> kPurposes{{"invitation", "password_reset"}};
constexpr EnumNames<LinkState, 4> kLinkStates{{"pending", "used", "expired", "revoked"}};
}  // namespace

std::string_view to_string(AccessPurpose p) { return kPurposes.name(p); }
std::optional<AccessPurpose> access_purpose_from(std::string_view text) { return kPurposes.parse(text); }

Seconds lifetime_of(AccessPurpose p) {
  return p == AccessPurpose::invitation ? Seconds(7 * 24 * 3600) : Seconds(3600);
}

std::string_view to_string(LinkState s) { return kLinkStates.name(s); }
std::optional<LinkState> link_state_from(std::string_view text) { return kLinkStates.parse(text); }

LinkState state_of(const AccessLink& link, TimePoint now) {
  if (link.used_at) return LinkState::used;
  if (link.revoked_at) return LinkState::revoked;
  if (now >= link.expires_at) return LinkState::expired;
  return LinkState::pending;
}

Status check_new_password(std::string_view field, std::string_view password) {
  if (password.size() < 10) return invalid(std::string(field), "must be at least 10 characters");
  if (password.size() > 1024) return invalid(std::string(field), "is too long");
  return {};
}

std::string describe_client(std::string_view ua) {
  auto has = [&](std::string_view part) { return ua.find(part) != std::string_view::npos; };
  // Order matters: Edge and Opera say Chrome too, Chrome says Safari, Android says Linux.
  std::string browser;
  if (has("Edg/")) browser = "Edge";
  else if (has("OPR/")) browser = "Opera";
  else if (has("Firefox/")) browser = "Firefox";
  else if (has("Chrome/") || has("Chromium/")) browser = "Chrome";
  else if (has("Safari/")) browser = "Safari";
  else if (ua.starts_with("curl/")) return "curl";
  else if (ua.starts_with("python-requests/")) return "Python requests";
  std::string system;
  if (has("Android")) system = "Android";
  else if (has("iPhone") || has("iPad")) system = "iOS";
  else if (has("Windows")) system = "Windows";
  else if (has("Mac OS X") || has("Macintosh")) system = "macOS";
  else if (has("CrOS")) system = "ChromeOS";
  else if (has("Linux")) system = "Linux";
  if (browser.empty()) return system.empty() ? "Unknown browser" : "A browser on " + system;
  return system.empty() ? browser : browser + " on " + system;
}

}  // namespace mh
