// Passwords: the policy a new one must meet and Argon2id hashing.
//
// Policy (OWASP ASVS 5.0, 6.2): at least 8 characters, 64 and more accepted
// (up to 1,024 bytes, which bounds the work per attempt), no composition
// rules, and none of the 3,000 most common passwords. Hashes are libsodium's
// Argon2id strings with 19 MiB and 2 passes (ASVS appendix C), which carry
// their own parameters so that they can be raised later.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tabhost::core {

/// Why `password` may not be used, or nullopt when it may.
std::optional<std::string> passwordProblem(std::string_view password);

/// Whether `password` is among the 3,000 most common (case-insensitive).
bool isCommonPassword(std::string_view password);

/// An Argon2id hash string of `password`.
std::string hashPassword(std::string_view password);

/// Whether `password` matches `hash` (constant time). Runs a full Argon2id
/// verification even for an empty `hash`, so an unknown account takes as long
/// as a wrong password.
bool verifyPassword(std::string_view password, const std::string& hash);

/// Whether `hash` was made with weaker parameters than today's.
bool passwordNeedsRehash(const std::string& hash);

/// A random temporary password (20 base62 characters, about 119 bits).
std::string temporaryPassword();

namespace detail {
/// The embedded common-password list, one per line (generated at build time).
extern const char* const kCommonPasswordList;
}  // namespace detail

}  // namespace tabhost::core
