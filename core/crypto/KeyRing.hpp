// The host's keys: the master key that seals secrets at rest (libsodium
// secretbox) and the Ed25519 key that signs audit checkpoints.
//
// The master key comes from TABHOST_MASTER_KEY (64 hex characters) or else
// from <state_dir>/keys/master.key; the signing key from
// <state_dir>/keys/audit-signing.key. A missing key file is created (mode
// 0600) on first use, so the embedded default needs no set-up.
#pragma once

#include <string>
#include <string_view>

namespace tabhost::core {

class KeyRing {
 public:
  /// Loads or creates the keys under `stateDir`. Throws std::runtime_error
  /// when a key file is unreadable or malformed.
  explicit KeyRing(const std::string& stateDir);

  /// Seals `plaintext`: "sb1:" + hex(nonce ‖ ciphertext).
  std::string seal(std::string_view plaintext) const;
  /// Opens what seal() produced; throws std::runtime_error when it was
  /// altered or sealed under another key.
  std::string open(std::string_view sealed) const;

  /// Ed25519 signature of `message`, hex.
  std::string sign(std::string_view message) const;
  /// Whether `signatureHex` is this key's signature of `message`.
  bool verify(std::string_view message, std::string_view signatureHex) const;
  /// The signing key's public half, hex (give it to auditors).
  const std::string& publicKeyHex() const { return publicKeyHex_; }

 private:
  std::string masterKey_;
  std::string signingSecret_;
  std::string signingPublic_;
  std::string publicKeyHex_;
};

}  // namespace tabhost::core
