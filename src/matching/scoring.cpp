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

namespace {

// One scoring walk serves both callers: Explained collects each factor with its sentence,
// Points only sums, so ranking 20,000 mentors builds no strings. Reasons are lambdas that
// only the explaining sink calls.
struct Explained {
  Scored* out;
  template <class Reason>
  void add(const char* name, double points, Reason&& reason) {
    if (points == 0) return;
    out->factors.push_back({name, points, reason()});
    out->score += points;
  }
};

struct Points {
  double total = 0;
  template <class Reason>
  void add(const char*, double points, Reason&&) {
    total += points;
  }
};

const std::string& cached_key(const std::string& key, const std::string& text, std::string& scratch) {
  if (!key.empty() || text.empty()) return key;
  scratch = key_of(text);
  return scratch;
}

template <class Sink>
void evaluate(const MenteeProfile& mentee, const MentorProfile& mentor, const Weights& w,
              const std::vector<std::string>& emerging, Sink& sink) {
  // Wanted skills: the share of them the mentor holds, weighted by level.
  if (!mentee.wanted_skills.empty()) {
    double strength = 0;
    for (const std::string& want : mentee.wanted_skills) {
      auto it = std::lower_bound(mentor.skills.begin(), mentor.skills.end(), want,
                                 [](const auto& skill, const std::string& key) { return skill.first < key; });
      if (it != mentor.skills.end() && it->first == want) strength += it->second / 5.0;
    }
    if (strength > 0)
      sink.add("skill_match", w.skill * strength / mentee.wanted_skills.size(), [&] {
        std::string held;
        for (const std::string& want : mentee.wanted_skills) {
          auto it = std::lower_bound(mentor.skills.begin(), mentor.skills.end(), want,
                                     [](const auto& skill, const std::string& key) { return skill.first < key; });
          if (it == mentor.skills.end() || it->first != want) continue;
          held += (held.empty() ? "" : ", ") + mentor.skill_names[it - mentor.skills.begin()] + " at level " +
                  std::to_string(it->second);
        }
        return "Has skills you want to develop: " + held + ".";
      });
  }

  std::string title_scratch, department_scratch;
  const std::string& title = cached_key(mentor.title_key, mentor.title, title_scratch);
  const std::string& department = cached_key(mentor.department_key, mentor.department, department_scratch);
  if (!title.empty() && contains(mentee.aspired_roles, title))
    sink.add("aspiration_role", w.aspiration_role, [&] { return "Works as " + mentor.title + ", the role you aspire to."; });
  if (!department.empty() && contains(mentee.aspired_departments, department))
    sink.add("aspiration_department", w.aspiration_department,
             [&] { return "Works in " + mentor.department + ", the department you aspire to join."; });

  const int gap = mentor.years - mentee.years;
  if (gap >= 3) {
    // Full points for 5 to 15 more years; a little less when the gap is small or very large.
    const double strength = gap < 5 ? 0.6 : gap <= 15 ? 1.0 : 0.7;
    sink.add("experience_gap", w.experience_gap * strength,
             [&] { return std::to_string(gap) + " more years of experience than you."; });
  }

  const bool seasoned = mentee.years >= w.seasoned_years;
  if (seasoned && mentor.is_external)
    sink.add("outside_perspective", w.outside_perspective, [&] {
      return "From outside the organisation (" + mentor.organisation +
             "): a broader perspective on your discipline, which matters when you are seasoned in your career.";
    });
  else if (seasoned && !mentor.is_external && department != mentee.department)
    sink.add("outside_perspective", w.outside_perspective / 2,
             [] { return std::string("From another department: a broader perspective for a seasoned professional."); });

  if (gap < 0) {
    for (const std::string& want : mentee.wanted_skills) {
      if (!contains(emerging, want)) continue;
      auto it = std::lower_bound(mentor.skills.begin(), mentor.skills.end(), want,
                                 [](const auto& skill, const std::string& key) { return skill.first < key; });
      if (it != mentor.skills.end() && it->first == want && it->second >= 4) {
        sink.add("reverse_mentoring", w.reverse_mentoring, [&] {
          return "Reverse mentoring: fewer years of experience, but level " + std::to_string(it->second) + " in " +
                 mentor.skill_names[it - mentor.skills.begin()] + ", a cutting-edge skill you want.";
        });
        break;
      }
    }
  }

  if (std::find(mentee.former_manager_ids.begin(), mentee.former_manager_ids.end(), mentor.id) !=
      mentee.former_manager_ids.end())
    sink.add("former_manager", w.former_manager,
             [] { return std::string("Your former manager: they know where you started."); });

  if (mentee.utc_offset_minutes && mentor.utc_offset_minutes) {
    const double overlap = working_hours_overlap(*mentee.utc_offset_minutes, *mentor.utc_offset_minutes);
    sink.add("timezone_overlap", w.timezone_overlap * overlap / 8.0, [&] {
      if (overlap >= 8) return std::string("Works in your timezone.");
      char buf[80];
      std::snprintf(buf, sizeof buf,
                    overlap == std::floor(overlap) ? "%.0f of your 8 working hours overlap."
                                                   : "%.1f of your 8 working hours overlap.",
                    overlap);
      return std::string(buf);
    });
  }

  if (const unsigned shared = mentee.media_mask & mentor.media_mask) {
    unsigned bit = 0;
    while (!(shared & (1u << bit))) ++bit;
    sink.add("shared_medium", w.shared_medium, [&] { return std::string("Also likes ") + medium_words(bit) + "."; });
  }

  const int free = mentor.capacity - mentor.live_mentees;
  if (free > 0)
    sink.add("free_capacity", w.free_capacity * std::min(free, 3) / 3.0, [&] {
      return std::to_string(free) + (free == 1 ? " free mentoring place." : " free mentoring places.");
    });

  if (mentor.answer_rate) {
    const double rate = *mentor.answer_rate;
    if (rate < 0.5) {
      sink.add("responsiveness", -w.unresponsive_penalty * (1 - rate / 0.5),
               [&] { return "Answers only " + percent(rate) + " of mentoring requests."; });
    } else {
      const double speed = mentor.median_hours_to_answer
                               ? std::clamp(1.0 - (*mentor.median_hours_to_answer - 24) / (14 * 24.0), 0.0, 1.0)
                               : 0.5;
      sink.add("responsiveness", w.responsiveness * (rate - 0.5) * 2 * (0.5 + 0.5 * speed), [&] {
        std::string reason = "Answers " + percent(rate) + " of requests";
        if (mentor.median_hours_to_answer) reason += ", usually within " + hours(*mentor.median_hours_to_answer);
        return reason + ".";
      });
    }
  }

  for (const auto& rec : mentee.recommendations)
    if (rec.mentor_id == mentor.id) {
      sink.add("manager_recommendation", w.manager_recommendation, [&] {
        return "Recommended by your manager " + rec.manager_name + (rec.note.empty() ? "." : ": \"" + rec.note + "\"");
      });
      break;
    }
}

}  // namespace

