#include "domain/video.hpp"

#include <algorithm>
#include <array>

#include "common/digest.hpp"
#include "domain/enum_names.hpp"

namespace mh {

namespace {

constexpr EnumNames<VideoProvider, 3> kProviders{{"none", "jitsi", "bigbluebutton"}};
constexpr EnumNames<BbbChecksum, 2> kChecksums{{"sha1", "sha256"}};
constexpr EnumNames<VideoSubject, 3> kSubjects{{"meeting", "circle_session", "flash_booking"}};

bool is_loopback(std::string_view host) {
  return host == "127.0.0.1" || host == "[::1]" || host == "localhost";
}

std::string trimmed_base(std::string_view url) {
  while (!url.empty() && url.back() == '/') url.remove_suffix(1);
  return std::string(url);
}

// The room's password for a role: derived from the secret, so only the server can make it.
std::string room_password(const VideoSettings& s, std::string_view room, std::string_view role) {
  return sha256_hex(std::string(role) + ":" + std::string(room) + ":" + s.bbb_secret).substr(0, 24);
}

}  // namespace

const char* to_string(VideoProvider p) { return kProviders.name(p); }
std::optional<VideoProvider> parse_video_provider(std::string_view s) { return kProviders.parse(s); }
const char* to_string(BbbChecksum c) { return kChecksums.name(c); }
std::optional<BbbChecksum> parse_bbb_checksum(std::string_view s) { return kChecksums.parse(s); }
const char* to_string(VideoSubject s) { return kSubjects.name(s); }

std::string video_address_problem(std::string_view url) {
  if (url.empty()) return "is required";
  if (url.size() > kMaxVideoUrlLength) return "is longer than 500 characters";
  if (std::any_of(url.begin(), url.end(), [](char c) { return static_cast<unsigned char>(c) <= 0x20 || c == 0x7f; }))
    return "must not contain spaces or control characters";
  const bool https = url.starts_with("https://");
  const bool http = url.starts_with("http://");
  if (!https && !http) return "must be an https:// address";
  const std::string_view rest = url.substr(https ? 8 : 7);
  const std::string_view authority = rest.substr(0, rest.find('/'));
  if (authority.find('@') != std::string_view::npos) return "must not contain a user name or password";
  if (url.find_first_of("?#") != std::string_view::npos) return "must not have a query or fragment";
  std::string_view host = authority;
  if (host.starts_with("[")) {
    host = host.substr(0, host.find(']') == std::string_view::npos ? host.size() : host.find(']') + 1);
  } else {
    host = host.substr(0, host.find(':'));
  }
  if (host.empty() || host == "[]") return "must name a host";
  if (http && !is_loopback(host)) return "must be an https:// address (http:// only to this machine)";
  return {};
}

Status validate_video_settings(const VideoSettings& s) {
  switch (s.provider) {
    case VideoProvider::none: return {};
    case VideoProvider::jitsi:
      if (auto why = video_address_problem(s.jitsi_url); !why.empty()) return invalid("jitsi_url", why);
      return {};
    case VideoProvider::bigbluebutton: {
      if (auto why = video_address_problem(s.bbb_url); !why.empty()) return invalid("bbb_url", why);
      if (s.bbb_secret.empty()) return invalid("bbb_secret", "is required");
      if (s.bbb_secret.size() < 8 || s.bbb_secret.size() > kMaxBbbSecretLength)
        return invalid("bbb_secret", "must be 8 to 500 characters");
      if (std::any_of(s.bbb_secret.begin(), s.bbb_secret.end(),
                      [](char c) { return static_cast<unsigned char>(c) <= 0x20 || c == 0x7f; }))
        return invalid("bbb_secret", "must not contain spaces or control characters");
      return {};
    }
  }
  return {};
}

std::string jitsi_room_url(const VideoSettings& s, std::string_view room) {
  return trimmed_base(s.jitsi_url) + "/" + std::string(room);
}

std::string bbb_query(const std::vector<std::pair<std::string, std::string>>& params) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string q;
  for (const auto& [name, value] : params) {
    if (!q.empty()) q += '&';
    q += name;
    q += '=';
    for (unsigned char c : value) {
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
          c == '_' || c == '~') {
        q += static_cast<char>(c);
      } else {
        q += '%';
        q += kHex[c >> 4];
        q += kHex[c & 0x0f];
      }
    }
  }
  return q;
}

std::string bbb_checksum(std::string_view call, std::string_view query, std::string_view secret, BbbChecksum algorithm) {
  const std::string text = std::string(call) + std::string(query) + std::string(secret);
  return algorithm == BbbChecksum::sha256 ? sha256_hex(text) : sha1_hex(text);
}

std::string bbb_call_url(const VideoSettings& s, std::string_view call,
                         const std::vector<std::pair<std::string, std::string>>& params) {
  const std::string query = bbb_query(params);
  return trimmed_base(s.bbb_url) + "/" + std::string(call) + "?" + query + (query.empty() ? "" : "&") +
         "checksum=" + bbb_checksum(call, query, s.bbb_secret, s.bbb_checksum);
}

std::string bbb_create_url(const VideoSettings& s, std::string_view room, std::string_view title) {
  return bbb_call_url(s, "create",
                      {{"name", std::string(title)},
                       {"meetingID", std::string(room)},
                       {"attendeePW", room_password(s, room, "attendee")},
                       {"moderatorPW", room_password(s, room, "moderator")}});
}

std::string bbb_join_url(const VideoSettings& s, std::string_view room, std::string_view full_name, bool moderator) {
  return bbb_call_url(s, "join",
                      {{"fullName", std::string(full_name)},
                       {"meetingID", std::string(room)},
                       {"password", room_password(s, room, moderator ? "moderator" : "attendee")},
                       {"redirect", "true"}});
}

std::string meeting_join_path(std::int64_t relationship, std::int64_t meeting) {
  return "/api/v1/relationships/" + std::to_string(relationship) + "/meetings/" + std::to_string(meeting) + "/video";
}

std::string circle_session_join_path(std::int64_t circle, std::int64_t session) {
  return "/api/v1/circles/" + std::to_string(circle) + "/sessions/" + std::to_string(session) + "/video";
}

std::string flash_booking_join_path(std::int64_t booking) {
  return "/api/v1/flash/bookings/" + std::to_string(booking) + "/video";
}

std::string video_link(const VideoSettings& s, const std::optional<std::string>& room, bool by_video, bool cancelled,
                       const std::string& join_url) {
  if (!room || room->empty() || !by_video || cancelled) return {};
  switch (s.provider) {
    case VideoProvider::none: return {};
    case VideoProvider::jitsi: return jitsi_room_url(s, *room);
    case VideoProvider::bigbluebutton: return join_url;
  }
  return {};
}

void add_video_link(CalendarEntry& e, const VideoSettings& s, const std::string& link) {
  e.sequence += s.revision;
  if (link.empty()) return;
  e.location = link;
  e.url = link;
  e.description += "\n\nJoin the video call: " + link;
}

}  // namespace mh
