// Video rooms: the organisation's video service (none, a Jitsi Meet server, or a BigBlueButton
// server) and the room of each meeting, circle session and flash booking held by video. A room
// has a long random name, stored with the thing it belongs to and never derived from an id, so a
// link cannot be guessed from another one.
//
// Jitsi: the room is the base address followed by the name; whoever has the link can join, so the
// link goes only to the participants. BigBlueButton (its API, docs.bigbluebutton.org): each call
// is the server's API address, "/" and the call name, with a query string that ends in `checksum`
// = hex SHA-1 (or SHA-256) of call name + query string + shared secret. Mentorhub's join route
// calls `create` (idempotent for a running meeting) and then sends the person to the signed
// `join` address with their full name, as moderator when they lead (the mentor, the circle's
// host, the flash mentor). The attendee and moderator passwords of a room are derived from the
// secret and the room, so they need no storage and never leave the server except inside a signed
// join address for that person's role.
// Pure computation (the digests are common/digest.hpp). Values; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result.hpp"
#include "domain/calendar.hpp"

namespace mh {

enum class VideoProvider { none, jitsi, bigbluebutton };
const char* to_string(VideoProvider p);
std::optional<VideoProvider> parse_video_provider(std::string_view s);

enum class BbbChecksum { sha1, sha256 };
const char* to_string(BbbChecksum c);
std::optional<BbbChecksum> parse_bbb_checksum(std::string_view s);

// What a room belongs to.
enum class VideoSubject { meeting, circle_session, flash_booking };
const char* to_string(VideoSubject s);

struct VideoSettings {
  VideoProvider provider = VideoProvider::none;
  std::string jitsi_url;   // "https://meet.example.org" (rooms are "https://meet.example.org/NAME")
  std::string bbb_url;     // the API address, "https://bbb.example.org/bigbluebutton/api"
  std::string bbb_secret;  // the server's shared secret: write-only, never shown or logged
  BbbChecksum bbb_checksum = BbbChecksum::sha1;
  // Raised by every change that alters what a room's link is (the provider or its address):
  // calendar entries add it to their SEQUENCE, so the calendars people subscribed to take the
  // new link instead of keeping the old one.
  int revision = 0;
};

inline constexpr std::size_t kMaxVideoUrlLength = 500;
inline constexpr std::size_t kMaxBbbSecretLength = 500;

// Why `url` cannot be a video service's address, or empty when it can: https:// (http:// only to
// this machine, 127.0.0.1, ::1 or localhost), a host, no user name or password, no query or
// fragment, no spaces or control characters, at most 500 characters.
std::string video_address_problem(std::string_view url);
// The settings as a whole: the provider's address (jitsi_url, bbb_url) and the secret
// (bbb_secret, 8-500 printable characters) are required for that provider. `invalid` names the field.
Status validate_video_settings(const VideoSettings& s);

// The Jitsi room `room` under the base address.
std::string jitsi_room_url(const VideoSettings& s, std::string_view room);

// BigBlueButton: the query string of `params` in order, each value percent-encoded (RFC 3986).
std::string bbb_query(const std::vector<std::pair<std::string, std::string>>& params);
// Hex digest of call + query + secret with the configured algorithm.
std::string bbb_checksum(std::string_view call, std::string_view query, std::string_view secret, BbbChecksum algorithm);
// The signed address of `call` with `params`.
std::string bbb_call_url(const VideoSettings& s, std::string_view call,
                         const std::vector<std::pair<std::string, std::string>>& params);
// `create` for the room, named `title` (what the BigBlueButton page shows).
std::string bbb_create_url(const VideoSettings& s, std::string_view room, std::string_view title);
// `join` for one person, by full name, as moderator or attendee.
std::string bbb_join_url(const VideoSettings& s, std::string_view room, std::string_view full_name, bool moderator);

// Mentorhub's own join address of each thing (the API route that sends a participant into the
// room), relative to the server's address.
std::string meeting_join_path(std::int64_t relationship, std::int64_t meeting);
std::string circle_session_join_path(std::int64_t circle, std::int64_t session);
std::string flash_booking_join_path(std::int64_t booking);

// The link participants follow, or empty: none when the organisation has no video service, the
// thing has no room, is not held by video (face to face, by phone, by chat) or is cancelled. For
// Jitsi the room's own address; for BigBlueButton `join_url`, Mentorhub's join address (the
// signed address is made per person when they follow it).
std::string video_link(const VideoSettings& s, const std::optional<std::string>& room, bool by_video, bool cancelled,
                       const std::string& join_url);

// An entry held by video gets its room: the link as LOCATION and URL, and a line saying how to join
// in the description (`link` empty: none). Every entry's SEQUENCE also carries the settings'
// revision, so a change of video service reaches the calendars that hold it.
void add_video_link(CalendarEntry& e, const VideoSettings& s, const std::string& link);

}  // namespace mh
