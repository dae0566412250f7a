#include "recommend/synthetic_org.hpp"

#include <algorithm>
#include <cctype>
#include <numeric>
#include <random>
#include <set>
#include <stdexcept>

#include "cli/synthetic_people.hpp"
#include "common/timezone_names.hpp"
#include "common/timezones.hpp"

namespace mh::bench {

namespace {

using cli::synthetic::Dice;
using cli::synthetic::email_part;
using cli::synthetic::media_for;
using cli::synthetic::pick_weighted;
using cli::synthetic::Weighted;

// 25 areas of 12 skills: the pool of 300. Area 18 holds the emerging skills, 19 and 20 the
// skills anyone may have (leadership, communication).
const std::vector<std::vector<std::string>>& skill_areas() {
  static const std::vector<std::vector<std::string>> areas = {
      {"C++", "Go", "Java", "Rust", "Python", "Kotlin", "distributed systems", "API design", "system design",
       "concurrency", "performance tuning", "code review"},
      {"TypeScript", "React", "Vue", "CSS", "accessibility", "web performance", "design systems engineering", "Svelte",
       "GraphQL", "browser APIs", "frontend testing", "Next.js"},
      {"Kubernetes", "Terraform", "Linux", "AWS", "GCP", "Azure", "observability", "incident management", "CI/CD",
       "networking fundamentals", "Docker", "capacity planning"},
      {"threat modelling", "application security", "penetration testing", "cryptography basics",
       "identity and access management", "security audits", "vulnerability management", "secure code review",
       "SOC 2 compliance", "incident response", "cloud security", "privacy by design"},
      {"SQL", "data pipelines", "Spark", "dbt", "Airflow", "data modelling", "Kafka", "data warehousing", "ETL",
       "data quality", "Snowflake", "stream processing"},
      {"statistics", "machine learning", "experiment design", "forecasting", "R", "causal inference", "deep learning",
       "NLP", "computer vision", "recommender systems", "time series analysis", "Bayesian methods"},
      {"dashboards", "Excel", "pivot tables", "data visualisation", "Tableau", "Looker", "Power BI", "KPI design",
       "cohort analysis", "A/B test analysis", "storytelling with data", "spreadsheet modelling"},
      {"product strategy", "roadmapping", "product discovery", "writing specs", "backlog management", "prioritisation",
       "OKRs", "pricing", "competitive analysis", "go-to-market", "product analytics", "user interviews"},
      {"Figma", "interaction design", "prototyping", "usability testing", "visual design", "UX writing",
       "information architecture", "design critique", "illustration", "motion design", "user research",
       "service design"},
      {"negotiation", "account planning", "discovery calls", "sales forecasting", "Salesforce", "prospecting",
       "cold outreach", "objection handling", "territory planning", "product demos", "solution design",
       "enterprise sales"},
      {"onboarding customers", "renewals", "churn analysis", "handling an escalated customer", "customer training",
       "Zendesk", "writing help articles", "troubleshooting", "account management", "customer health scoring",
       "implementation planning", "data migration"},
      {"SEO", "content strategy", "copywriting", "brand storytelling", "social media", "marketing automation",
       "campaign analytics", "product positioning", "messaging", "launch planning", "event planning",
       "public relations"},
      {"financial modelling", "budgeting", "month-end close", "IFRS", "reconciliations", "audit preparation",
       "tax basics", "payroll", "procurement", "treasury", "revenue recognition", "FP&A"},
      {"employee relations", "employment law", "performance reviews", "workforce planning", "recruiting",
       "interviewing", "sourcing", "employer branding", "compensation design", "HR analytics", "learning design",
       "diversity & inclusion"},
      {"contract drafting", "commercial contracts", "GDPR", "intellectual property", "regulatory compliance",
       "corporate governance", "dispute resolution", "licensing", "privacy law", "legal research", "policy writing",
       "risk assessment"},
      {"process improvement", "lean", "six sigma", "supply chain", "logistics", "vendor management",
       "operations research", "inventory planning", "quality management", "business continuity",
       "facilities management", "procurement strategy"},
      {"Swift", "iOS", "Android", "Flutter", "React Native", "mobile performance", "app store optimisation",
       "mobile accessibility", "offline-first design", "push notifications", "mobile testing", "Jetpack Compose"},
      {"test automation", "exploratory testing", "performance testing", "Selenium", "Playwright", "contract testing",
       "test strategy", "load testing", "chaos engineering", "mutation testing", "QA leadership",
       "release management"},
      {"generative AI", "prompt engineering", "LLM evaluation", "data privacy engineering", "AI-assisted coding",
       "retrieval-augmented generation", "vector databases", "MLOps", "AI safety", "quantum computing basics",
       "edge computing", "green software"},
      {"public speaking", "project management", "career planning", "leadership", "networking",
       "stakeholder management", "giving feedback", "coaching", "time management", "conflict resolution",
       "facilitation", "mentoring"},
      {"technical writing", "presentation design", "storytelling", "writing for executives", "active listening",
       "cross-cultural communication", "remote collaboration", "change management", "decision making",
       "strategic thinking", "business acumen", "hiring"},
      {"embedded C", "RTOS", "FPGA", "PCB design", "firmware", "signal processing", "robotics", "IoT", "CAD",
       "control systems", "hardware testing", "power electronics"},
      {"literature review", "survey design", "qualitative analysis", "ethnography", "academic writing",
       "grant writing", "peer review", "research ethics", "mixed methods", "lab management", "patent analysis",
       "scientific computing"},
      {"IT support", "ServiceNow", "endpoint management", "Active Directory", "network administration", "ITIL",
       "asset management", "SaaS administration", "Okta", "Google Workspace administration", "Jamf",
       "helpdesk leadership"},
      {"translation", "localisation", "customer communications", "community management", "internal communications",
       "crisis communications", "speechwriting", "newsletter writing", "video production", "podcasting",
       "photography", "event hosting"},
  };
  return areas;
}
constexpr int kEmergingArea = 18;
constexpr int kLeadershipArea = 19;
constexpr int kCommunicationArea = 20;

struct Dept {
  std::string name;
  int weight;                       // share of the internal headcount
  std::vector<std::string> nouns;   // mid-level titles
  std::vector<int> areas;           // skill areas, most typical first
  std::vector<int> pivot_to;        // departments people from here aspire to
};

const std::vector<Dept>& depts() {
  static const std::vector<Dept> all = {
      {"Platform Engineering", 9, {"Software Engineer", "Backend Engineer"}, {0, 2, 17}, {1, 3, 21}},
      {"Web Engineering", 7, {"Frontend Engineer", "Full-Stack Engineer"}, {1, 0, 17}, {0, 9, 10}},
      {"Mobile Engineering", 4, {"iOS Engineer", "Android Engineer"}, {16, 1, 17}, {1, 9}},
      {"Infrastructure", 5, {"Site Reliability Engineer", "Cloud Engineer"}, {2, 0}, {0, 4}},
      {"Security", 3, {"Security Engineer", "Security Analyst"}, {3, 2}, {3, 14}},
      {"Data Engineering", 4, {"Data Engineer", "Analytics Engineer"}, {4, 0}, {6, 20}},
      {"Data Science", 4, {"Data Scientist", "Machine Learning Engineer"}, {5, 4, 6}, {20, 8}},
      {"Analytics", 4, {"Data Analyst", "Business Analyst"}, {6, 4}, {6, 8, 14}},
      {"Product", 5, {"Product Manager", "Product Owner"}, {7, 6}, {9, 23, 12}},
      {"Design", 4, {"Product Designer", "UX Designer"}, {8, 7}, {8, 10}},
      {"User Research", 2, {"UX Researcher", "Research Operations Specialist"}, {22, 8}, {9, 8}},
      {"Sales", 9, {"Account Executive", "Sales Development Representative"}, {9, 10}, {11, 12, 8}},
      {"Customer Success", 8, {"Customer Success Manager", "Support Engineer"}, {10, 9}, {11, 8, 7}},
      {"Marketing", 6, {"Product Marketing Manager", "Growth Marketer"}, {11, 6}, {8, 11, 23}},
      {"Finance", 4, {"Financial Analyst", "Accountant"}, {12, 6}, {7, 14}},
      {"People", 4, {"People Partner", "Recruiter"}, {13, 19}, {15, 23}},
      {"Legal", 2, {"Legal Counsel", "Compliance Officer"}, {14, 12}, {4, 14}},
      {"Operations", 4, {"Operations Analyst", "Supply Chain Planner"}, {15, 12}, {14, 7}},
      {"IT", 2, {"IT Support Specialist", "Systems Administrator"}, {23, 2}, {3, 4}},
      {"Communications", 2, {"Communications Specialist", "Community Manager"}, {24, 11}, {13, 15}},
      {"Hardware", 3, {"Embedded Engineer", "Hardware Engineer"}, {21, 0}, {0, 20}},
      {"AI Lab", 3, {"Research Scientist", "Applied AI Engineer"}, {18, 5, 0}, {6, 8}},
      {"Quality", 2, {"QA Engineer", "Test Automation Engineer"}, {17, 0}, {0, 1}},
      {"Strategy", 2, {"Strategy Analyst", "Business Operations Manager"}, {20, 7, 12}, {8, 14}},
  };
  return all;
}

enum class Level { junior, mid, senior, staff, lead, director, head, ceo };

const std::vector<std::string> kFirst = {
    "Aaliyah", "Aarav",   "Abena",   "Adebayo", "Ahmed",   "Aiko",   "Alejandro", "Amara",   "Ana",     "Ananya",
    "Andrei",  "Anika",   "Arjun",   "Astrid",  "Ayesha",  "Bartosz", "Beatriz",  "Benjamin", "Bilal",  "Camila",
    "Carlos",  "Charlotte", "Chen",  "Chiara",  "Chloe",   "Darius", "Deepa",     "Diego",   "Elena",   "Elif",
    "Emeka",   "Emma",    "Fatima",  "Felix",   "Freya",   "Gabriel", "Hana",     "Hannah",  "Hiroshi", "Ibrahim",
    "Ines",    "Isabel",  "Ivan",    "Jamal",   "James",   "Javier", "Jin",       "Joao",    "Jonas",   "Julia",
    "Kai",     "Kavya",   "Kenji",   "Kofi",    "Laila",   "Lars",   "Layla",     "Leah",    "Liam",    "Lucas",
    "Luca",    "Mariam",  "Marta",   "Mateo",   "Mei",     "Mohammed", "Nadia",   "Naveen",  "Nia",     "Nikhil",
    "Noah",    "Nomvula", "Olga",    "Oliver",  "Omar",    "Priya",  "Rafael",    "Rahul",   "Rania",   "Ravi",
    "Rosa",    "Ruth",    "Samir",   "Santiago", "Sara",   "Sean",   "Shreya",    "Siobhan", "Tariq",   "Thandiwe",
    "Tomas",   "Valentina", "Vikram", "Wei",    "Yara",    "Yusuf",  "Zara",      "Zoe",     "Connor",  "Ingrid"};
const std::vector<std::string> kLast = {
    "Abara",   "Adeyemi", "Ahmed",   "Andersson", "Banerjee", "Becker",  "Bianchi", "Brennan", "Castillo", "Chen",
    "Chowdhury", "Costa", "Dubois",  "Eriksen", "Fischer",  "Fernandes", "Garcia", "Gupta",   "Haddad",   "Hansen",
    "Hernandez", "Hoffmann", "Ibrahim", "Iyer",  "Jansen",   "Jung",    "Kaur",    "Kim",     "Kowalski", "Kumar",
    "Larsen",  "Lee",     "Lopez",   "Mahlangu", "Martin",  "Mendes",  "Meyer",   "Moreau",  "Murphy",   "Mwangi",
    "Nakamura", "Nguyen", "Novak",   "Nwosu",   "O'Connor", "Okonkwo", "Olsen",   "Ortiz",   "Park",     "Pereira",
    "Petrov",  "Popescu", "Rahman",  "Ramirez", "Reddy",    "Rossi",   "Sato",    "Schmidt", "Shah",     "Silva",
    "Singh",   "Sokolova", "Suzuki", "Tan",     "Taylor",   "Thompson", "Torres", "Tran",    "Vasquez",  "Wagner",
    "Walsh",   "Wang",    "Watanabe", "Weber",  "Williams", "Wong",    "Yamamoto", "Yilmaz", "Zhang",    "Zielinski"};

const std::vector<std::string> kExternalOrgs = {
    "Fernwood Advisory",      "Lumen Institute",    "Harbour & Vale Consulting", "Quillstone Partners",
    "Kestrel Design Studio",  "Northstar Security Lab", "Open Data Collective", "Meridian Leadership Group",
    "Brightwater University", "Cobalt Ridge Ventures", "Tidewater Analytics", "Ashgrove Systems",
    "Silverline Labs",        "Oakmont Consulting", "Bluefjord Research",     "Cedar & Pine Partners",
    "Helix Institute",        "Redwood Coaching",   "Amberfield Group",       "Granite Peak Advisors"};
const std::vector<std::string> kExternalTitles = {
    "Independent Consultant", "Executive Coach", "Principal Consultant", "Professor", "Distinguished Engineer",
    "Partner", "Design Director", "Chief Data Officer", "Venture Partner", "Principal Researcher"};

const std::vector<Weighted> kZones = {
    {"Europe/London", 16},   {"Europe/Berlin", 10},      {"Europe/Paris", 5},     {"Europe/Madrid", 3},
    {"Europe/Warsaw", 3},    {"America/New_York", 16},   {"America/Chicago", 7},  {"America/Denver", 3},
    {"America/Los_Angeles", 10}, {"America/Sao_Paulo", 4}, {"Asia/Kolkata", 10}, {"Asia/Singapore", 4},
    {"Asia/Tokyo", 3},       {"Australia/Sydney", 3},    {"Africa/Lagos", 2},     {"Africa/Johannesburg", 1}};

std::string title_for(const Dept& d, Level level, int track) {
  const std::string& noun = d.nouns[static_cast<std::size_t>(track) % d.nouns.size()];
  switch (level) {
    case Level::junior: return "Junior " + noun;
    case Level::mid: return noun;
    case Level::senior: return "Senior " + noun;
    case Level::staff: return "Principal " + noun;
    case Level::lead: return noun + " Lead";
    case Level::director: return "Director of " + d.name;
    case Level::head: return "VP " + d.name;
    case Level::ceo: return "Chief Executive Officer";
  }
  return noun;
}

// Years of experience by level.
int years_for(Dice& dice, Level level) {
  switch (level) {
    case Level::junior: return dice.between(0, 3);
    case Level::mid: return dice.between(3, 9);
    case Level::senior: return dice.between(7, 18);
    case Level::staff: return dice.between(12, 30);
    case Level::lead: return dice.between(8, 25);
    case Level::director: return dice.between(12, 30);
    case Level::head: return dice.between(15, 35);
    case Level::ceo: return 28;
  }
  return 5;
}

int base_skill_level(Level level) {
  switch (level) {
    case Level::junior: return 2;
    case Level::mid: return 3;
    case Level::senior: return 4;
    case Level::staff: return 5;
    default: return 4;
  }
}

struct Builder {
  Dice dice;
  TimePoint now;
  int year;

