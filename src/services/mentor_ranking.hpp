// A person's explained mentor recommendations (GET /api/v1/me/recommendations): every mentor in
// the directory snapshot ranked for them with the program's weights, shifted by the purpose they
// say they have, on the skills they ask about or else their profile's; the people the hard rules
// exclude who would have ranked, with the reason; and, when asked, the open circles or flash
// topics on the same skills. A read: nothing is written.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "domain/purpose.hpp"
#include "services/directory.hpp"
#include "services/directory_search.hpp"

namespace mh::services {

struct RankingQuery {
  int limit = 10;
  std::optional<ObjectiveCategory> purpose;
  // circle or flash: the open offers on the wanted skills come with the ranking.
  std::optional<Format> format;
  // The skills asked about, as typed (each must name a skill someone holds); none: the profile's.
  std::optional<std::vector<std::string>> skills;
};

struct RankedMentor {
  matching::Scored scored;
  matching::MentorProfile mentor;  // with current places and responsiveness
  const Person* person = nullptr;  // in `MentorRanking::snapshot`
};

struct MentorRanking {
  std::shared_ptr<const DirectorySnapshot> snapshot;  // holds the people the entries point to
  std::vector<RankedMentor> ranked, excluded;
  std::vector<std::string> wanted_skills;  // keys, sorted
  bool seasoned = false;                   // the mentee counts as seasoned (reverse mentoring applies)
  std::optional<FormatOffers> offers;      // when the query's format is circle or flash
};

// The program's weights as a purpose shifts them, as the article's examples do: networking
// values an outside perspective and the department one aspires to; career options the role,
// department and experience one aspires to; skill gaps and coaching the skills.
matching::Weights weights_for_purpose(matching::Weights w, std::optional<ObjectiveCategory> purpose);

// `me`'s ranking as of `now`. invalid (skills) naming a skill nobody holds, with the nearest one.
Result<MentorRanking> rank_mentors_for(sql::Connection& db, Directory& directory, const Person& me, TimePoint now,
                                       const RankingQuery& q);

}  // namespace mh::services
