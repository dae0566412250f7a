#include "cli/demo.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/command_line.hpp"
#include "cli/demo_circles.hpp"
#include "cli/demo_relationships.hpp"
#include "cli/demo_seeding.hpp"
#include "cli/synthetic_people.hpp"
#include "common/crypto.hpp"
#include "common/timezone_names.hpp"
#include "common/timezones.hpp"
#include "domain/person.hpp"
#include "services/people.hpp"
#include "storage/finding_repo.hpp"
#include "storage/people_repo.hpp"

namespace mh::cli {

namespace {

constexpr const char* kCompanyDomain = "northwind.example";
// Fixed so that every run (and every platform with the same libstdc++) builds the same
// organisation; only the modulo of raw mt19937 output is used, never a distribution, whose
// algorithm the standard leaves to the implementation.
constexpr std::uint32_t kSeed = 20261125;

using seeding::level_of;
using synthetic::Dice;
using synthetic::email_part;
using synthetic::media_for;
using synthetic::pick_weighted;
using synthetic::Weighted;

enum class Level { junior, mid, senior, principal, lead, head, ceo };

bool is_manager(Level l) { return l == Level::lead || l == Level::head || l == Level::ceo; }
bool is_senior(Level l) { return l != Level::junior && l != Level::mid; }

struct Track {
  std::string noun;        // the mid-level title, "Data Analyst"
  std::string lead_title;  // who leads a team of them
  std::vector<std::string> core;
  bool has_top = true;     // "Principal Sales Development Representative" is not a job
};

struct Department {
  std::string name;
  int size;  // including the head
  std::string head_title;
  std::string junior_prefix;
  std::string top_prefix;
  std::vector<Track> tracks;
  std::vector<int> rotation;  // track of each team, in team order
  std::vector<std::string> pool;
  std::vector<int> pivot_to;  // departments people from here plausibly move to
};

enum DeptIndex { engineering, product, design, data, sales, success, marketing, finance, people_hr };

const std::vector<Department>& departments() {
  static const std::vector<Department> all = {
      {"Engineering", 80, "VP Engineering", "Junior ", "Staff ",
       {{"Software Engineer", "Engineering Manager",
         {"C++", "distributed systems", "code review", "system design", "Python", "Go"}},
        {"Site Reliability Engineer", "SRE Manager",
         {"Kubernetes", "incident management", "observability", "Terraform", "Linux"}},
        {"Security Engineer", "Security Engineering Manager",
         {"threat modelling", "application security", "incident management", "code review"}},
        {"Frontend Engineer", "Engineering Manager",
         {"TypeScript", "React", "accessibility", "code review", "web performance"}},
        {"QA Engineer", "QA Manager", {"test automation", "Python", "exploratory testing", "code review"}}},
       {0, 0, 1, 3, 0, 2, 0, 3, 1, 4},
       {"CI/CD", "SQL", "API design", "performance tuning", "technical writing", "Kubernetes"},
       {product, data}},
      {"Product", 24, "VP Product", "Associate ", "Principal ",
       {{"Product Manager", "Group Product Manager",
         {"product strategy", "roadmapping", "product discovery", "writing specs", "experiment design"}},
        {"Product Owner", "Group Product Manager",
         {"backlog management", "writing specs", "stakeholder management", "agile delivery"}}},
       {0, 0, 1},
       {"SQL", "user research", "pricing", "competitive analysis", "dashboards"},
       {design, data, marketing}},
      {"Design", 18, "Head of Design", "Junior ", "Lead ",
       {{"Product Designer", "Design Manager",
         {"Figma", "interaction design", "design systems", "prototyping", "usability testing"}},
        {"UX Researcher", "Research Manager",
         {"user research", "usability testing", "interviewing users", "survey design"}}},
       {0, 1},
       {"accessibility", "UX writing", "visual design", "workshop facilitation", "illustration"},
       {product, marketing}},
      {"Data & Analytics", 30, "VP Data & Analytics", "Junior ", "Principal ",
       {{"Data Analyst", "Analytics Manager", {"SQL", "pivot tables", "dashboards", "Excel", "statistics"}},
        {"Data Scientist", "Data Science Manager",
         {"Python", "statistics", "machine learning", "experiment design", "SQL"}},
        {"Data Engineer", "Data Engineering Manager",
         {"SQL", "Python", "data pipelines", "Spark", "data modelling"}}},
       {0, 1, 2, 0},
       {"data visualisation", "data governance", "dbt", "R", "forecasting"},
       {engineering, product}},
      {"Sales", 42, "VP Sales", "Associate ", "Principal ",
       {{"Account Executive", "Sales Manager",
         {"negotiation", "account planning", "discovery calls", "sales forecasting", "Salesforce"}},
        {"Sales Development Representative", "SDR Manager",
         {"prospecting", "cold outreach", "Salesforce", "discovery calls"}, false},
        {"Solutions Consultant", "Solutions Consulting Manager",
         {"product demos", "solution design", "handling an escalated customer", "SQL"}}},
       {0, 1, 0, 2, 0},
       {"handling an escalated customer", "objection handling", "pricing", "territory planning", "networking"},
       {success, marketing, product}},
      {"Customer Success", 33, "VP Customer Success", "Associate ", "Principal ",
       {{"Customer Success Manager", "Customer Success Lead",
         {"handling an escalated customer", "onboarding customers", "renewals", "account planning",
          "churn analysis"}},
        {"Support Engineer", "Support Manager",
         {"troubleshooting", "handling an escalated customer", "SQL", "Zendesk", "writing help articles"}},
        {"Implementation Specialist", "Implementation Manager",
         {"onboarding customers", "project management", "customer training", "data migration"}}},
       {0, 1, 0, 2},
       {"customer training", "Salesforce", "writing help articles", "product feedback loops"},
       {product, sales, data}},
      {"Marketing", 28, "VP Marketing", "Junior ", "Principal ",
       {{"Product Marketing Manager", "Product Marketing Lead",
         {"product positioning", "messaging", "competitive analysis", "launch planning"}},
        {"Growth Marketer", "Growth Marketing Manager",
         {"campaign analytics", "SEO", "marketing automation", "experiment design", "SQL"}},
        {"Content Marketer", "Content Marketing Manager",
         {"copywriting", "content strategy", "brand storytelling", "social media"}}},
       {0, 1, 2},
       {"event planning", "video production", "dashboards", "public relations"},
       {product, data, sales}},
      {"Finance", 20, "Chief Financial Officer", "Junior ", "Lead ",
       {{"Financial Analyst", "FP&A Manager",
         {"financial modelling", "pivot tables", "Excel", "forecasting", "budgeting"}},
        {"Accountant", "Accounting Manager",
         {"month-end close", "IFRS", "reconciliations", "Excel", "audit preparation"}}},
       {0, 1},
       {"SQL", "procurement", "tax basics", "payroll", "dashboards"},
       {data, product}},
      {"People & HR", 24, "Chief People Officer", "Junior ", "Principal ",
       {{"People Partner", "People Partner Lead",
         {"employee relations", "coaching", "employment law", "performance reviews", "workforce planning"}},
        {"Recruiter", "Talent Acquisition Manager",
         {"recruiting", "interviewing", "sourcing", "employer branding", "offer negotiation"}},
        {"Learning & Development Specialist", "Learning & Development Manager",
         {"learning design", "workshop facilitation", "coaching", "mentoring programmes"}}},
       {0, 1, 2},
       {"compensation design", "HR analytics", "onboarding design", "diversity & inclusion"},
       {success, data}},
  };
  return all;
}

const std::vector<std::string> kCrossCutting = {
    "public speaking", "project management", "career planning", "leadership",   "networking",
    "stakeholder management", "giving feedback", "coaching",    "time management"};
// Cutting-edge areas where a junior can teach a senior: reverse mentoring material.
const std::vector<std::string> kEmerging = {"generative AI", "prompt engineering", "LLM evaluation",
                                            "data privacy engineering", "AI-assisted coding"};

const std::vector<std::string> kFirstNames = {
    "Aaliyah", "Aarav",   "Abena",    "Adebayo", "Ahmed",    "Aiko",     "Alejandro", "Amara",   "Ana",
    "Ananya",  "Andrei",  "Anika",    "Arjun",   "Astrid",   "Ayesha",   "Bartosz",   "Beatriz", "Benjamin",
    "Bilal",   "Camila",  "Carlos",   "Charlotte", "Chen",   "Chiara",   "Chloe",     "Darius",  "Deepa",
    "Diego",   "Elena",   "Elif",     "Emeka",   "Emma",     "Fatima",   "Felix",     "Freya",   "Gabriel",
    "Hana",    "Hannah",  "Hiroshi",  "Ibrahim", "Ines",     "Isabel",   "Ivan",      "Jamal",   "James",
    "Javier",  "Jin",     "Joao",     "Jonas",   "Julia",    "Kai",      "Kavya",     "Kenji",   "Kofi",
    "Laila",   "Lars",    "Layla",    "Leah",    "Liam",     "Lucas",    "Luca",      "Mariam",  "Marta",
    "Mateo",   "Mei",     "Mohammed", "Nadia",   "Naveen",   "Nia",      "Nikhil",    "Noah",    "Nomvula",
    "Olga",    "Oliver",  "Omar",     "Priya",   "Rafael",   "Rahul",    "Rania",     "Ravi",    "Rosa",
    "Ruth",    "Samir",   "Santiago", "Sara",    "Sean",     "Shreya",   "Siobhan",   "Tariq",   "Thandiwe",
    "Tomas",   "Valentina", "Vikram", "Wei",     "Yara",     "Yusuf",    "Zara",      "Zoe",     "Connor",
    "Ingrid",  "Malik",   "Keiko",    "Olivia",  "Pedro",    "Sunita",   "Tobias",    "Amelia",  "Kwabena"};

const std::vector<std::string> kLastNames = {
    "Abara",    "Adeyemi",  "Ahmed",    "Andersson", "Banerjee", "Becker",    "Bianchi",  "Brennan",  "Castillo",
    "Chen",     "Chowdhury", "Costa",   "Dubois",    "Eriksen",  "Fischer",   "Fernandes", "Garcia",  "Gupta",
    "Haddad",   "Hansen",   "Hernandez", "Hoffmann", "Ibrahim",  "Iyer",      "Jansen",   "Jung",     "Kaur",
    "Kim",      "Kowalski", "Kumar",    "Larsen",    "Lee",      "Lopez",     "Mahlangu", "Martin",   "Mendes",
    "Meyer",    "Moreau",   "Murphy",   "Mwangi",    "Nakamura", "Nguyen",    "Novak",    "Nwosu",    "O'Connor",
    "Okonkwo",  "Olsen",    "Ortiz",    "Park",      "Pereira",  "Petrov",    "Popescu",  "Rahman",   "Ramirez",
    "Reddy",    "Rossi",    "Sato",     "Schmidt",   "Shah",     "Silva",     "Singh",    "Sokolova", "Suzuki",
    "Tan",      "Taylor",   "Thompson", "Torres",    "Tran",     "van der Berg", "Vasquez", "Wagner", "Walsh",
    "Wang",     "Watanabe", "Weber",    "Williams",  "Wong",     "Yamamoto",  "Yilmaz",   "Zhang",    "Zielinski",
    "Osei",     "Mensah",   "Khan",     "Novotny",   "Lindgren", "Duarte",    "Achebe",   "Bose",     "Kapoor"};

// Where Northwind Labs has offices; a few people work remotely from elsewhere.
const std::vector<Weighted> kHubs = {{"Europe/London", 22},       {"Europe/Berlin", 14}, {"America/New_York", 20},
                                     {"America/Chicago", 8},      {"America/Los_Angeles", 12},
                                     {"Asia/Kolkata", 12},        {"Asia/Singapore", 6}, {"Australia/Sydney", 6}};
const std::vector<Weighted> kRemote = {{"Europe/Madrid", 3}, {"Europe/Paris", 3}, {"America/Sao_Paulo", 2},
                                       {"Africa/Lagos", 2}};

// Local languages by timezone, with how often people there speak them.
std::vector<std::string> languages_for(Dice& dice, const std::string& tz) {
  struct Local {
    const char* tz;
    const char* language;
    int percent;
  };
  static const std::vector<Local> locals = {
      {"Europe/London", "French", 10},      {"Europe/London", "Hindi", 6},       {"Europe/Berlin", "German", 85},
      {"Europe/Berlin", "French", 10},      {"America/New_York", "Spanish", 20}, {"America/Chicago", "Spanish", 20},
      {"America/Los_Angeles", "Spanish", 30}, {"America/Los_Angeles", "Mandarin", 8},
      {"Asia/Kolkata", "Hindi", 85},        {"Asia/Singapore", "Mandarin", 50},  {"Australia/Sydney", "Mandarin", 10},
      {"Europe/Madrid", "Spanish", 100},    {"Europe/Paris", "French", 100},     {"America/Sao_Paulo", "Portuguese", 100}};
  static const std::vector<std::string> extra = {"German", "French", "Spanish", "Portuguese", "Mandarin", "Hindi"};
  std::vector<std::string> out = {"English"};
  auto add = [&out](const std::string& l) {
    if (std::find(out.begin(), out.end(), l) == out.end()) out.push_back(l);
  };
  for (const auto& l : locals)
    if (tz == l.tz && dice.chance(l.percent)) add(l.language);
  if (dice.chance(6)) add(dice.pick(extra));
  return out;
}

void add_unique(std::vector<std::string>& list, const std::string& item) {
  const std::string key = ascii_lower(item);
  if (std::none_of(list.begin(), list.end(), [&](const std::string& s) { return ascii_lower(s) == key; }))
    list.push_back(item);
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += (i + 1 == items.size()) ? " and " : ", ";
    out += items[i];
  }
  return out;
}

std::string a_or_an(const std::string& word) {
  return !word.empty() && std::string("AEIOaeio").find(word.front()) != std::string::npos ? "an" : "a";
}

// A person being built, with reporting lines as positions in the build order: everyone's
// manager and former managers come earlier, so inserting in order never refers forward and
// the reporting lines cannot form a cycle.
struct Draft {
  Person p;
  std::optional<std::size_t> manager;
  std::vector<std::size_t> former;
  Level level = Level::mid;
};

struct Team {
  int dept;
  int track;
  std::string hub;
  std::size_t lead = 0;
  int ics = 0;
};

class Builder {
 public:
  Builder(int current_year, TimePoint now) : year_(current_year), now_(now) {}

