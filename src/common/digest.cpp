#include "common/digest.hpp"

#include <openssl/evp.h>

#include <stdexcept>

namespace mh {

namespace {

std::string hex_digest(const EVP_MD* md, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (EVP_Digest(data.data(), data.size(), out, &size, md, nullptr) != 1)
    throw std::runtime_error("the message digest could not be computed");
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(size * 2);
  for (unsigned int i = 0; i < size; ++i) {
    hex += kHex[out[i] >> 4];
    hex += kHex[out[i] & 0x0f];
  }
  return hex;
}

}  // namespace

std::string sha1_hex(std::string_view data) { return hex_digest(EVP_sha1(), data); }
std::string sha256_hex(std::string_view data) { return hex_digest(EVP_sha256(), data); }

}  // namespace mh
