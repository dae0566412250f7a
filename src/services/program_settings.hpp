// The program's matching settings: the weights of the recommendation factors, the emerging
// skills (for reverse mentoring) and whether people from outside the organisation may be
// suggested. Kept in the store as one JSON document, the organisation's or a program's own;
// recommendations, the directory search, cohort matching and the settings pages all read and
// check it here. Pure over a connection; thread-safe.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/result.hpp"
#include "matching/scoring.hpp"
#include "storage/programs_repo.hpp"
#include "storage/sql/connection.hpp"

namespace mh::services {

struct ProgramSettings {
  matching::Weights weights;
  std::vector<std::string> emerging_skills{"generative AI", "prompt engineering", "LLM evaluation",
                                           "data privacy engineering"};
  bool allow_external = true;

  // The emerging skills as scoring keys, sorted.
  std::vector<std::string> emerging_keys() const;
};

// The document of `s`, as it is stored and as the settings pages show it.
nlohmann::json settings_document(const ProgramSettings& s);

// Applies the members present in `doc` (a change from a settings page, or a stored document)
// over `s`: invalid naming the first member that is unknown, of the wrong type or out of range
// ("weights.skill"), and then `s` is not to be used.
Status apply_settings(const nlohmann::json& doc, ProgramSettings& s);

// The organisation's settings over the defaults. A stored document that no longer reads is an
// internal error that says which member, not a silent default.
Result<ProgramSettings> load_settings(sql::Connection& db);
// A program's settings: the organisation's for the default program, else its own document.
Result<ProgramSettings> load_program_settings(sql::Connection& db, const storage::ProgramRecord& program);

}  // namespace mh::services
