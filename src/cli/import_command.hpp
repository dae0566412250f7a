// `mentorhub import FILE`: people from an HR export (format: domain/people_import.hpp), through
// the same use case as the API (services::import_people). It checks the whole file and prints
// what it would create, update and deactivate and every bad row; then, unless --dry-run, it
// imports in one transaction, or with any bad row imports nothing. Exit codes: 0 done (or a
// clean dry run), 1 failed or bad rows (listed on stdout), 2 bad usage.
#pragma once

#include <string>

#include "storage/store.hpp"

namespace mh::cli {

struct ImportOptions {
  std::string file;
  bool dry_run = false;
  bool complete = false;
};
int import_people(Store& store, const ImportOptions& o);

}  // namespace mh::cli
