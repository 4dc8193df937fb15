#include "core/crypto/KeyRing.hpp"

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <cerrno>
#include <iterator>
#include <map>
#include <optional>
#include <stdexcept>

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
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
  if (!fs::exists(path) && !make) throw std::runtime_error("key file " + path.string() + " is missing");
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

std::string keyId(const std::string& key) { return sha256Hex(key).substr(0, 8); }

std::string hexKey(std::string_view hex, const std::string& what) {
  std::string key = fromHex(hex, what);
  if (key.size() != crypto_secretbox_KEYBYTES) throw std::runtime_error(what + " must be 64 hex characters (32 bytes)");
  return key;
}

// What identifies one version of the key file: a rotation replaces it by rename.
struct FileStamp {
  ino_t inode = 0;
  /// Modification time in nanoseconds.
  std::int64_t modified = 0;
  bool operator==(const FileStamp&) const = default;
};

FileStamp stampOf(const fs::path& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return {};
  return {st.st_ino, st.st_mtim.tv_sec * 1000000000L + st.st_mtim.tv_nsec};
}

void writeKeyFileAtomically(const fs::path& path, const std::string& key) {
  const fs::path temporary = path.string() + ".new";
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (fd < 0) throw std::runtime_error("cannot create key file " + temporary.string());
  const bool written = ::write(fd, key.data(), key.size()) == static_cast<ssize_t>(key.size()) && ::fsync(fd) == 0;
  ::close(fd);
  if (!written || ::rename(temporary.c_str(), path.c_str()) != 0)
    throw std::runtime_error("cannot write key file " + path.string());
  // The rename must survive a crash before the re-sealed values do.
  if (const int dir = ::open(path.parent_path().c_str(), O_RDONLY | O_DIRECTORY); dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
}

}  // namespace

struct KeyRing::MasterKeys {
  std::string current;
  std::string currentId;
  /// Every key that may open a value, current one included, by id.
  std::map<std::string, std::string> byId;
  FileStamp stamp;
};

KeyRing::KeyRing(const std::string& stateDir, const std::string& masterKeyFile)
    : masterKeyFile_(masterKeyFile.empty() ? (fs::path(stateDir) / "keys" / "master.key").string() : masterKeyFile) {
  ensureSodium();
  const char* env = std::getenv("TABHOST_MASTER_KEY");
  fromEnvironment_ = env && *env;
  master_ = loadMasterKeys(true);
  const fs::path keys = fs::path(stateDir) / "keys";
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

KeyRing::~KeyRing() = default;

std::shared_ptr<const KeyRing::MasterKeys> KeyRing::loadMasterKeys(bool create) const {
  auto keys = std::make_shared<MasterKeys>();
  const fs::path file(masterKeyFile_);
  if (fromEnvironment_) {
    keys->current = hexKey(std::getenv("TABHOST_MASTER_KEY"), "TABHOST_MASTER_KEY");
    if (const char* previous = std::getenv("TABHOST_MASTER_KEY_PREVIOUS"); previous && *previous) {
      std::string_view rest(previous);
      while (!rest.empty()) {
        const std::size_t comma = rest.find(',');
        std::string key = hexKey(rest.substr(0, comma), "TABHOST_MASTER_KEY_PREVIOUS");
        keys->byId[keyId(key)] = std::move(key);
        rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
      }
    }
  } else {
    // Stamped before reading: a swap in between is seen, and read, next time.
    keys->stamp = stampOf(file);
    std::function<std::string()> make;
    if (create) make = [] { return randomBytes(crypto_secretbox_KEYBYTES); };
    keys->current = keyFile(file, crypto_secretbox_KEYBYTES, make);
  }
  if (const fs::path retired = file.parent_path() / "retired"; fs::is_directory(retired))
    for (const auto& entry : fs::directory_iterator(retired))
      if (entry.path().extension() == ".key") {
        std::string key = keyFile(entry.path(), crypto_secretbox_KEYBYTES, {});
        keys->byId[keyId(key)] = std::move(key);
      }
  keys->currentId = keyId(keys->current);
  keys->byId[keys->currentId] = keys->current;
  return keys;
}

std::shared_ptr<const KeyRing::MasterKeys> KeyRing::masterKeys() const {
  std::lock_guard lock(mutex_);
  if (!fromEnvironment_ && stampOf(masterKeyFile_) != master_->stamp) {
    // Never a new key once running: a missing or half-written file keeps the
    // keys in memory (values sealed meanwhile stay readable) until it is whole.
    try {
      master_ = loadMasterKeys(false);
    } catch (const std::runtime_error&) {
    }
  }
  return master_;
}

std::string KeyRing::currentKeyId() const { return masterKeys()->currentId; }

std::string KeyRing::seal(std::string_view plaintext) const {
  const auto keys = masterKeys();
  const std::string nonce = randomBytes(crypto_secretbox_NONCEBYTES);
  std::string box(plaintext.size() + crypto_secretbox_MACBYTES, '\0');
  crypto_secretbox_easy(reinterpret_cast<unsigned char*>(box.data()),
                        reinterpret_cast<const unsigned char*>(plaintext.data()), plaintext.size(),
                        reinterpret_cast<const unsigned char*>(nonce.data()),
                        reinterpret_cast<const unsigned char*>(keys->current.data()));
  return "sb2:" + keys->currentId + ":" + toHex(nonce + box);
}

namespace {

std::optional<std::string> openWith(const std::string& key, const std::string& bytes) {
  std::string plain(bytes.size() - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES, '\0');
  const auto* nonce = reinterpret_cast<const unsigned char*>(bytes.data());
  const auto* box = nonce + crypto_secretbox_NONCEBYTES;
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plain.data()), box,
                                 bytes.size() - crypto_secretbox_NONCEBYTES, nonce,
                                 reinterpret_cast<const unsigned char*>(key.data())) != 0)
    return std::nullopt;
  return plain;
}

}  // namespace

