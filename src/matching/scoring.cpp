#include "matching/scoring.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>

#include "common/timezones.hpp"

namespace mh::matching {

const char* to_string(Exclusion e) {
  switch (e) {
    case Exclusion::oneself: return "oneself";
    case Exclusion::current_manager: return "current_manager";
    case Exclusion::already_paired: return "already_paired";
    case Exclusion::no_capacity: return "no_capacity";
  }
  return "oneself";
}

std::string explain(Exclusion e) {
  switch (e) {
    case Exclusion::oneself: return "This is you.";
    case Exclusion::current_manager:
      return "Your current manager: look for a mentor who is not your manager (your manager can recommend one).";
    case Exclusion::already_paired: return "You already have a request or a relationship with this person.";
    case Exclusion::no_capacity: return "No free place: all their mentoring places are taken.";
  }
  return {};
}

std::string key_of(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  std::string k(text);
  std::transform(k.begin(), k.end(), k.begin(), [](unsigned char c) { return std::tolower(c); });
  return k;
}

unsigned media_mask_of(const std::vector<Medium>& media) {
  unsigned m = 0;
  for (Medium x : media) m |= 1u << static_cast<unsigned>(x);
  return m;
}

namespace {

bool contains(const std::vector<std::string>& sorted, const std::string& key) {
  return std::binary_search(sorted.begin(), sorted.end(), key);
}

std::string percent(double share) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.0f%%", share * 100);
  return buf;
}

std::string hours(double h) {
  char buf[32];
  if (h < 48) std::snprintf(buf, sizeof buf, "%.0f hours", std::max(1.0, std::round(h)));
  else std::snprintf(buf, sizeof buf, "%.0f days", std::round(h / 24));
  return buf;
}

const char* medium_words(unsigned bit) {
  switch (bit) {
    case 0: return "video";
    case 1: return "meeting in person";
    case 2: return "phone";
    default: return "chat";
  }
}

}  // namespace

std::optional<Exclusion> exclusion(const MenteeProfile& mentee, const MentorProfile& mentor) {
  if (mentor.id == mentee.id) return Exclusion::oneself;
  if (mentee.manager_id && *mentee.manager_id == mentor.id) return Exclusion::current_manager;
  if (std::binary_search(mentee.engaged_with.begin(), mentee.engaged_with.end(), mentor.id))
    return Exclusion::already_paired;
  if (mentor.live_mentees >= mentor.capacity) return Exclusion::no_capacity;
  return std::nullopt;
}

