#include "core/identity/ApiTokens.hpp"

#include <algorithm>

#include <sodium.h>

#include "core/crypto/Secrets.hpp"
#include "core/json/JsonCodec.hpp"
#include "core/storage/RowFields.hpp"
#include "core/util/UtcClock.hpp"

namespace tabhost::core {

namespace {

constexpr std::size_t kSecretChars = 43;  // 32 bytes in base62, zero-padded
constexpr std::size_t kChecksumChars = 6;

std::vector<std::string> stringList(const std::string& jsonText) {
  std::vector<std::string> out;
  const sdk::Json list = parseJsonText(jsonText);
  if (list.isArray())
    for (const auto& s : list.asArray())
      if (s.isString()) out.push_back(s.asString());
  return out;
}


}  // namespace

std::string newTokenText(const std::string& prefix) {
  std::string secret = toBase62(randomBytes(32));
  secret.insert(0, kSecretChars - secret.size(), '0');
  const std::string body = prefix + "_" + secret;
  return body + toBase62(crc32(body), kChecksumChars);
}

bool tokenWellFormed(const std::string& token, const std::string& prefix) {
  const std::string_view text(token);
  if (text.size() != prefix.size() + 1 + kSecretChars + kChecksumChars || !text.starts_with(prefix) ||
      text[prefix.size()] != '_')
    return false;
  const std::string_view body = text.substr(0, text.size() - kChecksumChars);
  const auto base62 = [](char c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); };
  return std::all_of(text.begin() + static_cast<std::ptrdiff_t>(prefix.size()) + 1, text.end(), base62) &&
         toBase62(crc32(body), kChecksumChars) == text.substr(body.size());
}

std::string tokenHint(const std::string& token, const std::string& prefix) {
  return prefix + "_…" + token.substr(token.size() - 4);
}

std::optional<StoredToken> findToken(sdk::Database& db, const std::string& hash) {
  const auto rows = db.query(
      "SELECT id, user_id, scopes, expires_s, last_used_at FROM api_tokens WHERE hash = ? AND revoked_at IS NULL",
      {hash});
  if (rows.empty()) return std::nullopt;
  const auto& r = rows.front();
  return StoredToken{textField(r, "id"), textField(r, "user_id"), stringList(textField(r, "scopes")), r.find("expires_s")->asInt(),
                     textField(r, "last_used_at")};
}

sdk::IssuedToken storeToken(sdk::Database& db, const std::string& prefix, const std::string& userId,
                            const std::string& createdBy, const std::string& name,
                            const std::vector<std::string>& scopes, int expiresInDays) {
  sdk::IssuedToken issued;
  issued.id = newId();
  issued.token = newTokenText(prefix);
  issued.hint = tokenHint(issued.token, prefix);
  issued.scopes = scopes;
  const std::int64_t expires = unixSeconds() + std::int64_t(expiresInDays) * 86400;
  issued.expiresAt = utcFromUnix(expires);
  db.execute(
      "INSERT INTO api_tokens (id, user_id, name, hash, hint, scopes, created_by, created_at, expires_at, expires_s) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {issued.id, userId, name, sha256Hex(issued.token), issued.hint, toJsonText(sdk::Json::strings(scopes)), createdBy,
       utcTimestamp(), issued.expiresAt, expires});
  return issued;
}

std::vector<sdk::TokenInfo> listTokens(sdk::Database& db) {
  std::vector<sdk::TokenInfo> tokens;
  for (const auto& r : db.query(
           "SELECT * FROM api_tokens WHERE revoked_at IS NULL AND expires_s > ? ORDER BY created_at DESC, id",
           {unixSeconds()}))
    tokens.push_back({textField(r, "id"), textField(r, "name"), textField(r, "hint"), stringList(textField(r, "scopes")),
                      textField(r, "user_id"), textField(r, "created_by"), textField(r, "created_at"), textField(r, "expires_at"),
                      textField(r, "last_used_at")});
  return tokens;
}

bool revokeToken(sdk::Database& db, const std::string& id) {
  return db.execute("UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                    {utcTimestamp(), id})
             .affectedRows > 0;
}

std::int64_t revokeUserTokens(sdk::Database& db, const std::string& userId) {
  return db.execute("UPDATE api_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL",
                    {utcTimestamp(), userId})
      .affectedRows;
}

void markTokenUsed(sdk::Database& db, const std::string& id) {
  db.execute("UPDATE api_tokens SET last_used_at = ? WHERE id = ?", {utcTimestamp(), id});
}

TokenCache::TokenCache() : macKey_(randomBytes(crypto_shorthash_siphashx24_KEYBYTES)) {}

std::string TokenCache::key(const std::string& tenantId, const std::string& token) const {
  unsigned char mac[crypto_shorthash_siphashx24_BYTES];
  crypto_shorthash_siphashx24(mac, reinterpret_cast<const unsigned char*>(token.data()), token.size(),
                              reinterpret_cast<const unsigned char*>(macKey_.data()));
  std::string key = tenantId;
  key += '\n';
  key.append(reinterpret_cast<const char*>(mac), sizeof mac);
  return key;
}

std::shared_ptr<const TokenCache::Entry> TokenCache::find(const std::string& tenantId, const std::string& token) const {
  const std::string k = key(tenantId, token);
  std::shared_lock lock(mutex_);
  auto it = entries_.find(k);
  if (it == entries_.end() || std::chrono::steady_clock::now() - it->second->cachedAt > kLifetime) return nullptr;
  return it->second;
}

void TokenCache::put(const std::string& tenantId, const std::string& token, std::shared_ptr<const Entry> entry,
                     std::uint64_t readAtGeneration) {
  const std::string k = key(tenantId, token);
  std::unique_lock lock(mutex_);
  if (generation_.load() != readAtGeneration) return;
  // Bounded: stale entries go when the map grows (tokens are few; callers many).
  if (entries_.size() > 10000)
    std::erase_if(entries_, [now = std::chrono::steady_clock::now()](const auto& e) {
      return now - e.second->cachedAt > kLifetime;
    });
  entries_[k] = std::move(entry);
}

void TokenCache::clearTenant(const std::string& tenantId) {
  std::unique_lock lock(mutex_);
  ++generation_;
  const std::string prefix = tenantId + '\n';
  std::erase_if(entries_, [&](const auto& e) { return e.first.starts_with(prefix); });
}

}  // namespace tabhost::core