  void add_skill(Person& p, const std::string& name, int level) {
    const std::string key = ascii_lower(name);
    if (p.skills.size() >= kMaxListItems) return;
    for (const auto& s : p.skills)
      if (ascii_lower(s.name) == key) return;
    p.skills.push_back({name, std::clamp(level, 1, kMaxSkillLevel)});
  }

  const std::string& skill_from(int area) { return dice.pick(skill_areas()[static_cast<std::size_t>(area)]); }

  int area_of(const Dept& d) {
    // The department's first area most often, then its others.
    const int r = dice.below(100);
    if (r < 55 || d.areas.size() == 1) return d.areas[0];
    if (r < 85 || d.areas.size() == 2) return d.areas[1];
    return d.areas[2];
  }

  void skills_for(Person& p, const Dept& d, Level level, bool mentor) {
    const int n = mentor ? dice.between(6, 12) : dice.between(3, 9);
    const int base = base_skill_level(level);
    for (int i = 0; i < n; ++i) {
      const int r = dice.below(100);
      const int area = r < 70 ? area_of(d) : r < 85 ? kLeadershipArea : r < 92 ? kCommunicationArea
                                                                      : dice.below(static_cast<int>(skill_areas().size()));
      add_skill(p, skill_from(area), base + dice.between(-1, 1));
    }
    // Cutting-edge skills, often held by the less experienced: reverse-mentoring material.
    if ((level == Level::junior || level == Level::mid) ? dice.chance(10) : dice.chance(3))
      add_skill(p, skill_from(kEmergingArea), dice.between(4, 5));
  }

