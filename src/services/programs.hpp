// Programs as use cases (issue 18, "programs and cohorts"): administrators make programs with
// their own dates, formats and rules, change them, and close one for good, which asks each of
// its open pairs to debrief and conclude. Each checks that the actor is an administrator, runs in
// the caller's transaction and writes its audit entry there. The matching settings document is
// read and checked by services/program_settings.hpp; here it is stored text.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/program.hpp"
#include "services/use_case.hpp"
#include "storage/programs_repo.hpp"

namespace mh::services {

struct ProgramView {
  storage::ProgramRecord program;
  storage::ProgramCounts counts;
};

// Administrators only (forbidden otherwise).
Result<std::vector<ProgramView>> list_programs(sql::Connection& db, const Person& admin);
// not_found when there is no such program.
Result<ProgramView> find_program(sql::Connection& db, const Person& admin, storage::ProgramId id);

// A new program with `matching` (a full settings document). Errors name the field (see
// validate_program); `name` taken by another program, whatever its case, is a conflict.
Result<storage::ProgramId> create_program(sql::Connection& db, const Person& admin, const ProgramFields& fields,
                                          std::string matching, TimePoint now);

// Stores `changed` (the program's fields with the request's changes applied) and, when given, a
// new matching document (the default program's is the organisation's setting, where it always
// was). Conflict when the program is closed or the new name is another's. The audit entry lists
// the fields that changed, and "matching" when its settings did.
Status update_program(sql::Connection& db, const Person& admin, const storage::ProgramRecord& before,
                      const ProgramFields& changed, std::optional<std::string> matching, TimePoint now);

// The organisation's matching settings (the default program's): `document` replaces them, and
// the audit entry says `what_changed` (the caller's account of the difference, e.g.
// "weights.skill 0.4 -> 0.5"). Administrators only.
Status change_organisation_matching(sql::Connection& db, const Person& admin, const std::string& document,
                                    const std::string& what_changed, TimePoint now);

// Closes the program: conflict for the default program or a closed one. Both people of each open
// relationship of the program (accepted, starting, active, fading) are asked to conclude.
struct ClosedProgram {
  int asked_to_conclude = 0;
};
Result<ClosedProgram> close_program(UseCase& uc, const Person& admin, storage::ProgramId id);

}  // namespace mh::services
