#include "cli/command_line.hpp"

#include <cstdio>

namespace mh::cli {

int fail(const std::string& reason) {
  std::fprintf(stderr, "mentorhub: %s\n", reason.c_str());
  return 1;
}

Person operator_actor() {
  Person p;
  p.name = "the command line";
  p.is_admin = true;
  return p;
}

}  // namespace mh::cli
