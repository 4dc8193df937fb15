#include "core/crypto/KeyRing.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <cerrno>
#include <iterator>
#include <stdexcept>

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include "core/crypto/Secrets.hpp"

namespace tabhost::core {

namespace {

namespace fs = std::filesystem;

std::string fromHex(std::string_view hex, const std::string& what) {
  std::string bytes(hex.size() / 2, '\0');
  std::size_t length = 0;
  if (hex.size() % 2 != 0 ||
      sodium_hex2bin(reinterpret_cast<unsigned char*>(bytes.data()), bytes.size(), hex.data(), hex.size(), nullptr,
                     &length, nullptr) != 0 ||
      length != bytes.size())
    throw std::runtime_error(what + " is not valid hex");
  return bytes;
}

// Reads a key file of `size` bytes, creating it with `make` when absent.
// O_EXCL makes two processes starting at once agree on one key.
std::string keyFile(const fs::path& path, std::size_t size, const std::function<std::string()>& make) {
  if (!fs::exists(path)) {
    fs::create_directories(path.parent_path());
    const std::string key = make();
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
    if (fd >= 0) {
      const bool written = ::write(fd, key.data(), key.size()) == static_cast<ssize_t>(key.size()) && ::fsync(fd) == 0;
      ::close(fd);
      if (!written) throw std::runtime_error("cannot write key file " + path.string());
    } else if (errno != EEXIST) {
      throw std::runtime_error("cannot create key file " + path.string());
    }
  }
  std::ifstream in(path, std::ios::binary);
  std::string key((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof()) throw std::runtime_error("cannot read key file " + path.string());
  if (key.size() != size)
    throw std::runtime_error("key file " + path.string() + " holds " + std::to_string(key.size()) +
                             " bytes, expected " + std::to_string(size));
  return key;
}

}  // namespace

KeyRing::KeyRing(const std::string& stateDir) {
  ensureSodium();
  const fs::path keys = fs::path(stateDir) / "keys";
  if (const char* env = std::getenv("TABHOST_MASTER_KEY"); env && *env) {
    masterKey_ = fromHex(env, "TABHOST_MASTER_KEY");
    if (masterKey_.size() != crypto_secretbox_KEYBYTES)
      throw std::runtime_error("TABHOST_MASTER_KEY must be 64 hex characters (32 bytes)");
  } else {
    masterKey_ = keyFile(keys / "master.key", crypto_secretbox_KEYBYTES,
                         [] { return randomBytes(crypto_secretbox_KEYBYTES); });
  }
  signingSecret_ = keyFile(keys / "audit-signing.key", crypto_sign_SECRETKEYBYTES, [] {
    std::string pk(crypto_sign_PUBLICKEYBYTES, '\0'), sk(crypto_sign_SECRETKEYBYTES, '\0');
    crypto_sign_keypair(reinterpret_cast<unsigned char*>(pk.data()), reinterpret_cast<unsigned char*>(sk.data()));
    return sk;
  });
  signingPublic_.assign(crypto_sign_PUBLICKEYBYTES, '\0');
  crypto_sign_ed25519_sk_to_pk(reinterpret_cast<unsigned char*>(signingPublic_.data()),
                               reinterpret_cast<const unsigned char*>(signingSecret_.data()));
  publicKeyHex_ = toHex(signingPublic_);
}

std::string KeyRing::seal(std::string_view plaintext) const {
  const std::string nonce = randomBytes(crypto_secretbox_NONCEBYTES);
  std::string box(plaintext.size() + crypto_secretbox_MACBYTES, '\0');
  crypto_secretbox_easy(reinterpret_cast<unsigned char*>(box.data()),
                        reinterpret_cast<const unsigned char*>(plaintext.data()), plaintext.size(),
                        reinterpret_cast<const unsigned char*>(nonce.data()),
                        reinterpret_cast<const unsigned char*>(masterKey_.data()));
  return "sb1:" + toHex(nonce + box);
}

std::string KeyRing::open(std::string_view sealed) const {
  if (!sealed.starts_with("sb1:")) throw std::runtime_error("not a sealed secret");
  const std::string bytes = fromHex(sealed.substr(4), "sealed secret");
  if (bytes.size() < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES)
    throw std::runtime_error("sealed secret is truncated");
  std::string plain(bytes.size() - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES, '\0');
  const auto* nonce = reinterpret_cast<const unsigned char*>(bytes.data());
  const auto* box = nonce + crypto_secretbox_NONCEBYTES;
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plain.data()), box,
                                 bytes.size() - crypto_secretbox_NONCEBYTES, nonce,
                                 reinterpret_cast<const unsigned char*>(masterKey_.data())) != 0)
    throw std::runtime_error("sealed secret does not open with this master key");
  return plain;
}

std::string KeyRing::sign(std::string_view message) const {
  unsigned char signature[crypto_sign_BYTES];
  crypto_sign_detached(signature, nullptr, reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                       reinterpret_cast<const unsigned char*>(signingSecret_.data()));
  return toHex({reinterpret_cast<const char*>(signature), sizeof signature});
}

bool KeyRing::verify(std::string_view message, std::string_view signatureHex) const {
  std::string signature;
  try {
    signature = fromHex(signatureHex, "signature");
  } catch (const std::runtime_error&) {
    return false;
  }
  return signature.size() == crypto_sign_BYTES &&
         crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(signature.data()),
                                     reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                                     reinterpret_cast<const unsigned char*>(signingPublic_.data())) == 0;
}

}  // namespace tabhost::core
