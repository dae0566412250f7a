#include "services/program_nudges.hpp"

#include <algorithm>

#include "services/admin_audit.hpp"
#include "storage/people_repo.hpp"
#include "storage/relationships_repo.hpp"

namespace mh::services {

namespace {

bool stalled(const Relationship& r, Stalled which, const UseCase& uc) {
  return which == Stalled::fading ? r.state == RelState::fading : is_not_started(r, uc.now(), uc.rules());
}

// What each person is asked to do, by name of the other: the next step of the article's model.
std::string nudge_message(Stalled which, const std::string& partner, const std::string& note,
                          const std::string& admin) {
  std::string m =
      which == Stalled::fading
          ? "Your mentoring with " + partner +
                " has had no meeting for a while. Schedule the next one, or, if you have reached what you set out to "
                "do, start concluding: a real debrief is worth more than letting it fade."
          : "Your mentoring with " + partner +
                " has not really started: agree its purpose together and schedule your first meeting.";
  if (!note.empty()) m += " A note from " + admin + ", your program administrator: " + note;
  return m;
}

}  // namespace

Result<NudgeReport> nudge_stalled_pairs(UseCase& uc, const Person& admin, const NudgeInput& in) {
  if (!admin.is_admin) return forbidden("only a program administrator nudges pairs");
  if (in.note.size() > kNudgeNoteMax)
    return invalid("note", "is too long: at most " + std::to_string(kNudgeNoteMax) + " characters");
  std::vector<Relationship> chosen;
  if (in.only.empty()) {
    const std::vector<RelState> states =
        in.which == Stalled::fading ? std::vector<RelState>{RelState::fading} : std::vector<RelState>{RelState::starting};
    chosen = storage::relationships_in(uc.db(), states);
  } else {
    for (std::size_t i = 0; i < in.only.size(); ++i) {
      auto r = storage::find_relationship(uc.db(), in.only[i]);
      if (!r) return invalid("relationship_ids[" + std::to_string(i) + "]", "no such relationship");
      chosen.push_back(std::move(*r));
    }
  }
  NudgeReport report;
  // Told once a day at most, whoever nudges: the day is the notification's occasion.
  const std::string occasion = "nudge:" + format_iso8601(uc.now()).substr(0, 10);
  for (const Relationship& r : chosen) {
    if (!stalled(r, in.which, uc)) {
      ++report.not_stalled;
      continue;
    }
    auto mentee = storage::find_person(uc.db(), r.mentee_id);
    auto mentor = storage::find_person(uc.db(), r.mentor_id);
    int told = 0;
    for (const auto& [person, partner] : {std::pair{r.mentee_id, &mentor}, std::pair{r.mentor_id, &mentee}}) {
      const std::string partner_name = *partner ? (*partner)->name : std::string("your partner");
      const char* section = in.which == Stalled::fading ? "meetings" : "purpose";
      if (uc.notify(relationship_notice(r, person, "program_nudge",
                                        nudge_message(in.which, partner_name, in.note, admin.name), section)
                        .on(occasion)))
        ++told;
    }
    if (told > 0) {
      ++report.pairs;
      report.people += told;
    } else {
      ++report.already_today;
    }
  }
  if (report.pairs > 0)
    record_admin_action(uc.db(), uc.now(), admin.id, admin_action::kPairsNudged, "relationships",
                        count_of(report.pairs, in.which == Stalled::fading ? "fading pair" : "pair not started",
                                 in.which == Stalled::fading ? "fading pairs" : "pairs not started") +
                            " nudged" + (in.note.empty() ? "" : ", with a note"));
  return report;
}

}  // namespace mh::services