Scored score(const MenteeProfile& mentee, const MentorProfile& mentor, const Weights& w,
             const std::vector<std::string>& emerging) {
  Scored s;
  s.mentor_id = mentor.id;
  s.excluded = exclusion(mentee, mentor);
  Explained sink{&s};
  evaluate(mentee, mentor, w, emerging, sink);
  return s;
}

double score_points(const MenteeProfile& mentee, const MentorProfile& mentor, const Weights& w,
                    const std::vector<std::string>& emerging) {
  Points sink;
  evaluate(mentee, mentor, w, emerging, sink);
  return sink.total;
}

Recommendations recommend(const MenteeProfile& mentee, const std::vector<MentorProfile>& mentors, const Weights& w,
                          const std::vector<std::string>& emerging, int limit) {
  // Rank on plain numbers, then explain only the people shown: the sentences are the costly part.
  struct Ranked {
    double points;
    std::size_t index;
    std::optional<Exclusion> excluded;
  };
  std::vector<Ranked> all;
  all.reserve(mentors.size());
  for (std::size_t i = 0; i < mentors.size(); ++i)
    all.push_back({score_points(mentee, mentors[i], w, emerging), i, exclusion(mentee, mentors[i])});
  auto better = [&](const Ranked& a, const Ranked& b) {
    return a.points != b.points ? a.points > b.points : mentors[a.index].id < mentors[b.index].id;
  };
  // Everyone who can appear: the best `limit` eligible people, the excluded ones ranked above
  // the last of them, and the current manager wherever they rank.
  std::vector<Ranked> eligible;
  for (const Ranked& r : all)
    if (!r.excluded) eligible.push_back(r);
  const std::size_t shown = std::min<std::size_t>(std::max(limit, 0), eligible.size());
  std::partial_sort(eligible.begin(), eligible.begin() + shown, eligible.end(), better);
  eligible.resize(shown);
  std::vector<Ranked> excluded;
  for (const Ranked& r : all) {
    if (!r.excluded || *r.excluded == Exclusion::oneself) continue;
    const bool would_rank =
        r.points > 0 && (static_cast<int>(shown) < limit || (!eligible.empty() && better(r, eligible.back())));
    if (*r.excluded == Exclusion::current_manager || would_rank) excluded.push_back(r);
  }
  std::sort(excluded.begin(), excluded.end(), better);
  Recommendations out;
  for (const Ranked& r : eligible) out.ranked.push_back(score(mentee, mentors[r.index], w, emerging));
  for (const Ranked& r : excluded) out.excluded.push_back(score(mentee, mentors[r.index], w, emerging));
  return out;
}

}  // namespace mh::matching
