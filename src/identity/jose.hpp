// JSON Web Signatures and keys (RFC 7515, 7517, 7518) as far as signing in needs them: base64url,
// SHA-256, a provider's key set (JWKS) and checking a compact JWS's signature with one of its
// keys. RS256/384/512, PS256 and ES256/384 are accepted; "none" and the HMAC algorithms never are
// (a key set holds public keys, so accepting HS256 would let anyone who reads the JWKS sign).
// Pure computation on OpenSSL's libcrypto: no I/O, no clock. KeySet is immutable once parsed and
// safe to share across threads.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"

namespace mh::identity {

std::string base64url_encode(std::string_view bytes);
// Decodes unpadded base64url (padding is tolerated); nullopt-like failure as `invalid`.
Result<std::string> base64url_decode(std::string_view text);
// Standard base64 with padding (HTTP Basic credentials).
std::string base64_encode(std::string_view bytes);
// The 32-byte SHA-256 digest.
std::string sha256(std::string_view bytes);

// One public signing key of a provider.
class PublicKey {
 public:
  ~PublicKey();
  PublicKey(const PublicKey&) = delete;
  PublicKey& operator=(const PublicKey&) = delete;

  const std::string& kid() const { return kid_; }
  const std::string& kty() const { return kty_; }
  const std::string& alg() const { return alg_; }  // empty when the JWK does not say
  // True when `signature` (as the JWS carries it: raw r||s for ECDSA) over `input` verifies
  // with this key under `alg`. False for an algorithm the key cannot serve.
  bool verifies(std::string_view alg, std::string_view input, std::string_view signature) const;

 private:
  friend class KeySet;
  PublicKey() = default;
  std::string kid_, kty_, alg_, crv_;
  void* pkey_ = nullptr;  // EVP_PKEY*, kept out of this header
};

// A provider's JWKS: the signing keys it publishes. Keys that are not for signatures, of an
// unsupported type or malformed are skipped (a provider may publish encryption keys too).
class KeySet {
 public:
  // Parses the JSON text of a JWKS document; `invalid` if it is not {"keys": [...]}.
  static Result<std::shared_ptr<const KeySet>> parse(std::string_view json_text);
  const PublicKey* find(std::string_view kid) const;
  std::size_t size() const { return keys_.size(); }

 private:
  std::vector<std::unique_ptr<PublicKey>> keys_;
};

// Algorithms a signature may be made with.
bool is_supported_algorithm(std::string_view alg);

}  // namespace mh::identity
