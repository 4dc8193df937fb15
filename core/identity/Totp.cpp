#include "core/identity/Totp.hpp"

#include <array>
#include <cctype>
#include <vector>

#include <Poco/HMACEngine.h>
#include <Poco/SHA1Engine.h>
#include <Poco/URI.h>
#include <sodium.h>

#include "core/crypto/Secrets.hpp"

namespace tabhost::core {

namespace {

std::vector<unsigned char> hmac(std::string_view key, const std::array<unsigned char, 8>& message, OtpHash hash) {
  const auto* msg = message.data();
  const auto* k = reinterpret_cast<const unsigned char*>(key.data());
  switch (hash) {
    case OtpHash::Sha256: {
      std::vector<unsigned char> out(crypto_auth_hmacsha256_BYTES);
      crypto_auth_hmacsha256_state state;
      crypto_auth_hmacsha256_init(&state, k, key.size());
      crypto_auth_hmacsha256_update(&state, msg, message.size());
      crypto_auth_hmacsha256_final(&state, out.data());
      return out;
    }
    case OtpHash::Sha512: {
      std::vector<unsigned char> out(crypto_auth_hmacsha512_BYTES);
      crypto_auth_hmacsha512_state state;
      crypto_auth_hmacsha512_init(&state, k, key.size());
      crypto_auth_hmacsha512_update(&state, msg, message.size());
      crypto_auth_hmacsha512_final(&state, out.data());
      return out;
    }
    case OtpHash::Sha1: break;
  }
  // libsodium has no HMAC-SHA1, which RFC 6238's default and every
  // authenticator app use; Poco's engine provides it.
  const std::string secret(key);
  Poco::HMACEngine<Poco::SHA1Engine> engine(secret);
  engine.update(msg, message.size());
  const auto& digest = engine.digest();
  return {digest.begin(), digest.end()};
}

constexpr char kBase32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

}  // namespace

std::string hotp(std::string_view key, std::uint64_t counter, int digits, OtpHash hash) {
  ensureSodium();
  std::array<unsigned char, 8> message{};
  for (int i = 7; i >= 0; --i, counter >>= 8) message[static_cast<std::size_t>(i)] = counter & 0xFF;
  const auto mac = hmac(key, message, hash);
  // Dynamic truncation (RFC 4226 §5.3).
  const std::size_t offset = mac.back() & 0x0F;
  const std::uint32_t binary = (static_cast<std::uint32_t>(mac[offset] & 0x7F) << 24) |
                               (static_cast<std::uint32_t>(mac[offset + 1]) << 16) |
                               (static_cast<std::uint32_t>(mac[offset + 2]) << 8) | mac[offset + 3];
  std::uint32_t modulus = 1;
  for (int i = 0; i < digits; ++i) modulus *= 10;
  std::string code = std::to_string(binary % modulus);
  return std::string(static_cast<std::size_t>(digits) - code.size(), '0') + code;
}

std::uint64_t totpStep(std::int64_t unixSeconds, int stepSeconds) {
  return static_cast<std::uint64_t>(unixSeconds) / static_cast<std::uint64_t>(stepSeconds);
}

std::string totp(std::string_view key, std::int64_t unixSeconds, int digits, OtpHash hash, int stepSeconds) {
  return hotp(key, totpStep(unixSeconds, stepSeconds), digits, hash);
}

std::string base32Encode(std::string_view bytes) {
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (unsigned char c : bytes) {
    buffer = (buffer << 8) | c;
    bits += 8;
    while (bits >= 5) {
      out.push_back(kBase32[(buffer >> (bits - 5)) & 31]);
      bits -= 5;
    }
  }
  if (bits > 0) out.push_back(kBase32[(buffer << (5 - bits)) & 31]);
  return out;
}

std::optional<std::string> base32Decode(std::string_view text) {
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (char raw : text) {
    if (raw == '=' || raw == ' ') continue;
    const char c = static_cast<char>(std::toupper(static_cast<unsigned char>(raw)));
    unsigned value;
    if (c >= 'A' && c <= 'Z') value = static_cast<unsigned>(c - 'A');
    else if (c >= '2' && c <= '7') value = static_cast<unsigned>(c - '2' + 26);
    else return std::nullopt;
    buffer = (buffer << 5) | value;
    bits += 5;
    if (bits >= 8) {
      out.push_back(static_cast<char>((buffer >> (bits - 8)) & 0xFF));
      bits -= 8;
    }
  }
  return out;
}

std::string otpauthUri(std::string_view issuer, std::string_view account, std::string_view key) {
  std::string label, issuerParam;
  Poco::URI::encode(std::string(issuer) + ":" + std::string(account), "/?#&=+", label);
  Poco::URI::encode(std::string(issuer), "/?#&=+:", issuerParam);
  return "otpauth://totp/" + label + "?secret=" + base32Encode(key) + "&issuer=" + issuerParam +
         "&algorithm=SHA1&digits=6&period=30";
}

TotpMatch matchTotp(std::string_view key, std::string_view code, std::int64_t unixSeconds,
                    std::uint64_t lastUsedStep) {
  if (code.size() != 6) return {};
  const std::uint64_t now = totpStep(unixSeconds);
  for (std::uint64_t step : {now, now - 1})
    if (constantTimeEquals(hotp(key, step), code))
      return {step <= lastUsedStep ? TotpMatch::Result::Replayed : TotpMatch::Result::Valid, step};
  return {};
}

}  // namespace tabhost::core
