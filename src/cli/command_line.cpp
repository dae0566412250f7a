#include "cli/command_line.hpp"

#include <cstdio>
#include <cstdlib>

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

std::optional<std::string> secret_from(const std::string& file, const char* env) {
  if (file.empty()) {
    const char* value = std::getenv(env);
    return std::string(value ? value : "");
  }
  auto secret = file_bytes(file);
  if (!secret) return std::nullopt;
  while (!secret->empty() && (secret->back() == '\n' || secret->back() == '\r')) secret->pop_back();
  return secret;
}

}  // namespace mh::cli
