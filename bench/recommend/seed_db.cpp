// Writes the synthetic organisation (bench/recommend/synthetic_org.hpp) into a fresh database
// for the HTTP half of the recommendation benchmark, through the store's own code: one write
// transaction, storage::insert_person for every person (the profile row, skills, former
// managers, the full-text index entry and the change counter, with the connection's cached
// prepared statements), one argon2id password hash shared by everyone.
//
//   bench_recommend_seed --database PATH [--mentees-out FILE] [--scale 0.1]
//
// It prints progress per 10,000 people (so a slowdown as the search index grows shows), then
// measures storage::index_person alone at full size (re-indexing 5,000 people in a transaction
// that is rolled back), and ends with one line "SEED_JSON {...}" for bench/recommend/run.sh.
// --mentees-out gets "id email" of the sampled mentees, one a line.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include <sys/resource.h>

#include "common/crypto.hpp"
#include "recommend/synthetic_org.hpp"
#include "storage/people_repo.hpp"
#include "storage/search_repo.hpp"
#include "storage/store.hpp"

namespace {

using namespace mh;
using Steady = std::chrono::steady_clock;

double seconds_since(Steady::time_point t0) { return std::chrono::duration<double>(Steady::now() - t0).count(); }

// User + system CPU time of this process so far (a busy machine stretches the wall clock).
double cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

int fail(const std::string& why) {
  std::fprintf(stderr, "bench_recommend_seed: %s\n", why.c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  std::string database, mentees_out;
  double scale = 1;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--database" && i + 1 < argc) database = argv[++i];
    else if (a == "--mentees-out" && i + 1 < argc) mentees_out = argv[++i];
    else if (a == "--scale" && i + 1 < argc) scale = std::atof(argv[++i]);
    else return fail("usage: bench_recommend_seed --database PATH [--mentees-out FILE] [--scale 0.1]");
  }
  if (database.empty()) return fail("--database is required");
  if (!(scale > 0 && scale <= 1)) return fail("--scale must be in (0, 1]");
  init_crypto();

  // The same clock as the scoring benchmark: the experience of everyone is the same there.
  const TimePoint now = SystemClock().now();
  bench::SyntheticOptions o;
  o.people = static_cast<int>(o.people * scale);
  o.mentors = static_cast<int>(o.mentors * scale);
  o.externals = static_cast<int>(o.externals * scale);
  auto t0 = Steady::now();
  bench::SyntheticOrg org = bench::make_synthetic_org(o, now);
  // Stamped as imported the day before, as an organisation's people are when the server starts:
  // not all written in the last minute, so a refresh after one edit finds one person changed.
  for (auto& p : org.people) p.created_at = p.updated_at = now - std::chrono::hours(24);
  const double generate_s = seconds_since(t0);
  std::fprintf(stderr, "generated %zu people (%d mentors) in %.2f s\n", org.people.size(), org.mentors, generate_s);

  auto store = Store::open(database, 2);
  if (!store) return fail(store.error().message);
  if (auto m = (*store)->migrate(now.time_since_epoch().count()); !m) return fail(m.error().message);

  t0 = Steady::now();
  const std::string hash = hash_password("mentorhub-bench");
  const double hash_s = seconds_since(t0);

  t0 = Steady::now();
  const double cpu0 = cpu_seconds();
  std::vector<double> chunk_s;
  Status written = (*store)->write([&](sql::Connection& db) -> Status {
    if (storage::count_people(db) > 0) return conflict("the database already holds people; the seed needs an empty one");
    std::vector<PersonId> ids;
    ids.reserve(org.people.size());
    auto chunk0 = Steady::now();
    for (const Person& src : org.people) {
      Person p = src;
      // The generator's ids are positions + 1; map them to what the database assigned.
      if (p.manager_id) p.manager_id = ids[static_cast<std::size_t>(*p.manager_id - 1)];
      for (auto& f : p.former_manager_ids) f = ids[static_cast<std::size_t>(f - 1)];
      ids.push_back(storage::insert_person(db, p, hash));
      if (ids.back() != src.id)
        return Error{ErrorCode::internal, "the database assigned id " + std::to_string(ids.back()) + " to person " +
                                              std::to_string(src.id) + "; the seed needs a fresh database", {}};
      if (ids.size() % 10'000 == 0) {
        chunk_s.push_back(seconds_since(chunk0));
        std::fprintf(stderr, "  %zu people inserted (%.2f s for the last 10,000)\n", ids.size(), chunk_s.back());
        chunk0 = Steady::now();
      }
    }
    return {};
  });
  if (!written) return fail(written.error().message);
  const double insert_s = seconds_since(t0);
  const double insert_cpu_s = cpu_seconds() - cpu0;
  std::fprintf(stderr, "inserted %zu people in one transaction in %.2f s, %.2f s of CPU (%.0f people/s)\n",
               org.people.size(), insert_s, insert_cpu_s, static_cast<double>(org.people.size()) / insert_s);

  // index_person alone, at full size: re-index 5,000 people spread over the organisation in a
  // transaction that is then rolled back (the work returns an error on purpose).
  const std::size_t sample = std::min<std::size_t>(5'000, org.people.size());
  double index_s = 0;
  (void)(*store)->write([&](sql::Connection& db) -> Status {
    const auto t = Steady::now();
    for (std::size_t k = 0; k < sample; ++k) storage::index_person(db, org.people[k * org.people.size() / sample]);
    index_s = seconds_since(t);
    return Error{ErrorCode::conflict, "rolled back on purpose", {}};
  });
  const double index_us = index_s / static_cast<double>(sample) * 1e6;
  const double insert_us = insert_s / static_cast<double>(org.people.size()) * 1e6;
  std::fprintf(stderr, "index_person alone at full size: %.0f us per person (%.0f%% of insert_person's %.0f us)\n",
               index_us, 100 * index_us / insert_us, insert_us);

  if (!mentees_out.empty()) {
    std::ofstream out(mentees_out);
    for (PersonId id : org.mentee_ids) out << id << ' ' << org.people[static_cast<std::size_t>(id - 1)].email << '\n';
    if (!out) return fail("cannot write " + mentees_out);
  }
  std::string chunks;
  for (double c : chunk_s) chunks += (chunks.empty() ? "" : ",") + std::to_string(c);
  std::printf(
      "SEED_JSON {\"people\":%zu,\"mentors\":%d,\"generate_s\":%.3f,\"hash_s\":%.3f,\"insert_s\":%.3f,\"insert_cpu_s\":%.3f,"
      "\"insert_us_per_person\":%.1f,\"index_us_per_person\":%.1f,\"chunk_s\":[%s],\"mentees\":%zu}\n",
      org.people.size(), org.mentors, generate_s, hash_s, insert_s, insert_cpu_s, insert_us, index_us, chunks.c_str(),
      org.mentee_ids.size());
  return 0;
}
