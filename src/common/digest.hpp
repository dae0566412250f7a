// Message digests as lower-case hex, on OpenSSL's libcrypto: SHA-1 and SHA-256, for signatures
// that another system defines this way (BigBlueButton's API checksums). Not for passwords or
// tokens (common/crypto.hpp). Stateless; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace mh {

std::string sha1_hex(std::string_view data);
std::string sha256_hex(std::string_view data);

}  // namespace mh