  Dice& dice() { return dice_; }
  std::vector<Draft>& drafts() { return drafts_; }

  void reserve_name(const std::string& first, const std::string& last) { names_.insert(first + " " + last); }

  // Reserves a generated name and the company address that goes with it.
  std::pair<std::string, std::string> new_name() {
    std::string first, last;
    do {
      first = dice_.pick(kFirstNames);
      last = dice_.pick(kLastNames);
    } while (!names_.insert(first + " " + last).second);
    return {first + " " + last, company_email(first, last)};
  }

  std::string company_email(const std::string& first, const std::string& last) {
    const std::string base = email_part(first) + "." + email_part(last);
    std::string email = base + "@" + kCompanyDomain;
    for (int n = 2; !emails_.insert(email).second; ++n) email = base + std::to_string(n) + "@" + kCompanyDomain;
    return email;
  }

  std::size_t add_internal(int dept_index, int track_index, Level level, const std::string& hub,
                           std::optional<std::size_t> manager) {
    const Department& d = departments()[static_cast<std::size_t>(dept_index)];
    const Track& t = d.tracks[static_cast<std::size_t>(track_index)];
    if (level == Level::principal && !t.has_top) level = Level::senior;

    Draft draft;
    draft.level = level;
    draft.manager = manager;
    Person& p = draft.p;
    auto [name, email] = new_name();
    p.name = name;
    p.email = email;
    p.organisation = "Northwind Labs";
    p.department = d.name;
    p.title = title_for(d, t, level);
    p.career_start_year = start_year(level);
    p.skills = skills_for(d, t, level);
    p.aspirations = aspirations_for(dept_index, track_index, level, p);
    p.timezone = dice_.chance(78) ? hub : (dice_.chance(80) ? pick_weighted(dice_, kHubs)
                                                            : pick_weighted(dice_, kRemote));
    p.languages = languages_for(dice_, p.timezone);
    p.media = media_for(dice_);
    set_mentoring(p, level);
    p.bio = bio_for(p, d, level);
    p.created_at = p.updated_at = now_;
    drafts_.push_back(std::move(draft));
    return drafts_.size() - 1;
  }