Scored score(const MenteeProfile& mentee, const MentorProfile& mentor, const Weights& w,
             const std::vector<std::string>& emerging) {
  Scored s;
  s.mentor_id = mentor.id;
  s.excluded = exclusion(mentee, mentor);
  auto add = [&](const char* name, double points, std::string reason) {
    if (points == 0) return;
    s.factors.push_back({name, points, std::move(reason)});
    s.score += points;
  };

  // Wanted skills: the share of them the mentor holds, weighted by level.
  if (!mentee.wanted_skills.empty()) {
    double strength = 0;
    std::string held;
    for (const std::string& want : mentee.wanted_skills) {
      auto it = std::lower_bound(mentor.skills.begin(), mentor.skills.end(), std::make_pair(want, 0));
      if (it == mentor.skills.end() || it->first != want) continue;
      strength += it->second / 5.0;
      const std::string& name = mentor.skill_names[it - mentor.skills.begin()];
      held += (held.empty() ? "" : ", ") + name + " at level " + std::to_string(it->second);
    }
    if (strength > 0)
      add("skill_match", w.skill * strength / mentee.wanted_skills.size(), "Has skills you want to develop: " + held + ".");
  }

  const std::string title = key_of(mentor.title), department = key_of(mentor.department);
  if (!title.empty() && contains(mentee.aspired_roles, title))
    add("aspiration_role", w.aspiration_role, "Works as " + mentor.title + ", the role you aspire to.");
  if (!department.empty() && contains(mentee.aspired_departments, department))
    add("aspiration_department", w.aspiration_department,
        "Works in " + mentor.department + ", the department you aspire to join.");

  const int gap = mentor.years - mentee.years;
  if (gap >= 3) {
    // Full points for 5 to 15 more years; a little less when the gap is small or very large.
    const double strength = gap < 5 ? 0.6 : gap <= 15 ? 1.0 : 0.7;
    add("experience_gap", w.experience_gap * strength, std::to_string(gap) + " more years of experience than you.");
  }

  const bool seasoned = mentee.years >= w.seasoned_years;
  if (seasoned && mentor.is_external)
    add("outside_perspective", w.outside_perspective,
        "From outside the organisation (" + mentor.organisation +
            "): a broader perspective on your discipline, which matters when you are seasoned in your career.");
  else if (seasoned && !mentor.is_external && department != mentee.department)
    add("outside_perspective", w.outside_perspective / 2,
        "From another department: a broader perspective for a seasoned professional.");

  if (gap < 0) {
    for (const std::string& want : mentee.wanted_skills) {
      if (!contains(emerging, want)) continue;
      auto it = std::lower_bound(mentor.skills.begin(), mentor.skills.end(), std::make_pair(want, 0));
      if (it != mentor.skills.end() && it->first == want && it->second >= 4) {
        add("reverse_mentoring", w.reverse_mentoring,
            "Reverse mentoring: fewer years of experience, but level " + std::to_string(it->second) + " in " +
                mentor.skill_names[it - mentor.skills.begin()] + ", a cutting-edge skill you want.");
        break;
      }
    }
  }

  if (std::find(mentee.former_manager_ids.begin(), mentee.former_manager_ids.end(), mentor.id) !=
      mentee.former_manager_ids.end())
    add("former_manager", w.former_manager, "Your former manager: they know where you started.");

  if (mentee.utc_offset_minutes && mentor.utc_offset_minutes) {
    const double overlap = working_hours_overlap(*mentee.utc_offset_minutes, *mentor.utc_offset_minutes);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.1f of your working hours overlap.", overlap);
    add("timezone_overlap", w.timezone_overlap * overlap / 8.0, overlap >= 8 ? "Works in your timezone." : buf);
  }

  if (const unsigned shared = mentee.media_mask & mentor.media_mask) {
    unsigned bit = 0;
    while (!(shared & (1u << bit))) ++bit;
    add("shared_medium", w.shared_medium, std::string("Also likes ") + medium_words(bit) + ".");
  }

  const int free = mentor.capacity - mentor.live_mentees;
  if (free > 0)
    add("free_capacity", w.free_capacity * std::min(free, 3) / 3.0,
        std::to_string(free) + (free == 1 ? " free mentoring place." : " free mentoring places."));

  if (mentor.answer_rate) {
    const double rate = *mentor.answer_rate;
    if (rate < 0.5) {
      add("responsiveness", -w.unresponsive_penalty * (1 - rate / 0.5),
          "Answers only " + percent(rate) + " of mentoring requests.");
    } else {
      const double speed = mentor.median_hours_to_answer ? std::clamp(1.0 - (*mentor.median_hours_to_answer - 24) / (14 * 24.0), 0.0, 1.0) : 0.5;
      std::string reason = "Answers " + percent(rate) + " of requests";
      if (mentor.median_hours_to_answer) reason += ", usually within " + hours(*mentor.median_hours_to_answer);
      add("responsiveness", w.responsiveness * (rate - 0.5) * 2 * (0.5 + 0.5 * speed), reason + ".");
    }
  }

  for (const auto& rec : mentee.recommendations)
    if (rec.mentor_id == mentor.id) {
      add("manager_recommendation", w.manager_recommendation,
          "Recommended by your manager " + rec.manager_name + (rec.note.empty() ? "." : ": \"" + rec.note + "\""));
      break;
    }
  return s;
}

Recommendations recommend(const MenteeProfile& mentee, const std::vector<MentorProfile>& mentors, const Weights& w,
                          const std::vector<std::string>& emerging, int limit) {
  std::vector<Scored> all;
  all.reserve(mentors.size());
  for (const MentorProfile& m : mentors) all.push_back(score(mentee, m, w, emerging));
  auto better = [](const Scored& a, const Scored& b) {
    return a.score != b.score ? a.score > b.score : a.mentor_id < b.mentor_id;
  };
  std::sort(all.begin(), all.end(), better);
  Recommendations out;
  for (Scored& s : all) {
    if (!s.excluded) {
      if (static_cast<int>(out.ranked.size()) < limit) out.ranked.push_back(std::move(s));
      continue;
    }
    // An excluded person is worth explaining only if they would have made the list.
    // The current manager is always explained: people look for them first.
    const bool would_rank = static_cast<int>(out.ranked.size()) < limit && s.score > 0;
    if (s.excluded == Exclusion::current_manager || (would_rank && s.excluded != Exclusion::oneself))
      out.excluded.push_back(std::move(s));
  }
  return out;
}

}  // namespace mh::matching
