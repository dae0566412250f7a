// libFuzzer target: the cohort CSV reader (matching/cohort_csv), as `mentorhub match --csv` and
// POST /matchings/from-csv use it. Any input must end in a cohort or an `invalid` error naming
// the csv field; a cohort holds no more rows than the limits allow and every person in it has a
// name. Limits are smaller than the format's so that the fuzzer reaches them.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "common/clock.hpp"
#include "matching/cohort_csv.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const mh::TimePoint now = *mh::parse_iso8601("2026-03-02T09:00:00Z");
  mh::matching::CsvLimits limits;
  limits.max_rows = 200;
  limits.max_field_bytes = 512;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto cohort = mh::matching::parse_cohort_csv(text, now, limits);
  if (!cohort) {
    if (cohort.error().code != mh::ErrorCode::invalid || cohort.error().field != "csv") std::abort();
    return 0;
  }
  if (cohort->people.size() > limits.max_rows) std::abort();
  for (const auto& p : cohort->people)
    if (p.person.name.empty() || p.line < 1) std::abort();
  return 0;
}
