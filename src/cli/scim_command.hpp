// `mentorhub scim token ...`: the bearer tokens identity providers present to /scim/v2 (services/
// scim.hpp), acting as an administrator. A new token is printed once, on stdout alone so a script
// can capture it; only its hash is kept. Exit codes: 0 done, 1 failed (one line on stderr), 2 bad usage.
#pragma once

#include <cstdint>
#include <string>

#include "storage/store.hpp"

namespace mh::cli {

int scim_token_create(Store& store, const std::string& name);
int scim_token_list(Store& store);
int scim_token_revoke(Store& store, std::int64_t id);

}  // namespace mh::cli
