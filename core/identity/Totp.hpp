// One-time passwords: HOTP (RFC 4226) and TOTP (RFC 6238), with the base32
// secrets and otpauth:// URIs authenticator apps read.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tabhost::core {

enum class OtpHash { Sha1, Sha256, Sha512 };

/// The HOTP value of `counter` under `key`, `digits` long (zero-padded).
std::string hotp(std::string_view key, std::uint64_t counter, int digits = 6, OtpHash hash = OtpHash::Sha1);

/// The TOTP time step of `unixSeconds` (30-second steps from 0).
std::uint64_t totpStep(std::int64_t unixSeconds, int stepSeconds = 30);

/// The TOTP value at `unixSeconds`.
std::string totp(std::string_view key, std::int64_t unixSeconds, int digits = 6, OtpHash hash = OtpHash::Sha1,
                 int stepSeconds = 30);

/// RFC 4648 base32 without padding (what authenticator apps expect).
std::string base32Encode(std::string_view bytes);
/// Decodes base32 (case-insensitive, padding and spaces ignored); nullopt when invalid.
std::optional<std::string> base32Decode(std::string_view text);

/// otpauth://totp/<issuer>:<account>?secret=...&issuer=...&algorithm=SHA1&digits=6&period=30
std::string otpauthUri(std::string_view issuer, std::string_view account, std::string_view key);

/// What a submitted code is worth.
struct TotpMatch {
  enum class Result { Valid, Replayed, Wrong };
  Result result = Result::Wrong;
  /// The step matched (Valid): store it as the last used one.
  std::uint64_t step = 0;
};

/// Checks `code` against the current step and the one before (RFC 6238 §5.2
/// allows one step of delay). A code of a step at or before `lastUsedStep`
/// was already used: Replayed.
TotpMatch matchTotp(std::string_view key, std::string_view code, std::int64_t unixSeconds,
                    std::uint64_t lastUsedStep);

}  // namespace tabhost::core