  void aspirations_for(Person& p, const Dept& d, Level level, int track) {
    if (dice.chance(85)) {
      const int n = dice.between(2, 5);
      for (int i = 0; i < n; ++i) {
        const int r = dice.below(100);
        int area = r < 50 ? area_of(d) : r < 75 ? kLeadershipArea : r < 88 ? kEmergingArea
                                                                   : area_of(depts()[static_cast<std::size_t>(dice.pick(d.pivot_to))]);
        const std::string& s = skill_from(area);
        if (std::none_of(p.aspirations.skills.begin(), p.aspirations.skills.end(),
                         [&](const std::string& x) { return ascii_lower(x) == ascii_lower(s); }))
          p.aspirations.skills.push_back(s);
      }
    }
    if (dice.chance(60)) {
      if (dice.chance(70)) {
        const Level next = level == Level::junior ? Level::mid
                           : level == Level::mid  ? Level::senior
                           : level == Level::senior ? (dice.chance(50) ? Level::staff : Level::lead)
                                                    : Level::director;
        p.aspirations.roles.push_back(title_for(d, next, track));
      } else {
        const Dept& other = depts()[static_cast<std::size_t>(dice.pick(d.pivot_to))];
        p.aspirations.roles.push_back(title_for(other, Level::mid, dice.below(2)));
      }
    }
    if (dice.chance(30)) p.aspirations.departments.push_back(depts()[static_cast<std::size_t>(dice.pick(d.pivot_to))].name);
  }

