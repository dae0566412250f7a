#include "cli/export_command.hpp"

#include <cstdio>
#include <fstream>

#include "services/exports.hpp"
#include "services/reports.hpp"

namespace mh::cli {

int export_csv(Store& store, const std::string& what, const std::string& output, const ReportOptions& report,
               TimePoint now) {
  auto csv = store.read_value<std::string>([&](sql::Connection& db) -> Result<std::string> {
    if (what == "people") return services::export_people_csv(db, nullptr);
    if (what == "report") {
      services::ReportQuery q = services::last_twelve_months(now);
      if (!report.from.empty()) q.from = report.from;
      if (!report.to.empty()) q.to = report.to;
      const auto grouping = storage::parse_report_grouping(report.group_by);
      if (!grouping) return invalid("group-by", "must be none, department, cohort or program");
      q.grouping = *grouping;
      MH_TRY(r, services::program_report(db, nullptr, q, now));
      return services::report_csv(r);
    }
    return services::export_relationships_csv(db, nullptr);
  });
  if (!csv) {
    const Error& e = csv.error();
    std::fprintf(stderr, "mentorhub: %s%s\n", e.field.empty() ? "" : ("--" + e.field + " ").c_str(), e.message.c_str());
    return 1;
  }
  if (output.empty() || output == "-") {
    std::fwrite(csv->data(), 1, csv->size(), stdout);
    return 0;
  }
  std::ofstream out(output, std::ios::binary | std::ios::trunc);
  out.write(csv->data(), static_cast<std::streamsize>(csv->size()));
  if (!out.flush()) {
    std::fprintf(stderr, "mentorhub: cannot write %s\n", output.c_str());
    return 1;
  }
  return 0;
}

}  // namespace mh::cli
