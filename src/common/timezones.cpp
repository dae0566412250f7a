#include "common/timezones.hpp"

#include <algorithm>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "common/file_bytes.hpp"

namespace mh {

namespace {

// The shape of a zone name; whether the zone exists is its file's to say.
bool names_a_zone_file(std::string_view name) {
  if (name.empty() || name.size() > 64 || name.front() == '/' || name.find("..") != std::string_view::npos)
    return false;
  for (char c : name) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '/' ||
                    c == '_' || c == '-' || c == '+';
    if (!ok) return false;
  }
  // posix/ and right/ hold the same zones under other rules; they are not names people pick.
  return !name.starts_with("posix/") && !name.starts_with("right/");
}

}  // namespace

// Through the cache of zone_rules: every profile saved checks its zone, and a file opened and
// read for each was most of what that check cost.
bool is_valid_timezone(std::string_view name) { return zone_rules(name) != nullptr; }

namespace {

std::int64_t read_be(const unsigned char* p, int bytes) {
  std::uint64_t v = 0;
  for (int i = 0; i < bytes; ++i) v = (v << 8) | p[i];
  if (bytes == 4) return static_cast<std::int32_t>(static_cast<std::uint32_t>(v));
  return static_cast<std::int64_t>(v);
}

// A TZif header: the magic, the version and six counts (RFC 8536, 3.1).
struct TzifHeader {
  char version = 0;
  // isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt
  std::uint64_t isut = 0, isstd = 0, leap = 0, time = 0, type = 0, chars = 0;
  // The data block's size, for `time_bytes`-byte transition times.
  std::uint64_t block(std::uint64_t time_bytes) const {
    return time * time_bytes + time + type * 6 + chars + leap * (time_bytes + 4) + isstd + isut;
  }
};

// Counts are 32-bit on disk; a negative or absurd one means the file is not a zone, and keeping
// them small keeps every size computed from them far from overflowing.
constexpr std::int64_t kMaxTzifCount = 1 << 20;

std::optional<TzifHeader> read_header(std::string_view d, std::uint64_t at) {
  if (at > d.size() || d.size() - at < 44 || d.substr(at, 4) != "TZif") return std::nullopt;
  const auto* p = reinterpret_cast<const unsigned char*>(d.data() + at);
  std::int64_t c[6];
  for (int i = 0; i < 6; ++i) {
    c[i] = read_be(p + 20 + 4 * i, 4);
    if (c[i] < 0 || c[i] > kMaxTzifCount) return std::nullopt;
  }
  TzifHeader h;
  h.version = d[at + 4];
  h.isut = c[0], h.isstd = c[1], h.leap = c[2], h.time = c[3], h.type = c[4], h.chars = c[5];
  if (h.type == 0) return std::nullopt;  // RFC 8536: typecnt must not be zero
  return h;
}

}  // namespace

int TzifZone::offset_seconds_at(std::int64_t unix_seconds) const {
  const auto pos = std::upper_bound(transitions.begin(), transitions.end(), unix_seconds);
  if (pos == transitions.begin()) return initial_offset;
  return offsets_seconds[type_of[pos - transitions.begin() - 1]];
}

std::optional<TzifZone> parse_tzif(std::string_view d) {
  auto h = read_header(d, 0);
  if (!h) return std::nullopt;
  std::uint64_t at = 44;
  std::uint64_t time_bytes = 4;
  if (h->version >= '2') {
    // Version 2 and later repeat the data with 64-bit times after the 32-bit block.
    at += h->block(4);
    h = read_header(d, at);
    if (!h) return std::nullopt;
    at += 44;
    time_bytes = 8;
  }
  const std::uint64_t need = h->time * time_bytes + h->time + h->type * 6;
  if (at > d.size() || d.size() - at < need) return std::nullopt;
  const auto* p = reinterpret_cast<const unsigned char*>(d.data() + at);
  TzifZone z;
  z.transitions.reserve(h->time);
  for (std::uint64_t i = 0; i < h->time; ++i) {
    z.transitions.push_back(read_be(p, static_cast<int>(time_bytes)));
    // Transitions ascend; a file where they do not cannot be searched.
    if (i > 0 && z.transitions[i] <= z.transitions[i - 1]) return std::nullopt;
    p += time_bytes;
  }
  for (std::uint64_t i = 0; i < h->time; ++i) z.type_of.push_back(*p++);
  for (std::uint64_t i = 0; i < h->type; ++i, p += 6) {
    const std::int64_t offset = read_be(p, 4);
    // RFC 8536: utoff is in [-89999, 93599]; anything else is not a real zone.
    if (offset < -89999 || offset > 93599) return std::nullopt;
    z.offsets_seconds.push_back(static_cast<int>(offset));
  }
  for (auto t : z.type_of)
    if (t >= z.offsets_seconds.size()) return std::nullopt;
  z.initial_offset = z.offsets_seconds[0];
  return z;
}

namespace {

std::optional<TzifZone> load_zone(std::string_view name) {
  if (!names_a_zone_file(name)) return std::nullopt;
  const auto bytes = file_bytes("/usr/share/zoneinfo/" + std::string(name));
  if (!bytes) return std::nullopt;
  return parse_tzif(*bytes);
}

}  // namespace

std::shared_ptr<const TzifZone> zone_rules(std::string_view name) {
  static std::mutex mutex;
  // Only real zones are kept: there are a few hundred, while the names asked about may be
  // anything a client sent, which would grow the cache without end.
  static std::map<std::string, std::shared_ptr<const TzifZone>, std::less<>> cache;
  std::lock_guard lock(mutex);
  auto it = cache.find(name);
  if (it == cache.end()) {
    auto zone = load_zone(name);
    if (!zone) return nullptr;
    it = cache.emplace(std::string(name), std::make_shared<const TzifZone>(std::move(*zone))).first;
  }
  return it->second;
}

std::optional<int> utc_offset_minutes(std::string_view name, TimePoint t) {
  const auto zone = zone_rules(name);
  if (!zone) return std::nullopt;
  return zone->offset_seconds_at(t.time_since_epoch().count()) / 60;
}

double working_hours_overlap(int offset_a_minutes, int offset_b_minutes) {
  constexpr int kStart = 9 * 60, kEnd = 17 * 60, kDay = 24 * 60;
  const int a0 = kStart - offset_a_minutes, a1 = kEnd - offset_a_minutes;
  int best = 0;
  for (int shift : {-kDay, 0, kDay}) {
    const int b0 = kStart - offset_b_minutes + shift, b1 = kEnd - offset_b_minutes + shift;
    best = std::max(best, std::min(a1, b1) - std::max(a0, b0));
  }
  return best / 60.0;
}

}  // namespace mh