  Person base(const std::string& first, const std::string& last, std::size_t index, const std::string& domain) {
    Person p;
    p.name = first + " " + last;
    p.email = email_part(first) + "." + email_part(last) + "." + std::to_string(index + 1) + "@" + domain;
    p.timezone = pick_weighted(dice, kZones);
    p.languages = {"English"};
    if (dice.chance(25)) p.languages.push_back(dice.pick(std::vector<std::string>{"German", "French", "Spanish", "Hindi", "Mandarin", "Portuguese"}));
    p.media = media_for(dice);
    p.formats_sought = {Format::one_to_one};
    p.created_at = p.updated_at = now;
    return p;
  }
};

}  // namespace

std::vector<std::string> default_emerging_keys() {
  std::vector<std::string> keys;
  for (const char* s : {"generative AI", "prompt engineering", "LLM evaluation", "data privacy engineering"})
    keys.push_back(matching::key_of(s));
  std::sort(keys.begin(), keys.end());
  return keys;
}

SyntheticOrg make_synthetic_org(const SyntheticOptions& o, TimePoint now) {
  if (o.people < 1000 || o.externals >= o.people / 2 || o.mentors < o.externals || o.mentors > o.people)
    throw std::runtime_error("synthetic org: inconsistent sizes");
  Builder b{Dice(o.seed), now, year_of(now)};
  const auto& ds = depts();
  const int internal = o.people - o.externals;

  // Headcount per department (the CEO counts in Strategy).
  int total_weight = 0;
  for (const auto& d : ds) total_weight += d.weight;
  std::vector<int> size(ds.size());
  int assigned = 0;
  for (std::size_t i = 0; i < ds.size(); ++i) assigned += size[i] = (internal - 1) * ds[i].weight / total_weight;
  size[0] += internal - 1 - assigned;

  // Positions, in insertion order: CEO, heads, directors, leads, then everyone else, so that
  // managers always come before the people they manage (and former managers too).
  struct Slot {
    int dept;
    Level level;
    int track;
    std::optional<std::size_t> manager;
  };
  std::vector<Slot> slots;
  slots.reserve(static_cast<std::size_t>(o.people));
  const int strategy = static_cast<int>(ds.size()) - 1;
  slots.push_back({strategy, Level::ceo, 0, std::nullopt});
  std::vector<std::size_t> head(ds.size());
  for (std::size_t d = 0; d < ds.size(); ++d) {
    head[d] = slots.size();
    slots.push_back({static_cast<int>(d), Level::head, 0, 0});
  }
  // Per department: one lead per 8 people, one director per 10 teams.
  std::vector<int> teams(ds.size()), directors(ds.size());
  std::vector<std::vector<std::size_t>> director_slots(ds.size()), lead_slots(ds.size());
  for (std::size_t d = 0; d < ds.size(); ++d) {
    const int rest = size[d] - 1;
    teams[d] = std::max(1, rest / 9);
    directors[d] = std::max(1, (teams[d] + 9) / 10);
    for (int i = 0; i < directors[d]; ++i) {
      director_slots[d].push_back(slots.size());
      slots.push_back({static_cast<int>(d), Level::director, i, head[d]});
    }
  }
  for (std::size_t d = 0; d < ds.size(); ++d)
    for (int t = 0; t < teams[d]; ++t) {
      lead_slots[d].push_back(slots.size());
      slots.push_back({static_cast<int>(d), Level::lead, t, director_slots[d][static_cast<std::size_t>(t) % director_slots[d].size()]});
    }
  const std::size_t first_ic = slots.size();
  for (std::size_t d = 0; d < ds.size(); ++d) {
    const int ics = size[d] - 1 - directors[d] - teams[d];
    for (int i = 0; i < ics; ++i) {
      const int r = b.dice.below(100);
      const Level level = r < 25 ? Level::junior : r < 60 ? Level::mid : r < 85 ? Level::senior : Level::staff;
      const std::size_t team = static_cast<std::size_t>(i) % lead_slots[d].size();
      slots.push_back({static_cast<int>(d), level, static_cast<int>(team), lead_slots[d][team]});
    }
  }
  if (static_cast<int>(slots.size()) != internal) throw std::runtime_error("synthetic org: headcount mismatch");

  // Who mentors: every external, and the internal people with the highest (bias + chance),
  // mostly experienced people, some juniors.
  std::vector<char> mentor(static_cast<std::size_t>(o.people), 0);
  {
    std::vector<std::pair<int, std::size_t>> keys;
    keys.reserve(slots.size());
    for (std::size_t i = 0; i < slots.size(); ++i) {
      int bias = 0;
      switch (slots[i].level) {
        case Level::junior: bias = 0; break;
        case Level::mid: bias = 250; break;
        case Level::senior: bias = 500; break;
        case Level::staff: bias = 650; break;
        default: bias = 550; break;
      }
      keys.emplace_back(bias + b.dice.below(1000), i);
    }
    std::sort(keys.begin(), keys.end(), [](const auto& a, const auto& c) { return a.first != c.first ? a.first > c.first : a.second < c.second; });
    for (int i = 0; i < o.mentors - o.externals; ++i) mentor[keys[static_cast<std::size_t>(i)].second] = 1;
    for (int i = internal; i < o.people; ++i) mentor[static_cast<std::size_t>(i)] = 1;
  }

  SyntheticOrg org;
  org.people.reserve(static_cast<std::size_t>(o.people));
  for (std::size_t i = 0; i < slots.size(); ++i) {
    const Slot& s = slots[i];
    const Dept& d = ds[static_cast<std::size_t>(s.dept)];
    Person p = b.base(b.dice.pick(kFirst), b.dice.pick(kLast), i, "synthetic.example");
    p.id = static_cast<PersonId>(i + 1);
    p.organisation = "Synthetic Corp";
    p.department = d.name;
    p.title = title_for(d, s.level, s.track);
    if (s.manager) p.manager_id = static_cast<PersonId>(*s.manager + 1);
    // Former managers: earlier managers (never the current one).
    const std::size_t managers_before = std::min(i, first_ic);
    const int former = managers_before < 3 ? 0 : b.dice.chance(15) ? 2 : b.dice.chance(35) ? 1 : 0;
    for (int f = 0; f < former; ++f) {
      const PersonId id = static_cast<PersonId>(b.dice.below(static_cast<int>(managers_before))) + 1;
      if (id != p.manager_id && std::find(p.former_manager_ids.begin(), p.former_manager_ids.end(), id) == p.former_manager_ids.end())
        p.former_manager_ids.push_back(id);
    }
    std::sort(p.former_manager_ids.begin(), p.former_manager_ids.end());
    p.career_start_year = b.year - years_for(b.dice, s.level);
    const bool m = mentor[i] != 0;
    b.skills_for(p, d, s.level, m);
    b.aspirations_for(p, d, s.level, s.track);
    if (m) {
      p.mentor_capacity = b.dice.between(1, 5);
      p.formats_offered = {Format::one_to_one};
      if (b.dice.chance(20)) p.formats_offered.push_back(Format::circle);
      if (b.dice.chance(15)) p.formats_offered.push_back(Format::flash);
      p.monthly_availability_hours = b.dice.between(2, 10);
    }
    p.bio = p.title + " in " + d.name + ". Works mostly on " + (p.skills.empty() ? std::string("the basics") : p.skills[0].name) +
            (p.skills.size() > 1 ? " and " + p.skills[1].name : std::string()) +
            (m ? "; happy to mentor people who want to grow in it." : "; keen to learn from a mentor.");
    p.is_admin = i == 0;
    org.people.push_back(std::move(p));
  }
  for (int i = internal; i < o.people; ++i) {
    const std::string& company = b.dice.pick(kExternalOrgs);
    Person p = b.base(b.dice.pick(kFirst), b.dice.pick(kLast), static_cast<std::size_t>(i), email_part(company) + ".example");
    p.id = static_cast<PersonId>(i + 1);
    p.is_external = true;
    p.organisation = company;
    p.title = b.dice.pick(kExternalTitles);
    p.career_start_year = b.year - b.dice.between(12, 35);
    const Dept& d = b.dice.pick(ds);
    b.skills_for(p, d, Level::staff, true);
    p.mentor_capacity = b.dice.between(1, 5);
    p.formats_offered = {Format::one_to_one};
    if (b.dice.chance(30)) p.formats_offered.push_back(Format::flash);
    p.monthly_availability_hours = b.dice.between(2, 6);
    p.formats_sought.clear();
    p.bio = p.title + " at " + company + ", an outside view on " + p.skills[0].name + " and " + d.name + ".";
    org.people.push_back(std::move(p));
  }

  for (const Person& p : org.people) {
    if (auto ok = validate_person(p, b.year, timezone_problem); !ok)
      throw std::runtime_error("synthetic org: " + p.email + " fails validation: " + ok.error().field + " " +
                               ok.error().message);
    if (p.mentor_capacity > 0 && p.offers(Format::one_to_one)) ++org.mentors;
  }
  for (const auto& area : skill_areas())
    for (const auto& s : area) org.skill_pool.push_back(s);
  {
    std::set<std::string> keys;
    for (const auto& s : org.skill_pool) keys.insert(ascii_lower(s));
    if (keys.size() != org.skill_pool.size()) throw std::runtime_error("synthetic org: the skill pool has duplicates");
  }
  // The mentee sample: internal people at an even stride over the whole organisation (every
  // department and level), skipping the CEO.
  const int sample = std::min(o.mentee_sample, internal - 1);
  for (int k = 0; k < sample; ++k) {
    const std::size_t i = 1 + static_cast<std::size_t>(k) * static_cast<std::size_t>(internal - 1) / static_cast<std::size_t>(sample);
    org.mentee_ids.push_back(org.people[i].id);
  }
  return org;
}

}  // namespace mh::bench
