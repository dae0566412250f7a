// `mentorhub second-factor ...` and `mentorhub user remove-second-factor`: the organisation's
// requirement of a second factor for administrators, set from the command line through the same
// use case as the admin settings page (services/second_factor.hpp), by the operator (who needs no
// second factor of their own), and the way back in for a person who lost both their authenticator
// app and their recovery codes. Exit codes: 0 done, 1 failed (one line on stderr).
#pragma once

#include <string>

#include "storage/store.hpp"

namespace mh::cli {

// "require", "allow" or "show".
int second_factor_requirement(Store& store, const std::string& action);
// Removes the person's second factor and ends their browser sessions; their next password
// sign-in asks for no code (an administrator is asked to set one up again while it is required).
int remove_second_factor(Store& store, const std::string& email);

}  // namespace mh::cli
