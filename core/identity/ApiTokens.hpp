// API tokens: "<prefix>_<43 base62 chars of 32 CSPRNG bytes><6 base62 chars
// of CRC-32>". The prefix (per tenant, default "tle") and the checksum let
// secret scanners recognise a leaked token, and let the host refuse a
// mistyped one before any lookup. Only the SHA-256 is stored.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <cstdint>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "tabhost/sdk/db.hpp"
#include "tabhost/sdk/identity.hpp"

namespace tabhost::core {

/// A new token's secret text for `prefix`.
std::string newTokenText(const std::string& prefix);

/// Whether `token` has the shape and checksum of one of `prefix`'s tokens.
bool tokenWellFormed(const std::string& token, const std::string& prefix);

/// "tle_…a1B2": the prefix and the last four characters.
std::string tokenHint(const std::string& token, const std::string& prefix);

/// A stored, live token row as authentication needs it.
struct StoredToken {
  std::string id;
  std::string userId;
  std::vector<std::string> scopes;
  std::int64_t expiresS = 0;
  std::string lastUsedAt;
};

/// The live (not revoked) token whose SHA-256 is `hash`, if any.
std::optional<StoredToken> findToken(sdk::Database& db, const std::string& hash);

/// Stores a new token and returns what the caller shows once.
sdk::IssuedToken storeToken(sdk::Database& db, const std::string& prefix, const std::string& userId,
                            const std::string& createdBy, const std::string& name,
                            const std::vector<std::string>& scopes, int expiresInDays);

/// Live tokens of the tenant, newest first.
std::vector<sdk::TokenInfo> listTokens(sdk::Database& db);

/// Revokes one token; false when there was no live token with that id.
bool revokeToken(sdk::Database& db, const std::string& id);

/// Revokes every token of a user; returns how many.
std::int64_t revokeUserTokens(sdk::Database& db, const std::string& userId);

void markTokenUsed(sdk::Database& db, const std::string& id);

/// Recently authenticated tokens, so that a busy automation client does not
/// cost a database lookup (or a SHA-256) per request. Entries are keyed by a
/// SipHash of the token under a key random to this process: fast, a MAC no
/// one without the key can aim a collision at, and never the token itself,
/// so the cache holds nothing a memory dump could replay. Entries live one second at most (the
/// bound on how late another host's revocation is seen); this host's own
/// revocations and account changes clear the tenant's entries at once.
class TokenCache {
 public:
  struct Entry {
    sdk::Principal principal;
    std::int64_t expiresS = 0;
    std::chrono::steady_clock::time_point cachedAt;
    /// Unix seconds when last_used_at was last written.
    mutable std::atomic<std::int64_t> lastUsedWrittenS{0};
  };

  /// Shared, not copied: a hit costs a reference count, not a copy of the
  /// principal's permissions.
  TokenCache();

  std::shared_ptr<const Entry> find(const std::string& tenantId, const std::string& token) const;
  /// Take before reading a token from the database, and hand to put(): an
  /// entry read before a clear (a revocation racing the lookup) is dropped.
  std::uint64_t generation() const { return generation_.load(); }
  void put(const std::string& tenantId, const std::string& token, std::shared_ptr<const Entry> entry,
           std::uint64_t readAtGeneration);
  /// Forgets every entry of `tenantId`.
  void clearTenant(const std::string& tenantId);

  static constexpr std::chrono::milliseconds kLifetime{1000};

 private:
  mutable std::shared_mutex mutex_;
  std::string key(const std::string& tenantId, const std::string& token) const;

  std::string macKey_;
  std::unordered_map<std::string, std::shared_ptr<const Entry>> entries_;
  std::atomic<std::uint64_t> generation_{0};
};

}  // namespace tabhost::core
