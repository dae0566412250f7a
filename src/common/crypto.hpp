// Passwords and tokens, on libsodium. Passwords: argon2id (interactive limits, ~70 ms and
// 64 MiB per hash, so only at sign-in). Session and API tokens: 256-bit random values; the
// store keeps only their BLAKE2b hash, which is fast enough to check on every request.
// Thread-safe once init_crypto() has run (main calls it).
#pragma once

#include <string>
#include <string_view>

namespace mh {

// Initialises libsodium; throws std::runtime_error if it cannot.
void init_crypto();

// argon2id string with its own salt and parameters.
std::string hash_password(std::string_view password);
bool verify_password(std::string_view password, const std::string& stored_hash);

// The test build of the server only (main.cpp under MH_TEST_HOOKS, before any thread starts):
// new hashes use libsodium's least work and memory, well under a millisecond, because the API
// and browser suites create and sign in thousands of people and the interactive limits made
// hashing most of their CPU time. A hash keeps its own limits, so verifying is unaffected.
void use_cheapest_password_hashing_for_test(bool on = true);

// 32 random bytes as 64 lower-case hex characters.
std::string random_token();
// Hex BLAKE2b-256 of the token: what the store keeps.
std::string token_hash(std::string_view token);
// Constant-time comparison of two strings of the same length (false if lengths differ).
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace mh
