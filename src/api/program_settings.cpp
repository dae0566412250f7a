#include "api/program_settings.hpp"

#include <algorithm>

#include "api/errors.hpp"
#include "matching/profiles.hpp"
#include "storage/finding_repo.hpp"

namespace mh::api {

namespace {

// The weights as JSON names, so settings read and write them the same way.
const std::vector<std::pair<const char*, double matching::Weights::*>>& weight_fields() {
  static const std::vector<std::pair<const char*, double matching::Weights::*>> f{
      {"skill", &matching::Weights::skill},
      {"aspiration_role", &matching::Weights::aspiration_role},
      {"aspiration_department", &matching::Weights::aspiration_department},
      {"experience_gap", &matching::Weights::experience_gap},
      {"outside_perspective", &matching::Weights::outside_perspective},
      {"reverse_mentoring", &matching::Weights::reverse_mentoring},
      {"former_manager", &matching::Weights::former_manager},
      {"timezone_overlap", &matching::Weights::timezone_overlap},
      {"shared_medium", &matching::Weights::shared_medium},
      {"free_capacity", &matching::Weights::free_capacity},
      {"responsiveness", &matching::Weights::responsiveness},
      {"unresponsive_penalty", &matching::Weights::unresponsive_penalty},
      {"manager_recommendation", &matching::Weights::manager_recommendation},
  };
  return f;
}

}  // namespace

json settings_json(const ProgramSettings& s) {
  json w = json::object();
  for (const auto& [name, field] : weight_fields()) w[name] = s.weights.*field;
  w["seasoned_years"] = s.weights.seasoned_years;
  return {{"weights", w}, {"emerging_skills", s.emerging_skills}, {"allow_external", s.allow_external}};
}

void apply_settings(const json& j, ProgramSettings& s) {
  reject_unknown_fields(j, {"weights", "emerging_skills", "allow_external"});
  if (j.contains("weights")) {
    const json& w = j["weights"];
    if (!w.is_object()) throw_invalid("weights", "must be an object of numbers");
    for (const auto& [key, value] : w.items()) {
      const std::string field = "weights." + key;
      if (key == "seasoned_years") {
        const auto years = int_field(value, field);
        if (years < 0 || years > 60) throw_invalid(field, "must be between 0 and 60");
        s.weights.seasoned_years = static_cast<int>(years);
        continue;
      }
      auto it = std::find_if(weight_fields().begin(), weight_fields().end(), [&](const auto& f) { return key == f.first; });
      if (it == weight_fields().end()) throw_invalid(field, "is not a matching factor");
      if (!value.is_number() || value.get<double>() < 0 || value.get<double>() > 100)
        throw_invalid(field, "must be a number from 0 to 100");
      s.weights.*(it->second) = value.get<double>();
    }
  }
  if (j.contains("emerging_skills")) {
    s.emerging_skills = string_list_field(j["emerging_skills"], "emerging_skills");
    if (s.emerging_skills.size() > 50) throw_invalid("emerging_skills", "at most 50 skills");
  }
  if (j.contains("allow_external")) s.allow_external = bool_field(j["allow_external"], "allow_external");
}

ProgramSettings load_settings(sql::Connection& db) {
  ProgramSettings s;
  if (auto text = storage::program_setting(db, "matching")) {
    const json j = json::parse(*text, nullptr, false);
    if (j.is_object()) apply_settings(j, s);
  }
  return s;
}

ProgramSettings load_program_settings(sql::Connection& db, const storage::ProgramRecord& program) {
  if (program.is_default) return load_settings(db);
  ProgramSettings s;
  const json j = json::parse(program.matching, nullptr, false);
  if (j.is_object()) apply_settings(j, s);
  return s;
}

std::vector<std::string> ProgramSettings::emerging_keys() const {
  return matching::sorted_keys(emerging_skills);
}

}  // namespace mh::api