std::string KeyRing::open(std::string_view sealed) const {
  std::string_view id;
  std::string_view hex;
  if (sealed.starts_with("sb2:") && sealed.size() > 13 && sealed[12] == ':') {
    id = sealed.substr(4, 8);
    hex = sealed.substr(13);
  } else if (sealed.starts_with("sb1:")) {
    hex = sealed.substr(4);
  } else {
    throw std::runtime_error("not a sealed secret");
  }
  const std::string bytes = fromHex(hex, "sealed secret");
  if (bytes.size() < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES)
    throw std::runtime_error("sealed secret is truncated");
  const auto keys = masterKeys();
  if (!id.empty()) {
    const auto it = keys->byId.find(std::string(id));
    if (it == keys->byId.end())
      throw std::runtime_error("sealed secret needs master key " + std::string(id) + ", which is not available");
    if (auto plain = openWith(it->second, bytes)) return *plain;
  } else {
    // The first form named no key: any key this host holds may have sealed it.
    for (const auto& [keyIdentity, key] : keys->byId)
      if (auto plain = openWith(key, bytes)) return *plain;
  }
  throw std::runtime_error("sealed secret does not open with its master key");
}

bool KeyRing::sealedUnderCurrent(std::string_view sealed) const {
  const auto keys = masterKeys();
  return sealed.starts_with("sb2:" + keys->currentId + ":");
}

std::string KeyRing::rotateKeyFile() {
  if (fromEnvironment_)
    throw std::runtime_error(
        "the master key comes from TABHOST_MASTER_KEY: put the new key there and the old one in "
        "TABHOST_MASTER_KEY_PREVIOUS, then run keys rotate again to re-seal");
  const auto keys = masterKeys();
  const fs::path file(masterKeyFile_);
  const fs::path retired = file.parent_path() / "retired" / (keys->currentId + ".key");
  fs::create_directories(retired.parent_path());
  // Retired first: if the host dies after the rename, the old key still opens the old values.
  if (!fs::exists(retired)) writeKeyFileAtomically(retired, keys->current);
  writeKeyFileAtomically(file, randomBytes(crypto_secretbox_KEYBYTES));
  return masterKeys()->currentId;
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
