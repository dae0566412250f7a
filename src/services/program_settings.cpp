#include "services/program_settings.hpp"

#include <algorithm>
#include <cstdint>

#include "common/utf8.hpp"
#include "matching/profiles.hpp"
#include "storage/finding_repo.hpp"

namespace mh::services {

namespace {

using nlohmann::json;

// The weights as the document names them, so it is read and written the same way.
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

Status apply_weights(const json& w, ProgramSettings& s) {
  if (!w.is_object()) return invalid("weights", "must be an object of numbers");
  for (const auto& [key, value] : w.items()) {
    const std::string field = "weights." + key;
    if (key == "seasoned_years") {
      if (!value.is_number_integer()) return invalid(field, "must be an integer");
      if (value.is_number_unsigned() ? value.get<std::uint64_t>() > 60 : value.get<std::int64_t>() < 0 ||
                                                                              value.get<std::int64_t>() > 60)
        return invalid(field, "must be between 0 and 60");
      s.weights.seasoned_years = value.get<int>();
      continue;
    }
    auto it = std::find_if(weight_fields().begin(), weight_fields().end(), [&](const auto& f) { return key == f.first; });
    if (it == weight_fields().end()) return invalid(field, "is not a matching factor");
    if (!value.is_number() || value.get<double>() < 0 || value.get<double>() > 100)
      return invalid(field, "must be a number from 0 to 100");
    s.weights.*(it->second) = value.get<double>();
  }
  return {};
}

Status apply_emerging_skills(const json& list, ProgramSettings& s) {
  if (!list.is_array()) return invalid("emerging_skills", "must be a list of strings");
  if (list.size() > 50) return invalid("emerging_skills", "at most 50 skills");
  std::vector<std::string> skills;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string field = "emerging_skills[" + std::to_string(i) + "]";
    if (!list[i].is_string()) return invalid(field, "must be a string");
    skills.push_back(list[i].get<std::string>());
    if (has_stray_control_characters(skills.back()))
      return invalid(field, "must not contain control characters other than line breaks and tabs");
  }
  s.emerging_skills = std::move(skills);
  return {};
}

Result<ProgramSettings> read_document(const std::string& text, ProgramSettings s) {
  if (text.empty()) return s;
  const json doc = json::parse(text, nullptr, false);
  Status applied = doc.is_object() ? apply_settings(doc, s) : invalid("", "is not a JSON object");
  if (!applied) {
    const Error& e = applied.error();
    return Error{ErrorCode::internal,
                 "the stored matching settings cannot be read (" + (e.field.empty() ? "" : e.field + " ") + e.message +
                     "); save them again on the settings page",
                 {}};
  }
  return s;
}

}  // namespace

std::vector<std::string> ProgramSettings::emerging_keys() const { return matching::sorted_keys(emerging_skills); }

json settings_document(const ProgramSettings& s) {
  json w = json::object();
  for (const auto& [name, field] : weight_fields()) w[name] = s.weights.*field;
  w["seasoned_years"] = s.weights.seasoned_years;
  return {{"weights", w}, {"emerging_skills", s.emerging_skills}, {"allow_external", s.allow_external}};
}

Status apply_settings(const json& doc, ProgramSettings& s) {
  for (const auto& item : doc.items())
    if (item.key() != "weights" && item.key() != "emerging_skills" && item.key() != "allow_external")
      return invalid(item.key(), "is not a known field here");
  if (doc.contains("weights")) MH_CHECK(apply_weights(doc["weights"], s));
  if (doc.contains("emerging_skills")) MH_CHECK(apply_emerging_skills(doc["emerging_skills"], s));
  if (doc.contains("allow_external")) {
    if (!doc["allow_external"].is_boolean()) return invalid("allow_external", "must be true or false");
    s.allow_external = doc["allow_external"].get<bool>();
  }
  return {};
}

Result<ProgramSettings> load_settings(sql::Connection& db) {
  if (auto text = storage::program_setting(db, "matching")) return read_document(*text, {});
  return ProgramSettings{};
}

Result<ProgramSettings> load_program_settings(sql::Connection& db, const storage::ProgramRecord& program) {
  if (program.is_default) return load_settings(db);
  return read_document(program.matching, {});
}

}  // namespace mh::services
