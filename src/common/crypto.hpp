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

// 32 random bytes as 64 lower-case hex characters.
std::string random_token();
// Hex BLAKE2b-256 of the token: what the store keeps.
std::string token_hash(std::string_view token);
// Constant-time comparison of two strings of the same length (false if lengths differ).
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace mh