  std::string title_for(const Department& d, const Track& t, Level level) const {
    switch (level) {
      case Level::junior: return d.junior_prefix + t.noun;
      case Level::mid: return t.noun;
      case Level::senior: return "Senior " + t.noun;
      case Level::principal: return d.top_prefix + t.noun;
      case Level::lead: return t.lead_title;
      case Level::head: return d.head_title;
      case Level::ceo: return "Chief Executive Officer";
    }
    return t.noun;
  }

  // Career start years, absolute rather than relative to today, so the data stays the same
  // whenever it is seeded; clamped so that a clock set in the past still validates.
  int start_year(Level level) {
    int lo = 2012, hi = 2021;
    switch (level) {
      case Level::junior: lo = 2020, hi = 2025; break;
      case Level::mid: lo = 2012, hi = 2021; break;
      case Level::senior: lo = 2004, hi = 2017; break;
      case Level::principal: lo = 1993, hi = 2010; break;
      case Level::lead: lo = 1997, hi = 2015; break;
      case Level::head: lo = 1988, hi = 2003; break;
      case Level::ceo: lo = 1985, hi = 1990; break;
    }
    return std::clamp(dice_.between(lo, hi), year_ - 70, year_);
  }

  int skill_level(Level level) {
    int base = 3;
    switch (level) {
      case Level::junior: base = 2; break;
      case Level::mid: base = 3; break;
      default: base = 4; break;
    }
    return std::clamp(base + dice_.below(3) - 1 + (level == Level::principal || level == Level::head ? 1 : 0), 1, 5);
  }

