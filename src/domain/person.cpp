#include "domain/person.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <set>

#include "domain/enum_names.hpp"
#include "domain/own_data.hpp"
#include "domain/text.hpp"

namespace mh {

namespace {
constexpr EnumNames<Medium, 4> kMedia{{"video", "in_person", "phone", "chat"}};
constexpr EnumNames<Format, 3> kFormats{{"one_to_one", "circle", "flash"}};
}  // namespace

const char* to_string(Medium m) { return kMedia.name(m); }
const char* to_string(Format f) { return kFormats.name(f); }
std::optional<Medium> parse_medium(std::string_view s) { return kMedia.parse(s); }
std::optional<Format> parse_format(std::string_view s) { return kFormats.parse(s); }

int Person::years_of_experience(int current_year) const {
  return career_start_year ? std::max(0, current_year - *career_start_year) : 0;
}

bool Person::offers(Format f) const {
  return std::find(formats_offered.begin(), formats_offered.end(), f) != formats_offered.end();
}

std::string normalize_email(std::string_view email) {
  while (!email.empty() && std::isspace(static_cast<unsigned char>(email.front()))) email.remove_prefix(1);
  while (!email.empty() && std::isspace(static_cast<unsigned char>(email.back()))) email.remove_suffix(1);
  return ascii_lower(email);
}

bool is_plausible_email(std::string_view e) {
  if (e.size() < 3 || e.size() > 254) return false;
  const size_t at = e.find('@');
  if (at == std::string_view::npos || at == 0 || e.find('@', at + 1) != std::string_view::npos) return false;
  const std::string_view domain = e.substr(at + 1);
  const size_t dot = domain.find('.');
  if (dot == std::string_view::npos || dot == 0 || domain.back() == '.') return false;
  return std::none_of(e.begin(), e.end(), [](unsigned char c) { return std::isspace(c) || c < 0x20; });
}

namespace {

Status check_text_list(const std::vector<std::string>& items, const std::string& field) {
  if (items.size() > kMaxListItems) return invalid(field, "at most " + std::to_string(kMaxListItems) + " entries");
  for (size_t i = 0; i < items.size(); ++i) {
    const std::string f = field + "[" + std::to_string(i) + "]";
    if (blank(items[i])) return invalid(f, "must not be empty");
    if (items[i].size() > kMaxNameLength) return invalid(f, "is too long");
  }
  return {};
}

template <class T>
bool has_duplicates(std::vector<T> v) {
  std::sort(v.begin(), v.end());
  return std::adjacent_find(v.begin(), v.end()) != v.end();
}

}  // namespace

Status validate_person(const Person& p, int current_year, const TimezoneCheck& timezone_problem) {
  if (!is_plausible_email(p.email)) return invalid("email", "is not a valid e-mail address");
  if (is_erased_email(p.email)) return invalid("email", "this domain is reserved for deleted accounts");
  if (blank(p.name)) return invalid("name", "must not be empty");
  if (p.name.size() > kMaxNameLength) return invalid("name", "is too long");
  if (p.title.size() > kMaxNameLength) return invalid("title", "is too long");
  if (p.department.size() > kMaxNameLength) return invalid("department", "is too long");
  if (p.organisation.size() > kMaxNameLength) return invalid("organisation", "is too long");
  if (p.is_external && blank(p.organisation))
    return invalid("organisation", "an external person needs their organisation");
  if (p.manager_id && *p.manager_id == p.id && p.id != 0) return invalid("manager_id", "nobody manages themselves");
  if (p.career_start_year && (*p.career_start_year < current_year - 70 || *p.career_start_year > current_year))
    return invalid("career_start_year", "must be between " + std::to_string(current_year - 70) + " and " +
                                            std::to_string(current_year));
  if (p.skills.size() > kMaxListItems) return invalid("skills", "at most 30 skills");
  std::set<std::string> seen;
  for (size_t i = 0; i < p.skills.size(); ++i) {
    const std::string f = "skills[" + std::to_string(i) + "]";
    if (blank(p.skills[i].name)) return invalid(f + ".name", "must not be empty");
    if (p.skills[i].name.size() > kMaxNameLength) return invalid(f + ".name", "is too long");
    if (p.skills[i].level < 1 || p.skills[i].level > kMaxSkillLevel)
      return invalid(f + ".level", "must be between 1 and 5");
    if (!seen.insert(ascii_lower(p.skills[i].name)).second) return invalid(f + ".name", "is listed twice");
  }
  MH_CHECK(check_text_list(p.aspirations.roles, "aspirations.roles"));
  MH_CHECK(check_text_list(p.aspirations.departments, "aspirations.departments"));
  MH_CHECK(check_text_list(p.aspirations.skills, "aspirations.skills"));
  MH_CHECK(check_text_list(p.languages, "languages"));
  if (auto problem = timezone_problem(p.timezone)) return invalid("timezone", *problem);
  if (p.former_manager_ids.size() > kMaxListItems) return invalid("former_manager_ids", "at most 30 entries");
  if (has_duplicates(p.former_manager_ids)) return invalid("former_manager_ids", "lists a person twice");
  if (has_duplicates(p.media)) return invalid("media", "lists a medium twice");
  if (has_duplicates(p.formats_offered)) return invalid("formats_offered", "lists a format twice");
  if (has_duplicates(p.formats_sought)) return invalid("formats_sought", "lists a format twice");
  if (p.monthly_availability_hours < 0 || p.monthly_availability_hours > kMaxMonthlyHours)
    return invalid("monthly_availability_hours", "must be between 0 and 200");
  if (p.mentor_capacity < 0 || p.mentor_capacity > kMaxMentorCapacity)
    return invalid("mentor_capacity", "must be between 0 and 20");
  if (p.bio.size() > kMaxBioLength) return invalid("bio", "is longer than 2000 characters");
  return {};
}

Status check_no_manager_cycle(PersonId person, std::optional<PersonId> new_manager,
                              const std::function<std::optional<PersonId>(PersonId)>& manager_of) {
  if (!new_manager) return {};
  std::set<PersonId> visited{person};
  std::optional<PersonId> cursor = new_manager;
  while (cursor) {
    if (!visited.insert(*cursor).second)
      return invalid("manager_id", "this reporting line would make a cycle (someone would manage themselves)");
    cursor = manager_of(*cursor);
  }
  return {};
}

namespace {

bool is_word_char(unsigned char c) { return std::isalnum(c) || c >= 0x80; }

// `text` (lower-cased) has `term` at `at`, ending at a word boundary or where the term itself
// ends in a symbol ("c++" in "c++17" counts; "go" in "good" does not).
bool word_at(const std::string& text, std::size_t at, std::string_view term) {
  if (at > 0 && is_word_char(static_cast<unsigned char>(text[at - 1]))) return false;
  const std::size_t end = at + term.size();
  if (end == text.size()) return true;
  return !is_word_char(static_cast<unsigned char>(text[end])) || !is_word_char(static_cast<unsigned char>(term.back()));
}

bool has_word(const std::string& text, std::string_view term) {
  for (std::size_t at = text.find(term); at != std::string::npos; at = text.find(term, at + 1))
    if (word_at(text, at, term)) return true;
  return false;
}

}  // namespace

SearchTerms split_search_terms(std::string_view query) {
  SearchTerms out;
  std::string token;
  auto flush = [&] {
    if (token.empty()) return;
    // Letters and digits only, every run three or more: the index finds it by substring.
    bool usable = true;
    std::size_t run = 0;
    for (unsigned char c : token) {
      if (is_word_char(c)) ++run;
      else if (c == '-' || c == '.' || c == '\'' || c == '/') {
        if (run > 0 && run < 3) usable = false;
        run = 0;
      } else {
        usable = false;
      }
    }
    if (run > 0 && run < 3) usable = false;
    if (usable) out.full_text += (out.full_text.empty() ? "" : " ") + token;
    else out.exact.push_back(ascii_lower(token));
    token.clear();
  };
  for (char c : query) {
    if (std::isspace(static_cast<unsigned char>(c)) || c == ',') flush();
    else token.push_back(c);
  }
  flush();
  return out;
}

bool mentions_term(const Person& p, std::string_view term) {
  if (term.empty()) return false;
  for (const auto& s : p.skills)
    if (has_word(ascii_lower(s.name), term)) return true;
  return has_word(ascii_lower(p.title), term);
}

}  // namespace mh
