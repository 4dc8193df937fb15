// The host's keys: the master key that seals secrets at rest (libsodium
// secretbox) and the Ed25519 key that signs audit checkpoints.
//
// The master key comes from TABHOST_MASTER_KEY (64 hex characters) or else
// from a key file (security.master_key_file, default
// <state_dir>/keys/master.key); the signing key from
// <state_dir>/keys/audit-signing.key. A missing key file is created (mode
// 0600) on first use, so the embedded default needs no set-up.
//
// Rotation: a sealed value names the id of the key that sealed it, so old
// keys can still open what they sealed. Retired keys live in
// <key file's folder>/retired/<id>.key, or come from
// TABHOST_MASTER_KEY_PREVIOUS (comma-separated hex). The key file is
// re-read when it changes, so a running host follows `tabctl keys rotate`.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <string_view>

namespace tabhost::core {

class KeyRing {
 public:
  /// Loads or creates the keys under `stateDir`; `masterKeyFile` overrides
  /// where the master key lives. Throws std::runtime_error when a key file
  /// is unreadable or malformed.
  explicit KeyRing(const std::string& stateDir, const std::string& masterKeyFile = {});
  ~KeyRing();

  /// Seals `plaintext` under the current master key:
  /// "sb2:" + key id + ":" + hex(nonce ‖ ciphertext).
  std::string seal(std::string_view plaintext) const;
  /// Opens what seal() produced (or the older "sb1:" form, which names no
  /// key); throws std::runtime_error when it was altered or its key is gone.
  std::string open(std::string_view sealed) const;
  /// Whether `sealed` was sealed under the current master key.
  bool sealedUnderCurrent(std::string_view sealed) const;
  /// The current master key's id (8 hex characters of its SHA-256).
  std::string currentKeyId() const;
  /// Whether the master key comes from the environment (it cannot be
  /// rotated by writing a file then).
  bool keyFromEnvironment() const { return fromEnvironment_; }
  /// Retires the key file's key (to retired/<id>.key) and writes a new
  /// one; returns the new key's id. Throws when the key comes from the
  /// environment or a file cannot be written.
  std::string rotateKeyFile();

  /// Ed25519 signature of `message`, hex.
  std::string sign(std::string_view message) const;
  /// Whether `signatureHex` is this key's signature of `message`.
  bool verify(std::string_view message, std::string_view signatureHex) const;
  /// The signing key's public half, hex (give it to auditors).
  const std::string& publicKeyHex() const { return publicKeyHex_; }

 private:
  struct MasterKeys;
  /// The master keys, re-read when the key file changed.
  std::shared_ptr<const MasterKeys> masterKeys() const;
  /// Reads the keys; `create` makes a missing key file (at start only).
  std::shared_ptr<const MasterKeys> loadMasterKeys(bool create) const;

  std::string masterKeyFile_;
  bool fromEnvironment_ = false;
  mutable std::mutex mutex_;
  mutable std::shared_ptr<const MasterKeys> master_;
  std::string signingSecret_;
  std::string signingPublic_;
  std::string publicKeyHex_;
};

}  // namespace tabhost::core
