#include "services/programs.hpp"

#include <unordered_map>

#include "services/admin_audit.hpp"
#include "storage/finding_repo.hpp"
#include "storage/people_repo.hpp"
#include "storage/relationships_repo.hpp"

namespace mh::services {

namespace {

Status check_admin(const Person& actor) {
  if (!actor.is_admin) return forbidden("only a program administrator manages programs");
  return {};
}

Status check_name_free(sql::Connection& db, const std::string& name, storage::ProgramId self) {
  if (auto other = storage::find_program_by_name(db, name); other && other->id != self)
    return conflict("a program with this name exists already", "name");
  return {};
}

std::string day_or_none(const std::optional<std::chrono::sys_days>& d) {
  return storage::day_text(d).value_or("none");
}

// What an auditor reads: each field that changed, with its old and new value where it is one.
std::string changes(const ProgramFields& a, const ProgramFields& b, bool matching_changed) {
  std::string out;
  auto add = [&](const std::string& what) { out += (out.empty() ? "" : ", ") + what; };
  if (a.name != b.name) add("name \"" + a.name + "\" -> \"" + b.name + "\"");
  if (a.description != b.description) add("description");
  if (a.starts_on != b.starts_on) add("starts_on " + day_or_none(a.starts_on) + " -> " + day_or_none(b.starts_on));
  if (a.ends_on != b.ends_on) add("ends_on " + day_or_none(a.ends_on) + " -> " + day_or_none(b.ends_on));
  if (a.formats != b.formats) add("formats");
  if (a.request_expiry_days != b.request_expiry_days)
    add("request_expiry_days " + (a.request_expiry_days ? std::to_string(*a.request_expiry_days) : "default") +
        " -> " + (b.request_expiry_days ? std::to_string(*b.request_expiry_days) : "default"));
  if (a.fade_after_cadences != b.fade_after_cadences)
    add("fade_after_cadences " + std::to_string(a.fade_after_cadences) + " -> " +
        std::to_string(b.fade_after_cadences));
  if (matching_changed) add("matching");
  return out.empty() ? "nothing changed" : out;
}

storage::ProgramCounts counts_of(sql::Connection& db, storage::ProgramId id) {
  for (const auto& [program, counts] : storage::program_counts(db))
    if (program == id) return counts;
  return {};
}

std::string closing_message(const std::string& program, const std::string& partner) {
  return "The program " + program + " has closed. Take stock of your mentoring with " + partner +
         ": debrief what you achieved against your objectives and conclude it, so it ends well rather than fading.";
}

}  // namespace

Result<std::vector<ProgramView>> list_programs(sql::Connection& db, const Person& admin) {
  MH_CHECK(check_admin(admin));
  std::unordered_map<storage::ProgramId, storage::ProgramCounts> counts;
  for (auto& [id, c] : storage::program_counts(db)) counts.emplace(id, c);
  std::vector<ProgramView> out;
  for (auto& p : storage::list_programs(db)) {
    const storage::ProgramId id = p.id;
    out.push_back({std::move(p), counts[id]});
  }
  return out;
}

Result<ProgramView> find_program(sql::Connection& db, const Person& admin, storage::ProgramId id) {
  MH_CHECK(check_admin(admin));
  auto p = storage::find_program(db, id);
  if (!p) return not_found("no such program");
  return ProgramView{std::move(*p), counts_of(db, id)};
}

Result<storage::ProgramId> create_program(sql::Connection& db, const Person& admin, const ProgramFields& fields,
                                          std::string matching, TimePoint now) {
  MH_CHECK(check_admin(admin));
  MH_CHECK(validate_program(fields));
  MH_CHECK(check_name_free(db, fields.name, 0));
  storage::ProgramRecord p;
  p.fields = fields;
  p.matching = std::move(matching);
  p.created_by = admin.id;
  p.created_at = now;
  const storage::ProgramId id = storage::insert_program(db, p);
  record_admin_action(db, now, admin.id, admin_action::kProgramCreated, subject("program", id), fields.name);
  return id;
}

Status update_program(sql::Connection& db, const Person& admin, const storage::ProgramRecord& before,
                      const ProgramFields& changed, std::optional<std::string> matching, TimePoint now) {
  MH_CHECK(check_admin(admin));
  if (before.closed()) return conflict("this program is closed and changes no more");
  MH_CHECK(validate_program(changed));
  MH_CHECK(check_name_free(db, changed.name, before.id));
  storage::ProgramRecord after = before;
  after.fields = changed;
  bool matching_changed = false;
  if (matching && before.is_default) {
    // The default program's settings are the organisation's, kept where they always were.
    matching_changed = storage::program_setting(db, "matching") != *matching;
    storage::save_program_setting(db, "matching", *matching, now);
  } else if (matching) {
    matching_changed = *matching != before.matching;
    after.matching = std::move(*matching);
  }
  storage::update_program(db, after);
  record_admin_action(db, now, admin.id, admin_action::kProgramChanged, subject("program", before.id),
                      changes(before.fields, changed, matching_changed));
  return {};
}

Status change_organisation_matching(sql::Connection& db, const Person& admin, const std::string& document,
                                    const std::string& what_changed, TimePoint now) {
  MH_CHECK(check_admin(admin));
  storage::save_program_setting(db, "matching", document, now);
  record_admin_action(db, now, admin.id, admin_action::kProgramSettingsChanged, "program", what_changed);
  return {};
}

Result<ClosedProgram> close_program(UseCase& uc, const Person& admin, storage::ProgramId id) {
  MH_CHECK(check_admin(admin));
  auto program = storage::find_program(uc.db(), id);
  if (!program) return not_found("no such program");
  if (program->is_default) return conflict("the default program holds every other relationship and cannot be closed");
  if (program->closed()) return conflict("this program is closed already");
  program->closed_at = uc.now();
  program->closed_by = admin.id;
  storage::update_program(uc.db(), *program);
  ClosedProgram out;
  for (const auto& pair : storage::open_relationships_of_program(uc.db(), *program)) {
    auto r = storage::find_relationship(uc.db(), pair.relationship_id);
    if (!r) continue;
    const auto mentee = storage::find_person(uc.db(), r->mentee_id);
    const auto mentor = storage::find_person(uc.db(), r->mentor_id);
    for (const auto& [person, partner] : {std::pair{r->mentee_id, &mentor}, std::pair{r->mentor_id, &mentee}}) {
      const std::string partner_name = *partner ? (*partner)->name : std::string("your partner");
      uc.notify(relationship_notice(*r, person, "program_closed", closing_message(program->fields.name, partner_name),
                                    "debrief")
                    .on(subject("program", id)));
    }
    ++out.asked_to_conclude;
  }
  record_admin_action(uc.db(), uc.now(), admin.id, admin_action::kProgramClosed, subject("program", id),
                      program->fields.name + ": " +
                          count_of(out.asked_to_conclude, "open pair", "open pairs") + " asked to conclude");
  return out;
}

}  // namespace mh::services
