#include "common/timezones.hpp"

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <map>
#include <mutex>
#include <string>
#include <vector>

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


namespace {

struct Zone {
  std::vector<std::int64_t> transitions;  // UTC seconds, ascending
  std::vector<std::uint8_t> type_of;      // ttinfo index in force from each transition
  std::vector<int> offsets_seconds;       // per ttinfo
  int initial_offset = 0;
};

std::int64_t read_be(const unsigned char* p, int bytes) {
  std::uint64_t v = 0;
  for (int i = 0; i < bytes; ++i) v = (v << 8) | p[i];
  if (bytes == 4) return static_cast<std::int32_t>(static_cast<std::uint32_t>(v));
  return static_cast<std::int64_t>(v);
}

// Reads the 64-bit (version 2+) data block of a TZif file; RFC 8536.
std::optional<Zone> load_zone(std::string_view name) {
  if (!is_valid_timezone(name)) return std::nullopt;
  std::ifstream f("/usr/share/zoneinfo/" + std::string(name), std::ios::binary);
  const std::vector<unsigned char> d((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  auto counts = [&](size_t at, std::int64_t c[6]) {
    if (at + 44 > d.size()) return false;
    for (int i = 0; i < 6; ++i) c[i] = read_be(&d[at + 20 + 4 * i], 4);
    return true;
  };
  std::int64_t c[6];  // isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt
  if (!counts(0, c)) return std::nullopt;
  size_t at = 44;
  int time_bytes = 4;
  if (d[4] >= '2') {
    at += c[3] * 4 + c[3] + c[4] * 6 + c[5] + c[2] * 8 + c[1] + c[0];
    if (!counts(at, c)) return std::nullopt;
    at += 44;
    time_bytes = 8;
  }
  const size_t need = c[3] * time_bytes + c[3] + c[4] * 6;
  if (c[4] <= 0 || at + need > d.size()) return std::nullopt;
  Zone z;
  for (std::int64_t i = 0; i < c[3]; ++i) z.transitions.push_back(read_be(&d[at + i * time_bytes], time_bytes));
  at += c[3] * time_bytes;
  for (std::int64_t i = 0; i < c[3]; ++i) z.type_of.push_back(d[at + i]);
  at += c[3];
  for (std::int64_t i = 0; i < c[4]; ++i) z.offsets_seconds.push_back(static_cast<int>(read_be(&d[at + i * 6], 4)));
  for (auto t : z.type_of)
    if (t >= z.offsets_seconds.size()) return std::nullopt;
  z.initial_offset = z.offsets_seconds[0];
  return z;
}

}  // namespace

std::optional<int> utc_offset_minutes(std::string_view name, TimePoint t) {
  static std::mutex mutex;
  static std::map<std::string, std::optional<Zone>, std::less<>> cache;
  std::lock_guard lock(mutex);
  auto it = cache.find(name);
  if (it == cache.end()) it = cache.emplace(std::string(name), load_zone(name)).first;
  if (!it->second) return std::nullopt;
  const Zone& z = *it->second;
  const std::int64_t s = t.time_since_epoch().count();
  const auto pos = std::upper_bound(z.transitions.begin(), z.transitions.end(), s);
  if (pos == z.transitions.begin()) return z.initial_offset / 60;
  return z.offsets_seconds[z.type_of[pos - z.transitions.begin() - 1]] / 60;
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
