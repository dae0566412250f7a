// libFuzzer target: the people import's reading and planning (domain/people_import), as
// `mentorhub import` and POST /admin/people/import use them, on any bytes: the decoding of a file
// Excel saved (common/file_text), the sniffed separator, the HR column names, start dates as
// spreadsheets write them and the manager by id or e-mail, then the plan against a few stored
// people. Checks: every row kept has a name and an e-mail and a start date that is empty or
// YYYY-MM-DD; a planned person is a row of the file; nothing is both created and updated.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "domain/people_import.hpp"
#include "domain/written_date.hpp"

namespace {

// A zone check without the tz files: the fuzzer should spend its time on the reading.
std::optional<std::string> zone_problem(std::string_view tz) {
  if (tz == "UTC" || tz == "Europe/Paris") return std::nullopt;
  return std::string("is not a known time zone");
}

std::vector<mh::Person> stored_people() {
  std::vector<mh::Person> out(3);
  for (std::size_t i = 0; i < out.size(); ++i) {
    out[i].id = static_cast<mh::PersonId>(i + 1);
    out[i].employee_id = "E" + std::to_string(i + 1);
    out[i].email = "p" + std::to_string(i + 1) + "@example.com";
    out[i].name = "Person " + std::to_string(i + 1);
    out[i].active = i != 2;
  }
  out[1].manager_id = 1;
  return out;
}

bool is_day(const std::string& s) {
  const auto d = mh::read_written_date(s);
  return d && d->order == mh::WrittenDate::Order::year_month_day && mh::iso_day(*d, true) == s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::vector<mh::Person> stored = stored_people();
  mh::HrReadLimits limits;
  limits.max_rows = 200;
  limits.max_field_bytes = 512;
  limits.max_problems = 20;
  const mh::HrFile file =
      mh::read_hr_file(std::string_view(reinterpret_cast<const char*>(data), size), zone_problem, limits);
  if (file.problems.kept().size() > limits.max_problems) std::abort();
  for (const auto& row : file.rows) {
    if (row.name.empty() || row.email.empty() || row.employee_id.empty() || row.line < 1) std::abort();
    if (row.start_date && !row.start_date->empty() && !is_day(*row.start_date)) std::abort();
  }
  for (bool complete : {false, true}) {
    const mh::ImportPlan plan = mh::plan_import(file, stored, {.complete = complete, .actor = std::nullopt});
    std::vector<bool> planned(file.rows.size(), false);
    for (const auto* list : {&plan.creates, &plan.updates})
      for (const auto& p : *list) {
        if (p.row >= file.rows.size() || planned[p.row]) std::abort();
        planned[p.row] = true;
      }
  }
  return 0;
}
