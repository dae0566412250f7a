// `mentorhub export people|relationships|report [--output FILE]`: the administrators' CSV
// exports (services/exports.hpp) and the program report (services/reports.hpp, with --from, --to
// and --group-by), the same code as the API's, to stdout or a file. Exit codes: 0 done, 1 failed
// (one line on stderr), 2 bad usage.
#pragma once

#include <string>

#include "common/clock.hpp"
#include "storage/store.hpp"

namespace mh::cli {

// The report's period and grouping; empty months mean the last twelve.
struct ReportOptions {
  std::string from, to;
  std::string group_by = "none";
};

int export_csv(Store& store, const std::string& what, const std::string& output, const ReportOptions& report,
               TimePoint now);

}  // namespace mh::cli
