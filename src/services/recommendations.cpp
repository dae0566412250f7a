#include "services/recommendations.hpp"

#include "storage/people_repo.hpp"

namespace mh::services {

Result<storage::MentorRecommendation> recommend_mentor(UseCase& uc, const Person& actor, PersonId report_id,
                                                       PersonId mentor_id, const std::string& note) {
  if (note.size() > 1000) return invalid("note", "is longer than 1000 characters");
  auto report = storage::find_person(uc.db(), report_id);
  if (!report || !report->active) return not_found("no such person");
  if (report->manager_id != actor.id) return forbidden("you can recommend a mentor only to your own direct reports");
  auto mentor = storage::find_person(uc.db(), mentor_id);
  if (!mentor || !mentor->active) return invalid("mentor_id", "no active person has this id");
  if (mentor->id == report->id) return invalid("mentor_id", "nobody mentors themselves");
  if (mentor->id == actor.id)
    return invalid("mentor_id", "recommend someone other than yourself: a mentor who is not their manager");
  storage::MentorRecommendation r{0, actor.id, report->id, mentor->id, note, uc.now()};
  r.id = storage::save_mentor_recommendation(uc.db(), r);
  // Each recommendation is its own occasion: a manager may recommend the same mentor again.
  uc.notify(Notice{report->id, "manager_recommendation", subject("person", mentor->id),
                   subject("recommendation", r.id) + "@" + format_iso8601(uc.now()),
                   actor.name + " recommends " + mentor->name + " as a mentor for you" +
                       (note.empty() ? "." : ": " + note),
                   person_page(mentor->id), std::nullopt});
  return r;
}

std::vector<MentorRecommendationView> my_mentor_recommendations(sql::Connection& db, const Person& actor) {
  std::vector<MentorRecommendationView> out;
  for (auto& r : storage::mentor_recommendations_for(db, actor.id)) {
    auto manager = storage::find_person(db, r.manager_id);
    auto mentor = storage::find_person(db, r.mentor_id);
    out.push_back({std::move(r), manager ? manager->name : "", mentor ? mentor->name : "", mentor ? mentor->title : ""});
  }
  return out;
}

}  // namespace mh::services
