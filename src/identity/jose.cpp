#include "identity/jose.hpp"

#include <array>

#include <nlohmann/json.hpp>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/rsa.h>
#include <openssl/sha.h>

namespace mh::identity {

namespace {

using nlohmann::json;

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string encode(std::string_view bytes, bool url) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  const auto at = [&](std::size_t k) { return static_cast<unsigned char>(bytes[k]); };
  for (; i + 2 < bytes.size(); i += 3) {
    const unsigned v = (at(i) << 16) | (at(i + 1) << 8) | at(i + 2);
    for (int s = 18; s >= 0; s -= 6) out.push_back(kAlphabet[(v >> s) & 63]);
  }
  if (i + 1 == bytes.size()) {
    const unsigned v = at(i) << 16;
    out.push_back(kAlphabet[(v >> 18) & 63]);
    out.push_back(kAlphabet[(v >> 12) & 63]);
    if (!url) out += "==";
  } else if (i + 2 == bytes.size()) {
    const unsigned v = (at(i) << 16) | (at(i + 1) << 8);
    out.push_back(kAlphabet[(v >> 18) & 63]);
    out.push_back(kAlphabet[(v >> 12) & 63]);
    out.push_back(kAlphabet[(v >> 6) & 63]);
    if (!url) out += "=";
  }
  if (url)
    for (char& c : out) c = c == '+' ? '-' : c == '/' ? '_' : c;
  return out;
}

struct PkeyFree {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;

Pkey from_params(const char* type, OSSL_PARAM_BLD* bld) {
  OSSL_PARAM* params = OSSL_PARAM_BLD_to_param(bld);
  EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr);
  EVP_PKEY* pkey = nullptr;
  if (ctx && params && EVP_PKEY_fromdata_init(ctx) == 1) EVP_PKEY_fromdata(ctx, &pkey, EVP_PKEY_PUBLIC_KEY, params);
  EVP_PKEY_CTX_free(ctx);
  OSSL_PARAM_free(params);
  return Pkey(pkey);
}

Pkey rsa_key(const std::string& n, const std::string& e) {
  // Shorter moduli are breakable; longer ones are legitimate but cap the work a key may cost.
  if (n.size() < 256 || n.size() > 1024 || e.empty() || e.size() > 8) return nullptr;
  BIGNUM* bn_n = BN_bin2bn(reinterpret_cast<const unsigned char*>(n.data()), static_cast<int>(n.size()), nullptr);
  BIGNUM* bn_e = BN_bin2bn(reinterpret_cast<const unsigned char*>(e.data()), static_cast<int>(e.size()), nullptr);
  OSSL_PARAM_BLD* bld = OSSL_PARAM_BLD_new();
  Pkey key;
  if (bn_n && bn_e && bld && OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_N, bn_n) == 1 &&
      OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_E, bn_e) == 1)
    key = from_params("RSA", bld);
  OSSL_PARAM_BLD_free(bld);
  BN_free(bn_n);
  BN_free(bn_e);
  return key;
}

Pkey ec_key(const std::string& crv, const std::string& x, const std::string& y) {
  const char* group = crv == "P-256" ? "prime256v1" : crv == "P-384" ? "secp384r1" : nullptr;
  const std::size_t size = crv == "P-256" ? 32 : 48;
  if (!group || x.size() != size || y.size() != size) return nullptr;
  std::string point = "\x04" + x + y;
  OSSL_PARAM_BLD* bld = OSSL_PARAM_BLD_new();
  Pkey key;
  if (bld && OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME, group, 0) == 1 &&
      OSSL_PARAM_BLD_push_octet_string(bld, OSSL_PKEY_PARAM_PUB_KEY, point.data(), point.size()) == 1)
    key = from_params("EC", bld);
  OSSL_PARAM_BLD_free(bld);
  return key;
}

// JWS carries an ECDSA signature as r||s of fixed width; OpenSSL verifies DER.
std::string ecdsa_der(std::string_view raw) {
  const std::size_t half = raw.size() / 2;
  BIGNUM* r = BN_bin2bn(reinterpret_cast<const unsigned char*>(raw.data()), static_cast<int>(half), nullptr);
  BIGNUM* s = BN_bin2bn(reinterpret_cast<const unsigned char*>(raw.data() + half), static_cast<int>(half), nullptr);
  ECDSA_SIG* sig = ECDSA_SIG_new();
  std::string der;
  if (r && s && sig && ECDSA_SIG_set0(sig, r, s) == 1) {
    r = s = nullptr;  // owned by sig now
    unsigned char* out = nullptr;
    const int len = i2d_ECDSA_SIG(sig, &out);
    if (len > 0) der.assign(reinterpret_cast<char*>(out), static_cast<std::size_t>(len));
    OPENSSL_free(out);
  }
  BN_free(r);
  BN_free(s);
  ECDSA_SIG_free(sig);
  return der;
}

struct AlgInfo {
  std::string_view name;
  std::string_view kty;
  const EVP_MD* (*md)();
  bool pss;
  std::size_t ec_signature_size;  // 0 for RSA
};