  std::vector<Skill> skills_for(const Department& d, const Track& t, Level level) {
    const int count = dice_.between(3, 7);
    std::vector<Skill> out;
    auto has = [&out](const std::string& name) {
      const std::string key = ascii_lower(name);
      return std::any_of(out.begin(), out.end(), [&](const Skill& s) { return ascii_lower(s.name) == key; });
    };
    auto add = [&](const std::string& name, int lvl) {
      if (static_cast<int>(out.size()) < count && !has(name)) out.push_back({name, std::clamp(lvl, 1, 5)});
    };
    if (is_manager(level) || level == Level::principal) {
      add("people management", level == Level::principal ? dice_.between(2, 3) : dice_.between(3, 5));
      if (level != Level::lead) add("leadership", dice_.between(4, 5));
    }
    // Reverse mentoring: the newest emerging skills sit mostly with people early in their career.
    if ((level == Level::junior && dice_.chance(30)) || (level == Level::mid && dice_.chance(20)))
      add(dice_.pick(kEmerging), dice_.between(4, 5));
    else if (is_senior(level) && dice_.chance(10))
      add(dice_.pick(kEmerging), dice_.between(1, 2));
    const int core = 2 + dice_.below(2);
    for (int i = 0; i < core * 3 && static_cast<int>(out.size()) < count; ++i) {
      add(dice_.pick(t.core), skill_level(level));
      if (static_cast<int>(out.size()) >= core + 2) break;
    }
    for (int guard = 0; static_cast<int>(out.size()) < count && guard < 40; ++guard) {
      const int r = dice_.below(10);
      if (r < 5) add(dice_.pick(d.pool), skill_level(level) - 1);
      else if (r < 8) add(dice_.pick(t.core), skill_level(level));
      else add(dice_.pick(kCrossCutting), skill_level(level) - (level == Level::junior ? 1 : 0));
    }
    std::stable_sort(out.begin(), out.end(), [](const Skill& a, const Skill& b) { return a.level > b.level; });
    return out;
  }

  Aspirations aspirations_for(int dept_index, int track_index, Level level, const Person& p) {
    const Department& d = departments()[static_cast<std::size_t>(dept_index)];
    const Track& t = d.tracks[static_cast<std::size_t>(track_index)];
    Aspirations a;
    int percent = 0;
    switch (level) {
      case Level::junior: percent = 95; break;
      case Level::mid: percent = 85; break;
      case Level::senior: percent = 75; break;
      case Level::principal: percent = 60; break;
      case Level::lead: percent = 70; break;
      case Level::head: percent = 40; break;
      case Level::ceo: percent = 0; break;
    }
    if (!dice_.chance(percent)) {
      // Some people have no next role in mind but still want to learn something.
      if (level != Level::ceo && dice_.chance(50)) add_unique(a.skills, dice_.pick(kCrossCutting));
      return a;
    }

    const Track* target = &t;
    const bool pivot = (level == Level::junior || level == Level::mid || level == Level::senior) ? dice_.chance(15)
                       : level == Level::lead                                                    ? dice_.chance(8)
                                                                                                 : false;
    if (pivot) {
      const Department& to = departments()[static_cast<std::size_t>(dice_.pick(d.pivot_to))];
      target = &to.tracks[static_cast<std::size_t>(dice_.below(static_cast<int>(to.tracks.size())))];
      a.departments.push_back(to.name);
      a.roles.push_back(level == Level::lead ? target->lead_title : target->noun);
    } else {
      switch (level) {
        case Level::junior:
          if (d.tracks.size() > 1 && dice_.chance(40)) {
            target = &d.tracks[static_cast<std::size_t>(dice_.below(static_cast<int>(d.tracks.size())))];
            a.roles.push_back(target == &t ? "Senior " + t.noun : target->noun);
          } else {
            a.roles.push_back("Senior " + t.noun);
          }
          break;
        case Level::mid: a.roles.push_back(dice_.chance(60) ? "Senior " + t.noun : t.lead_title); break;
        case Level::senior:
          a.roles.push_back(dice_.chance(50) || !t.has_top ? t.lead_title : d.top_prefix + t.noun);
          break;
        case Level::principal: a.roles.push_back(dice_.chance(60) ? t.lead_title : d.head_title); break;
        case Level::lead: a.roles.push_back(d.head_title); break;
        case Level::head: a.roles.push_back("Chief Operating Officer"); break;
        case Level::ceo: break;
      }
      // A second role: a sideways move inside the department.
      if (!is_manager(level) && d.tracks.size() > 1 && dice_.chance(30)) {
        const Track& other = d.tracks[static_cast<std::size_t>(dice_.below(static_cast<int>(d.tracks.size())))];
        if (&other != &t) add_unique(a.roles, other.noun);
      }
    }

    const int wanted = dice_.between(1, 3);
    const bool toward_management = !a.roles.empty() && a.roles.front().find("Manager") != std::string::npos &&
                                   !is_manager(level) && level != Level::junior;
    if (toward_management) add_unique(a.skills, dice_.chance(50) ? "people management" : "leadership");
    if (is_senior(level) && dice_.chance(35)) add_unique(a.skills, dice_.pick(kEmerging));
    for (int guard = 0; static_cast<int>(a.skills.size()) < wanted && guard < 20; ++guard) {
      const std::string& s = dice_.chance(75) ? dice_.pick(target->core) : dice_.pick(kCrossCutting);
      if (level_of(p, s) < 4) add_unique(a.skills, s);
    }
    if (a.skills.empty()) add_unique(a.skills, dice_.pick(kCrossCutting));
    return a;
  }

