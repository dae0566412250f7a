#include "domain/access.hpp"

namespace mh {

std::string_view to_string(AccessPurpose p) {
  return p == AccessPurpose::invitation ? "invitation" : "password_reset";
}

std::optional<AccessPurpose> access_purpose_from(std::string_view text) {
  if (text == "invitation") return AccessPurpose::invitation;
  if (text == "password_reset") return AccessPurpose::password_reset;
  return std::nullopt;
}

Seconds lifetime_of(AccessPurpose p) {
  return p == AccessPurpose::invitation ? Seconds(7 * 24 * 3600) : Seconds(3600);
}

std::string_view to_string(LinkState s) {
  switch (s) {
    case LinkState::pending: return "pending";
    case LinkState::used: return "used";
    case LinkState::expired: return "expired";
    case LinkState::revoked: return "revoked";
  }
  return "pending";
}

std::optional<LinkState> link_state_from(std::string_view text) {
  for (LinkState s : {LinkState::pending, LinkState::used, LinkState::expired, LinkState::revoked})
    if (to_string(s) == text) return s;
  return std::nullopt;
}

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
