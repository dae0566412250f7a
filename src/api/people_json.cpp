#include "api/people_json.hpp"

#include "api/errors.hpp"

namespace mh::api {

namespace {

template <class E>
json enum_names(const std::vector<E>& items) {
  json a = json::array();
  for (E e : items) a.push_back(to_string(e));
  return a;
}

json id_or_null(const std::optional<PersonId>& id) { return id ? json(std::to_string(*id)) : json(nullptr); }

template <class E, class Parse>
std::vector<E> parse_enum_list(const json& v, const std::string& field, Parse parse, const char* allowed) {
  std::vector<E> out;
  const auto names = string_list_field(v, field);
  for (size_t i = 0; i < names.size(); ++i) {
    auto e = parse(names[i]);
    if (!e) throw_invalid(field + "[" + std::to_string(i) + "]", std::string("must be one of ") + allowed);
    out.push_back(*e);
  }
  return out;
}

}  // namespace

// Built key by key into the object: nlohmann's braced form first builds every pair as a
// two-element array and then converts, which made this a fifth of a people page's time.
json person_json(const Person& p, PersonView view, int current_year) {
  json j = json::object();
  json skills = json::array();
  for (const auto& s : p.skills) {
    json skill = json::object();
    skill["name"] = s.name;
    skill["level"] = s.level;
    skills.push_back(std::move(skill));
  }
  j["id"] = std::to_string(p.id);
  j["name"] = p.name;
  j["title"] = p.title;
  j["organisation"] = p.organisation;
  j["is_external"] = p.is_external;
  j["years_of_experience"] = p.years_of_experience(current_year);
  j["skills"] = std::move(skills);
  j["timezone"] = p.timezone;
  j["languages"] = p.languages;
  j["media"] = enum_names(p.media);
  j["mentor_capacity"] = p.mentor_capacity;
  j["formats_offered"] = enum_names(p.formats_offered);
  j["bio"] = p.bio;
  // An outsider (an external expert) sees neither the address, the department nor the manager.
  if (view == PersonView::outsider) return j;
  j["email"] = p.email;
  j["department"] = p.department;
  j["manager_id"] = id_or_null(p.manager_id);
  if (view == PersonView::colleague) return j;
  // Aspirations, what one seeks and former managers are one's own business (and the admin's,
  // who runs matching on them).
  json former = json::array();
  for (PersonId id : p.former_manager_ids) former.push_back(std::to_string(id));
  j["former_manager_ids"] = std::move(former);
  j["career_start_year"] = p.career_start_year ? json(*p.career_start_year) : json(nullptr);
  json aspirations = json::object();
  aspirations["roles"] = p.aspirations.roles;
  aspirations["departments"] = p.aspirations.departments;
  aspirations["skills"] = p.aspirations.skills;
  j["aspirations"] = std::move(aspirations);
  j["monthly_availability_hours"] = p.monthly_availability_hours;
  j["formats_sought"] = enum_names(p.formats_sought);
  j["is_admin"] = p.is_admin;
  // From the HR system (the people import); set by nobody else.
  j["employee_id"] = p.employee_id.empty() ? json(nullptr) : json(p.employee_id);
  j["start_date"] = p.start_date.empty() ? json(nullptr) : json(p.start_date);
  j["location"] = p.location;
  if (view == PersonView::admin) {
    j["active"] = p.active;
    j["created_at"] = format_iso8601(p.created_at);
    j["updated_at"] = format_iso8601(p.updated_at);
  }
  return j;
}

void apply_person_patch(const json& patch, Person& p, Editor editor) {
  constexpr const char* kMedia = "video, in_person, phone, chat";
  constexpr const char* kFormats = "one_to_one, circle, flash";
  for (const auto& [key, v] : patch.items()) {
    const bool admin_only = key == "email" || key == "organisation" || key == "is_external" ||
                            key == "department" || key == "manager_id" || key == "former_manager_ids" ||
                            key == "is_admin" || key == "active";
    if (admin_only && editor != Editor::admin)
      throw ApiError(Error{ErrorCode::forbidden, key + " is managed by your program administrator", key});
    if (key == "name") p.name = string_field(v, key);
    else if (key == "title") p.title = string_field(v, key);
    else if (key == "bio") p.bio = string_field(v, key);
    else if (key == "timezone") p.timezone = string_field(v, key);
    else if (key == "languages") p.languages = string_list_field(v, key);
    else if (key == "career_start_year") {
      if (v.is_null()) p.career_start_year.reset();
      else {
        const auto year = int_field(v, key);
        if (year < 1900 || year > 2200) throw_invalid(key, "must be a year such as 2015");
        p.career_start_year = static_cast<int>(year);
      }
    } else if (key == "monthly_availability_hours") {
      const auto n = int_field(v, key);
      if (n < 0 || n > kMaxMonthlyHours) throw_invalid(key, "must be between 0 and 200");
      p.monthly_availability_hours = static_cast<int>(n);
    } else if (key == "mentor_capacity") {
      const auto n = int_field(v, key);
      if (n < 0 || n > kMaxMentorCapacity) throw_invalid(key, "must be between 0 and 20");
      p.mentor_capacity = static_cast<int>(n);
    } else if (key == "media") p.media = parse_enum_list<Medium>(v, key, parse_medium, kMedia);
    else if (key == "formats_offered") p.formats_offered = parse_enum_list<Format>(v, key, parse_format, kFormats);
    else if (key == "formats_sought") p.formats_sought = parse_enum_list<Format>(v, key, parse_format, kFormats);
    else if (key == "skills") {
      if (!v.is_array()) throw_invalid(key, "must be a list of {name, level}");
      std::vector<Skill> skills;
      for (size_t i = 0; i < v.size(); ++i) {
        const std::string f = "skills[" + std::to_string(i) + "]";
        if (!v[i].is_object()) throw_invalid(f, "must be an object {name, level}");
        reject_unknown_fields(v[i], {"name", "level"}, f);
        if (!v[i].contains("name")) throw_invalid(f + ".name", "is required");
        if (!v[i].contains("level")) throw_invalid(f + ".level", "is required");
        const auto level = int_field(v[i]["level"], f + ".level");
        if (level < 1 || level > kMaxSkillLevel) throw_invalid(f + ".level", "must be between 1 and 5");
        skills.push_back({string_field(v[i]["name"], f + ".name"), static_cast<int>(level)});
      }
      p.skills = std::move(skills);
    } else if (key == "aspirations") {
      if (!v.is_object()) throw_invalid(key, "must be an object {roles, departments, skills}");
      reject_unknown_fields(v, {"roles", "departments", "skills"}, "aspirations");
      if (v.contains("roles")) p.aspirations.roles = string_list_field(v["roles"], "aspirations.roles");
      if (v.contains("departments"))
        p.aspirations.departments = string_list_field(v["departments"], "aspirations.departments");
      if (v.contains("skills")) p.aspirations.skills = string_list_field(v["skills"], "aspirations.skills");
    } else if (key == "email") p.email = normalize_email(string_field(v, key));
    else if (key == "organisation") p.organisation = string_field(v, key);
    else if (key == "is_external") p.is_external = bool_field(v, key);
    else if (key == "department") p.department = string_field(v, key);
    else if (key == "manager_id") p.manager_id = v.is_null() ? std::nullopt : std::optional(id_from_json(v, key));
    else if (key == "former_manager_ids") {
      if (!v.is_array()) throw_invalid(key, "must be a list of ids");
      std::vector<PersonId> ids;
      for (size_t i = 0; i < v.size(); ++i) ids.push_back(id_from_json(v[i], key + "[" + std::to_string(i) + "]"));
      p.former_manager_ids = std::move(ids);
    } else if (key == "is_admin") p.is_admin = bool_field(v, key);
    else if (key == "active") p.active = bool_field(v, key);
    else throw_invalid(key, "is not a field of a person");
  }
}

}  // namespace mh::api
