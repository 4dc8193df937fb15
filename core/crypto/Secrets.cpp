#include "core/crypto/Secrets.hpp"

#include <mutex>
#include <stdexcept>
#include <vector>

#include <Poco/Checksum.h>
#include <sodium.h>

namespace tabhost::core {

void ensureSodium() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
  });
}

std::string randomBytes(std::size_t count) {
  ensureSodium();
  std::string bytes(count, '\0');
  randombytes_buf(bytes.data(), count);
  return bytes;
}

std::string toHex(std::string_view bytes) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    hex.push_back(digits[c >> 4]);
    hex.push_back(digits[c & 15]);
  }
  return hex;
}

namespace {
constexpr char kBase62[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
}

std::string toBase62(std::string_view bytes) {
  // Repeated division of the big-endian number by 62.
  std::vector<unsigned char> number(bytes.begin(), bytes.end());
  std::string out;
  std::size_t start = 0;
  while (start < number.size()) {
    unsigned remainder = 0;
    for (std::size_t i = start; i < number.size(); ++i) {
      const unsigned value = remainder * 256 + number[i];
      number[i] = static_cast<unsigned char>(value / 62);
      remainder = value % 62;
    }
    out.push_back(kBase62[remainder]);
    while (start < number.size() && number[start] == 0) ++start;
  }
  return {out.rbegin(), out.rend()};
}

std::string toBase62(std::uint32_t value, std::size_t width) {
  std::string out(width, '0');
  for (std::size_t i = width; i-- > 0 && value;) {
    out[i] = kBase62[value % 62];
    value /= 62;
  }
  return out;
}

std::string newId() { return toHex(randomBytes(16)); }

std::string sha256Hex(std::string_view data) {
  ensureSodium();
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  return toHex({reinterpret_cast<const char*>(digest), sizeof digest});
}

std::uint32_t crc32(std::string_view data) {
  Poco::Checksum checksum(Poco::Checksum::TYPE_CRC32);
  checksum.update(data.data(), static_cast<unsigned>(data.size()));
  return checksum.checksum();
}

bool constantTimeEquals(std::string_view a, std::string_view b) {
  ensureSodium();
  if (a.size() != b.size()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace tabhost::core
