// Shared by the tests that play an identity provider (test-only; never included by production
// code): signing keys made by OpenSSL, the JWKs that publish them, and tokens signed with them.
#pragma once

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>

#include <algorithm>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "identity/jose.hpp"

namespace mh::identity::testing {

// An RS256 (RSA 2048) or ES256 (P-256) signing key under a kid.
struct TestKey {
  TestKey() = default;
  TestKey(const TestKey&) = delete;
  TestKey& operator=(const TestKey&) = delete;
  ~TestKey() { EVP_PKEY_free(pkey); }

  EVP_PKEY* pkey = nullptr;
  std::string kid, alg;
};

// A number of the key, big-endian, left-padded with zeros to `pad` bytes.
inline std::string bn_bytes(EVP_PKEY* p, const char* name, std::size_t pad = 0) {
  BIGNUM* bn = nullptr;
  EVP_PKEY_get_bn_param(p, name, &bn);
  std::string out(std::max<std::size_t>(pad, static_cast<std::size_t>(BN_num_bytes(bn))), '\0');
  BN_bn2binpad(bn, reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(out.size()));
  BN_free(bn);
  return out;
}

inline std::unique_ptr<TestKey> make_key(const std::string& alg, const std::string& kid) {
  auto k = std::make_unique<TestKey>();
  k->kid = kid;
  k->alg = alg;
  k->pkey = alg == "ES256" ? EVP_EC_gen("P-256") : EVP_RSA_gen(2048);
  return k;
}

inline nlohmann::json jwk_of(const TestKey& k) {
  if (k.alg == "ES256") {
    return {{"kty", "EC"}, {"crv", "P-256"}, {"kid", k.kid}, {"alg", k.alg}, {"use", "sig"},
            {"x", base64url_encode(bn_bytes(k.pkey, OSSL_PKEY_PARAM_EC_PUB_X, 32))},
            {"y", base64url_encode(bn_bytes(k.pkey, OSSL_PKEY_PARAM_EC_PUB_Y, 32))}};
  }
  return {{"kty", "RSA"}, {"kid", k.kid}, {"alg", k.alg}, {"use", "sig"},
          {"n", base64url_encode(bn_bytes(k.pkey, OSSL_PKEY_PARAM_RSA_N))},
          {"e", base64url_encode(bn_bytes(k.pkey, OSSL_PKEY_PARAM_RSA_E))}};
}

// `claims` as a JWT signed with `k`; its header names `alg` when given (a lie, for the tests of
// refusals), else the key's own.
inline std::string sign(const TestKey& k, const nlohmann::json& claims, const std::string& alg = "") {
  const nlohmann::json header = {{"alg", alg.empty() ? k.alg : alg}, {"kid", k.kid}, {"typ", "JWT"}};
  const std::string input = base64url_encode(header.dump()) + "." + base64url_encode(claims.dump());
  EVP_MD_CTX* md = EVP_MD_CTX_new();
  EVP_DigestSignInit(md, nullptr, EVP_sha256(), nullptr, k.pkey);
  std::size_t len = 0;
  EVP_DigestSign(md, nullptr, &len, reinterpret_cast<const unsigned char*>(input.data()), input.size());
  std::string sig(len, '\0');
  EVP_DigestSign(md, reinterpret_cast<unsigned char*>(sig.data()), &len,
                 reinterpret_cast<const unsigned char*>(input.data()), input.size());
  sig.resize(len);
  EVP_MD_CTX_free(md);
  if (k.alg == "ES256") {  // DER to r||s
    const unsigned char* p = reinterpret_cast<const unsigned char*>(sig.data());
    ECDSA_SIG* es = d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(sig.size()));
    std::string raw(64, '\0');
    BN_bn2binpad(ECDSA_SIG_get0_r(es), reinterpret_cast<unsigned char*>(raw.data()), 32);
    BN_bn2binpad(ECDSA_SIG_get0_s(es), reinterpret_cast<unsigned char*>(raw.data()) + 32, 32);
    ECDSA_SIG_free(es);
    sig = raw;
  }
  return input + "." + base64url_encode(sig);
}

}  // namespace mh::identity::testing
