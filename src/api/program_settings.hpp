// The program's matching settings: the weights of the recommendation factors, the emerging
// skills (for reverse mentoring) and whether people from outside the organisation may be
// suggested. Kept in the store as one JSON document; recommendations, the directory and cohort
// matching read them the same way.
#pragma once

#include <string>
#include <vector>

#include "api/json_io.hpp"
#include "matching/scoring.hpp"
#include "storage/programs_repo.hpp"
#include "storage/sql/connection.hpp"

namespace mh::api {

struct ProgramSettings {
  matching::Weights weights;
  std::vector<std::string> emerging_skills{"generative AI", "prompt engineering", "LLM evaluation",
                                           "data privacy engineering"};
  bool allow_external = true;

  // The emerging skills as scoring keys, sorted.
  std::vector<std::string> emerging_keys() const;
};

json settings_json(const ProgramSettings& s);
// Applies the members present in `j` (throws ApiError naming a bad one).
void apply_settings(const json& j, ProgramSettings& s);
// The stored settings over the defaults.
ProgramSettings load_settings(sql::Connection& db);
// A program's settings: the organisation's for the default program, else its own document.
ProgramSettings load_program_settings(sql::Connection& db, const storage::ProgramRecord& program);

}  // namespace mh::api