const AlgInfo* alg_info(std::string_view alg) {
  static const std::array<AlgInfo, 6> table{{
      {"RS256", "RSA", EVP_sha256, false, 0},
      {"RS384", "RSA", EVP_sha384, false, 0},
      {"RS512", "RSA", EVP_sha512, false, 0},
      {"PS256", "RSA", EVP_sha256, true, 0},
      {"ES256", "EC", EVP_sha256, false, 64},
      {"ES384", "EC", EVP_sha384, false, 96},
  }};
  for (const auto& a : table)
    if (a.name == alg) return &a;
  return nullptr;
}

std::string string_member(const json& obj, const char* name) {
  auto it = obj.find(name);
  return it != obj.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

std::string base64url_encode(std::string_view bytes) { return encode(bytes, true); }
std::string base64_encode(std::string_view bytes) { return encode(bytes, false); }

Result<std::string> base64url_decode(std::string_view text) {
  while (!text.empty() && text.back() == '=') text.remove_suffix(1);
  if (text.size() % 4 == 1) return invalid("base64url", "is not base64url");
  std::string out;
  out.reserve(text.size() * 3 / 4);
  unsigned buffer = 0;
  int bits = 0;
  for (const char c : text) {
    int v;
    if (c >= 'A' && c <= 'Z') v = c - 'A';
    else if (c >= 'a' && c <= 'z') v = c - 'a' + 26;
    else if (c >= '0' && c <= '9') v = c - '0' + 52;
    else if (c == '-') v = 62;
    else if (c == '_') v = 63;
    else return invalid("base64url", "is not base64url");
    buffer = (buffer << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xff));
    }
  }
  return out;
}

std::string sha256(std::string_view bytes) {
  std::string out(SHA256_DIGEST_LENGTH, '\0');
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), reinterpret_cast<unsigned char*>(out.data()));
  return out;
}

bool is_supported_algorithm(std::string_view alg) { return alg_info(alg) != nullptr; }

PublicKey::~PublicKey() { EVP_PKEY_free(static_cast<EVP_PKEY*>(pkey_)); }

bool PublicKey::verifies(std::string_view alg, std::string_view input, std::string_view signature) const {
  const AlgInfo* info = alg_info(alg);
  if (!info || info->kty != kty_ || (!alg_.empty() && alg_ != alg)) return false;
  if (info->ec_signature_size) {
    // The curve must be the one the algorithm names (ES256 with P-256, ES384 with P-384).
    if ((info->ec_signature_size == 64) != (crv_ == "P-256")) return false;
    if (signature.size() != info->ec_signature_size) return false;
  }
  const std::string der = info->ec_signature_size ? ecdsa_der(signature) : std::string(signature);
  if (der.empty()) return false;
  EVP_MD_CTX* md = EVP_MD_CTX_new();
  EVP_PKEY_CTX* pctx = nullptr;
  bool ok = md && EVP_DigestVerifyInit(md, &pctx, info->md(), nullptr, static_cast<EVP_PKEY*>(pkey_)) == 1;
  if (ok && info->pss)
    ok = EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) == 1 &&
         EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST) == 1;
  ok = ok && EVP_DigestVerify(md, reinterpret_cast<const unsigned char*>(der.data()), der.size(),
                              reinterpret_cast<const unsigned char*>(input.data()), input.size()) == 1;
  EVP_MD_CTX_free(md);
  return ok;
}

Result<std::shared_ptr<const KeySet>> KeySet::parse(std::string_view json_text) {
  const json doc = json::parse(json_text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object() || !doc.contains("keys") || !doc["keys"].is_array())
    return invalid("jwks", "the provider's key set is not a JWKS document ({\"keys\": [...]})");
  auto set = std::make_shared<KeySet>();
  for (const json& k : doc["keys"]) {
    if (!k.is_object()) continue;
    const std::string use = string_member(k, "use");
    if (!use.empty() && use != "sig") continue;
    auto key = std::unique_ptr<PublicKey>(new PublicKey());
    key->kid_ = string_member(k, "kid");
    key->kty_ = string_member(k, "kty");
    key->alg_ = string_member(k, "alg");
    if (!key->alg_.empty() && !is_supported_algorithm(key->alg_)) continue;
    Pkey pkey;
    if (key->kty_ == "RSA") {
      auto n = base64url_decode(string_member(k, "n"));
      auto e = base64url_decode(string_member(k, "e"));
      if (n && e) pkey = rsa_key(*n, *e);
    } else if (key->kty_ == "EC") {
      key->crv_ = string_member(k, "crv");
      auto x = base64url_decode(string_member(k, "x"));
      auto y = base64url_decode(string_member(k, "y"));
      if (x && y) pkey = ec_key(key->crv_, *x, *y);
    }
    if (!pkey) continue;
    key->pkey_ = pkey.release();
    set->keys_.push_back(std::move(key));
  }
  return std::shared_ptr<const KeySet>(std::move(set));
}

const PublicKey* KeySet::find(std::string_view kid) const {
  for (const auto& k : keys_)
    if (k->kid() == kid) return k.get();
  // A token without a kid may use the provider's only key.
  if (kid.empty() && keys_.size() == 1) return keys_.front().get();
  return nullptr;
}

}  // namespace mh::identity