  void set_mentoring(Person& p, Level level) {
    int mentor_percent = 0, seek_percent = 0, max_capacity = 1;
    switch (level) {
      case Level::junior: mentor_percent = 6, seek_percent = 85, max_capacity = 1; break;
      case Level::mid: mentor_percent = 32, seek_percent = 65, max_capacity = 2; break;
      case Level::senior: mentor_percent = 62, seek_percent = 40, max_capacity = 3; break;
      case Level::principal: mentor_percent = 75, seek_percent = 30, max_capacity = 4; break;
      case Level::lead: mentor_percent = 62, seek_percent = 35, max_capacity = 3; break;
      case Level::head: mentor_percent = 55, seek_percent = 20, max_capacity = 2; break;
      case Level::ceo: mentor_percent = 100, seek_percent = 0, max_capacity = 1; break;
    }
    if (dice_.chance(mentor_percent)) {
      p.mentor_capacity = dice_.between(1, max_capacity);
      if (dice_.chance(90)) p.formats_offered.push_back(Format::one_to_one);
      if (dice_.chance(is_manager(level) || level == Level::principal ? 35 : 12))
        p.formats_offered.push_back(Format::circle);
      if (dice_.chance(35)) p.formats_offered.push_back(Format::flash);
      if (p.formats_offered.empty()) p.formats_offered.push_back(Format::one_to_one);
      p.monthly_availability_hours = dice_.between(2, 10);
    }
    if (dice_.chance(seek_percent)) {
      if (dice_.chance(85)) p.formats_sought.push_back(Format::one_to_one);
      if (dice_.chance(40)) p.formats_sought.push_back(Format::flash);
      if (dice_.chance(25)) p.formats_sought.push_back(Format::circle);
      if (p.formats_sought.empty()) p.formats_sought.push_back(Format::flash);
      p.monthly_availability_hours = std::max(p.monthly_availability_hours, dice_.between(1, 6));
    }
    if (p.monthly_availability_hours == 0) p.monthly_availability_hours = dice_.between(0, 2);
  }

  std::string bio_for(const Person& p, const Department& d, Level level) {
    std::vector<std::string> top;
    for (const auto& s : p.skills)
      if (top.size() < 3 && s.name != "people management" && s.name != "leadership") top.push_back(s.name);
    std::string bio;
    if (level == Level::head) {
      bio = p.title + ", leading " + d.name + " at Northwind Labs. Background in " + join(top) + ".";
    } else {
      switch (dice_.below(3)) {
        case 0: bio = p.title + " at Northwind Labs, working mostly with " + join(top) + "."; break;
        case 1:
          bio = "Started my career in " + std::to_string(p.career_start_year.value_or(year_)) + " and now work in " +
                d.name + " as " + a_or_an(p.title) + " " + p.title + "; most of my time goes into " + join(top) + ".";
          break;
        default: bio = p.title + " at Northwind Labs. Day to day: " + join(top) + "."; break;
      }
    }
    std::string emerging;
    for (const auto& s : p.skills)
      if (s.level >= 4 && std::find(kEmerging.begin(), kEmerging.end(), s.name) != kEmerging.end()) emerging = s.name;
    if (!emerging.empty() && !is_senior(level)) {
      bio += " Ask me about " + emerging + "; I am happy to share what I have learned.";
    } else if (p.mentor_capacity > 0) {
      bio += dice_.chance(50) ? " Happy to mentor on " + p.skills.front().name + "."
                              : " Open to mentoring, especially people growing into " + a_or_an(p.title) + " " +
                                    (is_manager(level) ? "management" : p.title) + " role.";
    } else if (!p.aspirations.roles.empty()) {
      const std::string where = p.aspirations.departments.empty() ? "" : " in " + p.aspirations.departments.front();
      bio += " Working towards " + a_or_an(p.aspirations.roles.front()) + " " + p.aspirations.roles.front() + " role" +
             where + ".";
    } else if (!p.aspirations.skills.empty()) {
      bio += " Currently improving my " + p.aspirations.skills.front() + ".";
    }
    return bio;
  }

