#include "cli/export_command.hpp"

#include <cstdio>
#include <fstream>

#include "services/exports.hpp"

namespace mh::cli {

int export_csv(Store& store, const std::string& what, const std::string& output) {
  auto csv = store.read_value<std::string>([&](sql::Connection& db) -> Result<std::string> {
    if (what == "people") return services::export_people_csv(db, nullptr);
    return services::export_relationships_csv(db, nullptr);
  });
  if (!csv) {
    std::fprintf(stderr, "mentorhub: %s\n", csv.error().message.c_str());
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
