// What every `mentorhub` command shares: how it reports a failure, who it acts as, and how it
// reads the files and secrets it is given.
#pragma once

#include <optional>
#include <string>

#include "common/file_bytes.hpp"
#include "domain/person.hpp"

namespace mh::cli {

// Prints "mentorhub: <reason>" to stderr and gives the exit status of a failed command (1).
int fail(const std::string& reason);

// The command line acts as an administrator: whoever runs it can open the database anyway. The
// use cases it calls check an administrator like any other; this one has no id, so what it does
// is recorded as done by the command line.
Person operator_actor();

// A secret given in the file at `file` (without the line breaks an editor leaves at its end) or,
// when no file is named, in the environment variable `env` ("" when that is unset too); nothing
// when the file cannot be read.
std::optional<std::string> secret_from(const std::string& file, const char* env);

}  // namespace mh::cli