 private:
  Dice dice_{kSeed};
  int year_;
  TimePoint now_;
  std::vector<Draft> drafts_;
  std::set<std::string> names_;
  std::set<std::string> emails_;
};

struct External {
  const char* first;
  const char* last;
  const char* organisation;
  const char* domain;
  const char* title;
  int career_start;
  const char* timezone;
  std::vector<std::string> languages;
  std::vector<Skill> skills;
  int capacity;
  bool flash;
  const char* bio;
};

// Senior experts from outside: "a broader perspective in your discipline".
const std::vector<External>& externals() {
  static const std::vector<External> all = {
      {"Grace", "Whitaker", "Fernwood Advisory", "fernwoodadvisory.example", "Executive Coach", 1992,
       "Europe/London", {"English"},
       {{"leadership", 5}, {"career planning", 5}, {"people management", 5}, {"public speaking", 4}, {"negotiation", 4}},
       3, false,
       "Executive coach at Fernwood Advisory; twenty years of helping first-time managers find their feet. "
       "Good at turning a vague wish to grow into a plan with dates."},
      {"Rohan", "Mehta", "Lumen Institute", "lumeninstitute.example", "Professor of Applied Statistics", 1996,
       "Asia/Kolkata", {"English", "Hindi"},
       {{"statistics", 5}, {"machine learning", 5}, {"experiment design", 5}, {"Python", 4}, {"public speaking", 4}},
       2, true,
       "Teaches applied statistics at the Lumen Institute and advises companies on experiment design. "
       "Happy to help analysts who want to become data scientists."},
      {"Ingrid", "Solberg", "Harbour & Vale Consulting", "harbourvale.example", "Principal Consultant, Go-to-Market",
       1999, "Europe/Berlin", {"English", "German"},
       {{"negotiation", 5}, {"account planning", 5}, {"sales forecasting", 4}, {"leadership", 4}},
       2, true,
       "Builds and repairs sales teams for software companies. Mentors account executives on large, slow deals."},
      {"Marcus", "Bell", "Quillstone Partners", "quillstone.example", "Partner, Finance Transformation", 1994,
       "America/New_York", {"English"},
       {{"financial modelling", 5}, {"FP&A", 5}, {"stakeholder management", 5}, {"pivot tables", 5}},
       1, true,
       "Partner at Quillstone; has run finance functions through three acquisitions. Still builds his own pivot "
       "tables."},
      {"Lucia", "Fernandez", "Kestrel Design Studio", "kestreldesign.example", "Design Director", 2003,
       "Europe/Madrid", {"English", "Spanish"},
       {{"design systems", 5}, {"user research", 5}, {"accessibility", 4}, {"leadership", 4}},
       2, false,
       "Design director at Kestrel; builds design systems and the teams that keep them alive."},
      {"Kwame", "Asante", "Northstar Security Lab", "northstarsecurity.example", "Principal Security Researcher",
       2005, "Europe/London", {"English", "French"},
       {{"threat modelling", 5}, {"application security", 5}, {"data privacy engineering", 5},
        {"incident management", 4}},
       2, true,
       "Security researcher who has spent fifteen years breaking things so they get fixed. Mentors engineers "
       "moving into security."},
      {"Mei-Lin", "Tan", "Open Data Collective", "opendatacollective.example", "Head of Data Ethics", 2008,
       "Asia/Singapore", {"English", "Mandarin"},
       {{"data privacy engineering", 5}, {"LLM evaluation", 4}, {"generative AI", 4}, {"statistics", 4}},
       2, true,
       "Leads data ethics at the Open Data Collective: how to evaluate language models and keep personal data "
       "out of them."},
      {"Samuel", "Adeyemi", "Meridian Leadership Group", "meridianleadership.example", "Leadership Coach", 1990,
       "Africa/Lagos", {"English"},
       {{"leadership", 5}, {"coaching", 5}, {"giving feedback", 5}, {"career planning", 4}},
       3, false,
       "Coaches senior leaders across Europe and West Africa on feedback, influence and the step to director."},
      {"Charlotte", "Dupont", "Brightwater University", "brightwater.example",
       "Professor of Organisational Psychology", 1995, "Europe/Paris", {"English", "French"},
       {{"career planning", 5}, {"coaching", 5}, {"public speaking", 5}, {"networking", 4}},
       1, false,
       "Researches how careers change direction. Good company for anyone considering a career pivot."},
      {"Tomas", "Rivera", "Cobalt Ridge Ventures", "cobaltridge.example", "Venture Partner", 1998,
       "America/Los_Angeles", {"English", "Spanish"},
       {{"product strategy", 5}, {"networking", 5}, {"financial modelling", 4}, {"public speaking", 5}},
       1, true,
       "Former product leader, now a venture partner. Mentors product managers on strategy and on telling the "
       "story of a product."},
      {"Aisha", "Rahman", "Tidewater Analytics", "tidewater.example", "Chief Data Officer", 2001,
       "Australia/Sydney", {"English"},
       {{"SQL", 5}, {"dashboards", 5}, {"data governance", 5}, {"leadership", 5}, {"generative AI", 4}},
       2, false,
       "Chief data officer at Tidewater; grew an analytics team from three people to sixty."},
      {"Henrik", "Lindqvist", "Ashgrove Systems", "ashgrove.example", "Distinguished Engineer", 1993,
       "Europe/Berlin", {"English", "German"},
       {{"distributed systems", 5}, {"C++", 5}, {"incident management", 5}, {"code review", 5}, {"Kubernetes", 4}},
       2, true,
       "Has designed distributed databases for thirty years. Mentors senior engineers on system design and "
       "on staying technical while leading."},
  };
  return all;
}

std::size_t add_external(Builder& b, const External& e, TimePoint now) {
  b.reserve_name(e.first, e.last);
  Draft draft;
  draft.level = Level::principal;
  Person& p = draft.p;
  p.name = std::string(e.first) + " " + e.last;
  p.email = email_part(e.first) + "." + email_part(e.last) + "@" + e.domain;
  p.organisation = e.organisation;
  p.is_external = true;
  p.title = e.title;
  p.career_start_year = e.career_start;
  p.skills = e.skills;
  p.timezone = e.timezone;
  p.languages = e.languages;
  p.media = {Medium::video};
  if (b.dice().chance(40)) p.media.push_back(Medium::phone);
  p.mentor_capacity = e.capacity;
  p.formats_offered = {Format::one_to_one};
  if (e.flash) p.formats_offered.push_back(Format::flash);
  p.monthly_availability_hours = b.dice().between(3, 6);
  p.bio = e.bio;
  p.created_at = p.updated_at = now;
  b.drafts().push_back(std::move(draft));
  return b.drafts().size() - 1;
}

// The people the sign-in list points at are written by hand, so the demo script can rely on
// them: a junior analyst who wants to become a data scientist, her manager, and a senior
// engineer who would be a good mentor for her.
void make_mentee(Person& p) {
  p.title = "Junior Data Analyst";
  p.career_start_year = 2024;
  p.skills = {{"pivot tables", 4}, {"generative AI", 4}, {"SQL", 3}, {"dashboards", 3}, {"statistics", 2}};
  p.aspirations = {{"Data Scientist"}, {}, {"Python", "machine learning", "public speaking"}};
  p.timezone = "Europe/London";
  p.languages = {"English", "Hindi"};
  p.media = {Medium::video, Medium::chat};
  p.monthly_availability_hours = 4;
  p.mentor_capacity = 0;
  p.formats_offered = {};
  p.formats_sought = {Format::one_to_one, Format::flash};
  p.bio = "Junior Data Analyst in Data & Analytics, building dashboards and pivot tables for the sales team. "
          "Working towards a Data Scientist role and keen to get stronger at Python and machine learning.";
}

void make_manager(Person& p) {
  p.title = "Analytics Manager";
  p.career_start_year = 2008;
  p.skills = {{"SQL", 5}, {"dashboards", 5}, {"people management", 4}, {"statistics", 4},
              {"stakeholder management", 4}};
  p.aspirations = {{"VP Data & Analytics"}, {}, {"LLM evaluation"}};
  p.timezone = "Europe/London";
  p.languages = {"English", "Spanish"};
  p.media = {Medium::video, Medium::in_person};
  p.monthly_availability_hours = 5;
  p.mentor_capacity = 2;
  p.formats_offered = {Format::one_to_one, Format::circle};
  p.formats_sought = {};
  p.bio = "Analytics Manager in Data & Analytics; my team answers the questions Sales and Finance bring us. "
          "Runs a mentoring circle on presenting data to executives.";
}

void make_mentor(Person& p) {
  p.title = "Senior Software Engineer";
  p.career_start_year = 2011;
  p.skills = {{"Python", 5}, {"distributed systems", 5}, {"code review", 5}, {"machine learning", 4},
              {"Kubernetes", 4}, {"public speaking", 3}};
  p.aspirations = {{"Staff Software Engineer"}, {}, {"people management", "generative AI"}};
  p.timezone = "Europe/London";
  p.languages = {"English", "French"};
  p.media = {Medium::video, Medium::in_person};
  p.monthly_availability_hours = 6;
  p.mentor_capacity = 3;
  p.formats_offered = {Format::one_to_one, Format::flash};
  p.formats_sought = {Format::flash};
  p.bio = "Senior Software Engineer on the machine learning platform; I build distributed systems in Python and "
          "review a lot of code. Happy to mentor anyone moving from analytics into engineering or machine learning.";
}

Level ic_level(Dice& dice) {
  const int r = dice.below(100);
  if (r < 28) return Level::junior;
  if (r < 63) return Level::mid;
  if (r < 88) return Level::senior;
  return Level::principal;
}

struct Organisation {
  std::vector<Draft> drafts;
  std::vector<DemoSignIn> sign_ins;
};

Result<Organisation> build_organisation(TimePoint now) {
  const int year = year_of(now);
  Builder b(year, now);
  Dice& dice = b.dice();
  const auto& depts = departments();

  // Hand-made people keep their names out of the random draw.
  b.reserve_name("Helena", "Osei");
  b.reserve_name("Avery", "Admin");
  b.reserve_name("Maya", "Patel");
  b.reserve_name("Sofia", "Marquez");
  b.reserve_name("Daniel", "Okafor");

  auto rename = [&b](std::size_t i, const std::string& first, const std::string& last) {
    Person& p = b.drafts()[i].p;
    p.name = first + " " + last;
    p.email = b.company_email(first, last);
  };

  const std::size_t ceo = b.add_internal(engineering, 0, Level::ceo, "Europe/London", std::nullopt);
  {
    Person& p = b.drafts()[ceo].p;
    rename(ceo, "Helena", "Osei");
    p.department = "Executive";
    p.timezone = "Europe/London";
    p.languages = {"English", "French"};
    p.media = {Medium::video, Medium::in_person};
    p.formats_offered = {Format::one_to_one, Format::circle};
    p.bio = "Chief Executive Officer of Northwind Labs; came up through engineering and product. Mentors a few "
            "people a year on leadership and career planning, and runs a circle for new managers.";
  }

  std::vector<std::size_t> heads;
  for (int d = 0; d < static_cast<int>(depts.size()); ++d)
    heads.push_back(b.add_internal(d, 0, Level::head, pick_weighted(dice, kHubs), ceo));

  std::vector<Team> teams;
  for (int d = 0; d < static_cast<int>(depts.size()); ++d) {
    const Department& dep = depts[static_cast<std::size_t>(d)];
    const int below_head = dep.size - 1 - (d == people_hr ? 1 : 0);  // the administrator reports to the head
    const int n = std::max(1, (below_head + 4) / 8);
    const int ics = below_head - n;
    for (int t = 0; t < n; ++t) {
      Team team{d, dep.rotation[static_cast<std::size_t>(t) % dep.rotation.size()], pick_weighted(dice, kHubs)};
      team.ics = ics / n + (t < ics % n ? 1 : 0);
      teams.push_back(team);
    }
  }

  // Team leads; some once led another team, or worked for another department's head.
  for (std::size_t t = 0; t < teams.size(); ++t) {
    Team& team = teams[t];
    team.lead = b.add_internal(team.dept, team.track, Level::lead, team.hub, heads[static_cast<std::size_t>(team.dept)]);
    if (dice.chance(35)) {
      Draft& lead = b.drafts()[team.lead];
      if (t > 0 && dice.chance(60)) {
        lead.former.push_back(teams[static_cast<std::size_t>(dice.below(static_cast<int>(t)))].lead);
      } else {
        const std::size_t other = heads[static_cast<std::size_t>(dice.below(static_cast<int>(heads.size())))];
        if (other != *lead.manager) lead.former.push_back(other);
      }
    }
  }

  const std::size_t admin = b.drafts().size();
  {
    Draft draft;
    draft.level = Level::senior;
    draft.manager = heads[people_hr];
    Person& p = draft.p;
    p.name = "Avery Admin";
    p.email = std::string("admin@") + kCompanyDomain;
    p.organisation = "Northwind Labs";
    p.department = "People & HR";
    p.title = "Mentoring Program Lead";
    p.is_admin = true;
    p.career_start_year = 2012;
    p.skills = {{"mentoring programmes", 5}, {"project management", 4}, {"coaching", 4}, {"career planning", 4},
                {"workshop facilitation", 3}};
    p.timezone = "Europe/London";
    p.languages = {"English"};
    p.media = {Medium::video, Medium::chat};
    p.monthly_availability_hours = 2;
    p.bio = "Runs the Northwind Labs mentoring programme: cohorts, matching, circles and the occasional nudge.";
    p.created_at = p.updated_at = now;
    b.drafts().push_back(std::move(draft));
  }

  std::optional<std::size_t> mentee, manager, mentor;
  for (std::size_t t = 0; t < teams.size(); ++t) {
    const Team& team = teams[t];
    for (int i = 0; i < team.ics; ++i) {
      // The first team of a department is its first track: Data Analysts, Software Engineers.
      const bool first_team = t == 0 || teams[t - 1].dept != team.dept;
      const bool mentee_slot = first_team && team.dept == data && i == 0;
      const bool mentor_slot = first_team && team.dept == engineering && i == 0;
      Level level = ic_level(dice);
      if (mentee_slot) level = Level::junior;
      if (mentor_slot) level = Level::senior;
      const std::size_t ic = b.add_internal(team.dept, team.track, level, team.hub, team.lead);
      Draft& draft = b.drafts()[ic];
      // "They know where you started": a lead they used to report to, usually in the same department.
      const int moved = draft.level == Level::junior ? 8 : 28;
      if (!mentee_slot && teams.size() > 1 && dice.chance(moved)) {
        std::size_t from = t;
        for (int guard = 0; guard < 10 && (from == t || (teams[from].dept != team.dept && dice.chance(60))); ++guard)
          from = static_cast<std::size_t>(dice.below(static_cast<int>(teams.size())));
        if (from != t) draft.former.push_back(teams[from].lead);
      }
      if (mentee_slot) {
        rename(ic, "Maya", "Patel");
        make_mentee(draft.p);
        mentee = ic;
        manager = team.lead;
        rename(team.lead, "Sofia", "Marquez");
        make_manager(b.drafts()[team.lead].p);
      }
      if (mentor_slot) {
        rename(ic, "Daniel", "Okafor");
        make_mentor(draft.p);
        mentor = ic;
      }
    }
  }

  std::optional<std::size_t> expert;
  for (const auto& e : externals()) {
    const std::size_t i = add_external(b, e, now);
    if (!expert) expert = i;
  }

  if (!mentee || !manager || !mentor || !expert)
    return Error{ErrorCode::internal, "demo: the organisation is missing one of the sign-in people", {}};

  Organisation org;
  org.drafts = std::move(b.drafts());
  for (std::size_t i = 0; i < org.drafts.size(); ++i) {
    const Draft& d = org.drafts[i];
    if (d.manager && *d.manager >= i)
      return Error{ErrorCode::internal, "demo: " + d.p.email + " is built before their manager", {}};
    for (std::size_t f : d.former)
      if (f >= i || (d.manager && f == *d.manager))
        return Error{ErrorCode::internal, "demo: " + d.p.email + " has an impossible former manager", {}};
    if (auto ok = validate_person(d.p, year, timezone_problem); !ok)
      return Error{ErrorCode::internal,
                   "demo: " + d.p.email + " fails validation: " + ok.error().field + " " + ok.error().message, {}};
  }
  org.sign_ins = {{"administrator", org.drafts[admin].p.email},
                  {"mentee (junior analyst)", org.drafts[*mentee].p.email},
                  {"mentor (senior engineer)", org.drafts[*mentor].p.email},
                  {"manager", org.drafts[*manager].p.email},
                  {"external expert", org.drafts[*expert].p.email}};
  return org;
}

}  // namespace

