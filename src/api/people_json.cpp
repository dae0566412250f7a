#include "api/people_json.hpp"

#include "api/errors.hpp"

namespace mh::api {

namespace {

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

template <class E>
void write_enum_names(JsonWriter& w, const std::vector<E>& items) {
  w.begin_array();
  for (E e : items) w.string(to_string(e));
  w.end_array();
}

void write_strings(JsonWriter& w, const std::vector<std::string>& items) {
  w.begin_array();
  for (const auto& s : items) w.string(s);
  w.end_array();
}

void write_id_or_null(JsonWriter& w, const std::optional<PersonId>& id) {
  if (id) w.string(std::to_string(*id));
  else w.null();
}

void write_text_or_null(JsonWriter& w, const std::string& text) {
  if (text.empty()) w.null();
  else w.string(text);
}

}  // namespace

// Which view sees what: an outsider (an external expert) sees neither the address, the
// department nor the manager; aspirations, what one seeks and former managers are one's own
// business (and the administrator's, who runs matching on them); the record's state and
// stamps are the administrator's. Members go in the order of their names, as a document
// would write them, so that both forms give the same text.
void write_person_members(JsonWriter& w, const Person& p, PersonView view, int current_year) {
  const bool colleague = view != PersonView::outsider;
  const bool own = view == PersonView::self || view == PersonView::admin;
  const bool admin = view == PersonView::admin;
  if (admin) w.key("active").boolean(p.active);
  if (own) {
    w.key("aspirations").begin_object();
    w.key("departments");
    write_strings(w, p.aspirations.departments);
    w.key("roles");
    write_strings(w, p.aspirations.roles);
    w.key("skills");
    write_strings(w, p.aspirations.skills);
    w.end_object();
  }
  w.key("bio").string(p.bio);
  if (own) {
    w.key("career_start_year");
    if (p.career_start_year) w.number(*p.career_start_year);
    else w.null();
  }
  if (admin) w.key("created_at").string(iso8601_text(p.created_at).view());
  if (colleague) {
    w.key("department").string(p.department);
    w.key("email").string(p.email);
  }
  if (own) {
    w.key("employee_id");  // from the HR system (the people import); set by nobody else
    write_text_or_null(w, p.employee_id);
  }
  w.key("formats_offered");
  write_enum_names(w, p.formats_offered);
  if (own) {
    w.key("formats_sought");
    write_enum_names(w, p.formats_sought);
    w.key("former_manager_ids").begin_array();
    for (PersonId id : p.former_manager_ids) w.string(std::to_string(id));
    w.end_array();
  }
  w.key("id").string(std::to_string(p.id));
  if (own) w.key("is_admin").boolean(p.is_admin);
  w.key("is_external").boolean(p.is_external);
  w.key("languages");
  write_strings(w, p.languages);
  if (own) w.key("location").string(p.location);
  if (colleague) {
    w.key("manager_id");
    write_id_or_null(w, p.manager_id);
  }
  w.key("media");
  write_enum_names(w, p.media);
  w.key("mentor_capacity").number(p.mentor_capacity);
  if (own) w.key("monthly_availability_hours").number(p.monthly_availability_hours);
  w.key("name").string(p.name);
  w.key("organisation").string(p.organisation);
  w.key("skills").begin_array();
  for (const auto& s : p.skills) w.begin_object().key("level").number(s.level).key("name").string(s.name).end_object();
  w.end_array();
  if (own) {
    w.key("start_date");
    write_text_or_null(w, p.start_date);
  }
  w.key("timezone").string(p.timezone);
  w.key("title").string(p.title);
  if (admin) w.key("updated_at").string(iso8601_text(p.updated_at).view());
  w.key("years_of_experience").number(p.years_of_experience(current_year));
}

std::string person_json_text(const Person& p, PersonView view, int current_year) {
  JsonWriter w;
  w.begin_object();
  write_person_members(w, p, view, current_year);
  w.end_object();
  return w.take();
}

json person_json(const Person& p, PersonView view, int current_year) {
  return json::parse(person_json_text(p, view, current_year));
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
