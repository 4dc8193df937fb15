// Small cryptographic building blocks over libsodium: random secrets, their
// text forms, digests and comparisons that do not leak timing.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace tabhost::core {

/// Calls sodium_init once; safe from any thread.
void ensureSodium();

/// `count` bytes from the operating system's CSPRNG.
std::string randomBytes(std::size_t count);
/// Lower-case hex of `bytes`.
std::string toHex(std::string_view bytes);
/// 0-9A-Za-z, most significant digit first (an unsigned big number).
std::string toBase62(std::string_view bytes);
/// `value` in base62, left-padded with '0' to `width`.
std::string toBase62(std::uint32_t value, std::size_t width);
/// Random id: 16 CSPRNG bytes as 32 hex characters.
std::string newId();
/// SHA-256 of `data`, lower-case hex.
std::string sha256Hex(std::string_view data);
/// CRC-32 (IEEE) of `data`.
std::uint32_t crc32(std::string_view data);
/// Equality of two strings in time that depends only on their lengths.
bool constantTimeEquals(std::string_view a, std::string_view b);

}  // namespace tabhost::core
