// What every `mentorhub` command shares: how it reports a failure, and who it acts as.
#pragma once

#include <string>

#include "domain/person.hpp"

namespace mh::cli {

// Prints "mentorhub: <reason>" to stderr and gives the exit status of a failed command (1).
int fail(const std::string& reason);

// The command line acts as an administrator: whoever runs it can open the database anyway. The
// use cases it calls check an administrator like any other; this one has no id, so what it does
// is recorded as done by the command line.
Person operator_actor();

}  // namespace mh::cli
