#include "services/mentor_ranking.hpp"

#include <algorithm>

#include "services/program_settings.hpp"

namespace mh::services {

matching::Weights weights_for_purpose(matching::Weights w, std::optional<ObjectiveCategory> purpose) {
  if (purpose == ObjectiveCategory::networking) w.outside_perspective *= 1.5, w.aspiration_department *= 1.5;
  if (purpose == ObjectiveCategory::career_options)
    w.aspiration_role *= 1.5, w.aspiration_department *= 1.5, w.experience_gap *= 1.3;
  if (purpose == ObjectiveCategory::skill_gaps || purpose == ObjectiveCategory::skill_coaching)
    w.skill *= 1.5, w.reverse_mentoring *= 1.2;
  return w;
}

Result<MentorRanking> rank_mentors_for(sql::Connection& db, Directory& directory, const Person& me, TimePoint now,
                                       const RankingQuery& q) {
  MentorRanking out;
  out.snapshot = directory.current(db, now);
  const DirectorySnapshot& snap = *out.snapshot;
  MH_TRY(settings, load_settings(db));
  matching::MenteeProfile mentee = mentee_profile(db, snap, me, now);
  if (q.skills) {
    std::vector<std::string> wanted;
    for (const auto& s : *q.skills) {
      MH_TRY(name, known_skill(snap, s, "skills"));
      wanted.push_back(matching::key_of(name));
    }
    std::sort(wanted.begin(), wanted.end());
    wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());
    mentee.wanted_skills = std::move(wanted);
  }
  if (q.format == Format::circle || q.format == Format::flash)
    out.offers = format_offers(db, *q.format, mentee.wanted_skills, false, snap, now);

  const matching::Weights w = weights_for_purpose(settings.weights, q.purpose);
  const auto recs = matching::recommend(mentee, snap.mentors, w, settings.emerging_keys(), q.limit,
                                        settings.allow_external);
  // Everyone listed came from the table, so the look-up always finds them.
  const auto entry = [&](const matching::Scored& s) {
    return RankedMentor{s, snap.mentors.profile(snap.mentors.index_of(s.mentor_id).value()), snap.person(s.mentor_id)};
  };
  for (const auto& s : recs.ranked) out.ranked.push_back(entry(s));
  for (const auto& s : recs.excluded) out.excluded.push_back(entry(s));
  out.wanted_skills = mentee.wanted_skills;
  out.seasoned = mentee.years >= settings.weights.seasoned_years;
  return out;
}

}  // namespace mh::services