Result<std::vector<DemoSignIn>> demo_sign_ins(TimePoint now) {
  MH_TRY(org, build_organisation(now));
  return org.sign_ins;
}

Result<std::vector<DemoSignIn>> seed_demo(Store& store, TimePoint now) {
  MH_TRY(org, build_organisation(now));
  // One argon2id hash (~70 ms) shared by everyone: hashing 300 times would take half a minute.
  const std::string hash = hash_password(kDemoPassword);
  Status written = store.write([&](sql::Connection& db) -> Status {
    if (storage::count_people(db) > 0) return conflict("the database already holds people; the demo needs an empty one");
    // Added as the command line adds anyone (`user create`): checked and in the audit trail.
    services::UseCase uc(db, now, LifecycleSettings{});
    std::vector<PersonId> ids;
    ids.reserve(org.drafts.size());
    for (const Draft& d : org.drafts) {
      Person p = d.p;
      if (d.manager) p.manager_id = ids[*d.manager];
      for (std::size_t f : d.former) p.former_manager_ids.push_back(ids[f]);
      MH_TRY(added, services::add_person(uc, operator_actor(), p, hash));
      ids.push_back(added.id);
    }
    // The relationships, in the same transaction: a half-seeded demo is never committed.
    MH_CHECK(seed_demo_relationships(db, now));
    // Then the circles and flash topics, in the same transaction too.
    MH_CHECK(seed_demo_circles(db, now));
    // The mark of a demo database: its sign-in page offers these accounts (GET /api/v1/config).
    // A database set up any other way has no such setting and offers nothing.
    nlohmann::json accounts = nlohmann::json::array();
    for (const DemoSignIn& s : org.sign_ins) accounts.push_back({{"role", s.role}, {"email", s.email}});
    storage::save_program_setting(db, std::string(storage::kDemoSignInsSetting),
                                  nlohmann::json{{"password", kDemoPassword}, {"accounts", accounts}}.dump(), now);
    return {};
  });
  if (!written) return written.error();
  return org.sign_ins;
}

}  // namespace mh::cli
