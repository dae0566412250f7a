// Action 2, decide the logistics: how often the pair meets, how (the article asks for face to
// face, even through a camera), where, how the mentee wants feedback, what each of them wants
// to learn, and the date on which to discuss the natural end. Pure; thread-safe values.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "common/result.hpp"
#include "domain/person.hpp"

namespace mh {

struct Logistics {
  int cadence_days = 14;  // meet every N days
  Medium medium = Medium::video;
  std::string where;  // a room, or a video link
  std::string feedback_preference;  // how the mentee wants to receive feedback
  std::string mentee_learning;      // what the mentee wants to learn
  std::string mentor_learning;      // what the mentor wants to learn: both should grow
  std::optional<TimePoint> review_date;  // when to discuss the natural end
};

inline constexpr int kMinCadenceDays = 1;
inline constexpr int kMaxCadenceDays = 90;

// Checks the values; the review date must lie in the future.
Status validate_logistics(const Logistics& l, TimePoint now);

// Advice, never a block: audio-only or text-only meetings get the article's hint that
// mentoring conversations are best face to face, even through a camera.
std::vector<std::string> logistics_hints(const Logistics& l);

}  // namespace mh
