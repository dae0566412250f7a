#include "services/relationship_overview.hpp"

#include <unordered_map>

#include "storage/programs_repo.hpp"

namespace mh::services {

Result<RelationshipOverview> relationship_overview(sql::Connection& db, const Person& actor, const OverviewFilter& filter,
                                                   TimePoint now, const LifecycleSettings& settings) {
  if (!actor.is_admin) return forbidden("only program administrators see the relationships overview");
  if (filter.program && !storage::find_program(db, *filter.program)) return invalid("program_id", "no such program");
  static const std::vector<RelState> kEvery{RelState::requested, RelState::declined,   RelState::withdrawn,
                                            RelState::expired,   RelState::accepted,   RelState::starting,
                                            RelState::active,    RelState::fading,     RelState::concluding,
                                            RelState::concluded};
  RelationshipOverview out;
  for (RelState s : kEvery) out.counts[s] = 0;
  // The counts of every relationship in a handful of statements, not several per relationship.
  std::unordered_map<RelationshipId, storage::RelationshipMetadata> facts;
  for (auto& m : storage::all_relationship_metadata(db)) facts.emplace(m.id, std::move(m));
  for (Relationship& r : storage::relationships_in(db, kEvery)) {
    auto f = facts.find(r.id);
    storage::RelationshipMetadata m = f == facts.end() ? storage::RelationshipMetadata{} : std::move(f->second);
    if (filter.program && m.program_id != *filter.program) continue;
    ++out.counts[r.state];
    const bool stalled = is_not_started(r, now, settings);
    out.not_started += stalled ? 1 : 0;
    if (filter.state && r.state != *filter.state) continue;
    out.items.push_back({std::move(r), std::move(m), stalled});
  }
  return out;
}

}  // namespace mh::services
