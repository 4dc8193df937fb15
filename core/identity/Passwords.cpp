#include "core/identity/Passwords.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>
#include <unordered_set>

#include <sodium.h>

#include "core/crypto/Secrets.hpp"

namespace tabhost::core {

namespace {

constexpr std::size_t kMinCharacters = 8;
constexpr std::size_t kMaxBytes = 1024;
constexpr std::size_t kCommonCount = 3000;
constexpr unsigned long long kPasses = 2;
constexpr std::size_t kMemoryBytes = 19 * 1024 * 1024;

std::string lowered(std::string_view text) {
  std::string out(text);
  std::ranges::transform(out, out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

const std::unordered_set<std::string>& commonPasswords() {
  static const std::unordered_set<std::string> set = [] {
    std::unordered_set<std::string> words;
    std::string_view list = detail::kCommonPasswordList;
    while (!list.empty() && words.size() < kCommonCount) {
      const std::size_t end = std::min(list.find('\n'), list.size());
      const std::string_view line = list.substr(0, end);
      list.remove_prefix(std::min(end + 1, list.size()));
      if (line.empty() || line.starts_with("#!comment")) continue;
      words.insert(lowered(line));
    }
    return words;
  }();
  return set;
}

// Characters, not bytes: a UTF-8 continuation byte does not start one.
std::size_t characterCount(std::string_view text) {
  return static_cast<std::size_t>(
      std::ranges::count_if(text, [](unsigned char c) { return (c & 0xC0) != 0x80; }));
}

// Verified when the account is unknown, so that both cases cost the same.
const std::string& decoyHash() {
  static const std::string hash = hashPassword(toHex(randomBytes(16)));
  return hash;
}

}  // namespace

bool isCommonPassword(std::string_view password) { return commonPasswords().contains(lowered(password)); }

std::optional<std::string> passwordProblem(std::string_view password) {
  if (characterCount(password) < kMinCharacters) return "must be at least 8 characters long";
  if (password.size() > kMaxBytes) return "must be at most 1024 bytes long";
  if (isCommonPassword(password)) return "is one of the most common passwords; choose another";
  return std::nullopt;
}

std::string hashPassword(std::string_view password) {
  ensureSodium();
  char hash[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(hash, password.data(), password.size(), kPasses, kMemoryBytes,
                            crypto_pwhash_ALG_ARGON2ID13) != 0)
    throw std::runtime_error("out of memory while hashing a password");
  return hash;
}

bool verifyPassword(std::string_view password, const std::string& hash) {
  ensureSodium();
  const std::string& target = hash.empty() ? decoyHash() : hash;
  const bool matches = crypto_pwhash_str_verify(target.c_str(), password.data(), password.size()) == 0;
  return matches && !hash.empty();
}

bool passwordNeedsRehash(const std::string& hash) {
  ensureSodium();
  return crypto_pwhash_str_needs_rehash(hash.c_str(), kPasses, kMemoryBytes) != 0;
}

std::string temporaryPassword() { return toBase62(randomBytes(16)).substr(0, 20); }

}  // namespace tabhost::core
