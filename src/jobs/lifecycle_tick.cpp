#include "jobs/lifecycle_tick.hpp"

#include "storage/people_repo.hpp"
#include "storage/relationships_repo.hpp"

namespace mh::jobs {

namespace {

std::string name_of(sql::Connection& db, PersonId id) {
  auto p = storage::find_person(db, id);
  return p ? p->name : "your partner";
}

void nudge(sql::Connection& db, PersonId person, RelationshipId rel, const char* kind, std::string message,
           TimePoint now) {
  storage::insert_nudge(db, {0, person, rel, kind, std::move(message), now, std::nullopt});
}

}  // namespace

Result<TickReport> run_lifecycle_tick(Store& store, TimePoint now, const LifecycleSettings& settings) {
  TickReport report;
  auto candidates = store.read_value<std::vector<Relationship>>([&](sql::Connection& db) -> Result<std::vector<Relationship>> {
    return storage::relationships_in(db, {RelState::requested, RelState::active, RelState::fading});
  });
  if (!candidates) return candidates.error();
  for (const Relationship& seen : *candidates) {
    Status s = store.write([&](sql::Connection& db) -> Status {
      // Re-read inside the transaction: a request may have been answered meanwhile.
      auto r = storage::find_relationship(db, seen.id);
      if (!r) return {};
      if (has_expired(*r, now)) {
        MH_CHECK(storage::change_state(db, *r, RelState::expired, std::nullopt, now, "no answer in time"));
        const bool offer = r->initiator_id == r->mentor_id;
        nudge(db, r->initiator_id, r->id, "request_expired",
              offer ? "Your offer to mentor " + name_of(db, r->recipient()) +
                          " expired without an answer. Others may welcome your help: see who is looking."
                    : "Your request to " + name_of(db, r->recipient()) +
                          " expired without an answer. Look for another mentor: there are others who will answer.",
              now);
        ++report.expired;
        return {};
      }
      const Activity a = storage::load_activity(db, *r, settings.default_cadence_days, now);
      if (should_fade(a, now)) {
        MH_CHECK(storage::change_state(db, *r, RelState::fading, std::nullopt, now,
                                       "no meeting held or scheduled within twice the cadence"));
        for (PersonId p : {r->mentee_id, r->mentor_id})
          nudge(db, p, r->id, "fading",
                "Your mentoring with " + name_of(db, r->other_than(p)) +
                    " is fading: no meeting in " + std::to_string(2 * a.cadence_days) +
                    " days. Schedule a meeting, or start concluding it properly with a debrief.",
                now);
        ++report.faded;
      } else if (should_revive(a, now)) {
        MH_CHECK(storage::change_state(db, *r, RelState::active, std::nullopt, now, "a meeting is planned again"));
        ++report.revived;
      }
      return {};
    });
    if (!s) return s.error();
  }
  return report;
}

}  // namespace mh::jobs
