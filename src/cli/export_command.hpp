// `mentorhub export people|relationships [--output FILE]`: the administrators' CSV exports
// (services/exports.hpp, the same code as the API's), to stdout or a file. Exit codes: 0 done,
// 1 failed (one line on stderr), 2 bad usage.
#pragma once

#include <string>

#include "storage/store.hpp"

namespace mh::cli {

int export_csv(Store& store, const std::string& what, const std::string& output);

}  // namespace mh::cli
