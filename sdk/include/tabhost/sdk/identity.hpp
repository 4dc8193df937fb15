// Tabhost plugin SDK — who is acting, user types and the credentials service.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace tabhost::sdk {

/// Built-in user types, highest rank first. A platform operator ("operator")
/// ranks above all of them and belongs to no tenant.
inline constexpr std::array<std::string_view, 7> kUserTypes{"owner",   "admin",  "supervisor", "agent",
                                                            "analyst", "viewer", "member"};

/// Rank of a user type: owner 7 … member 1, operator 100, unknown 0. One may
/// only act on (create, edit, impersonate) types of strictly lower rank.
inline int userTypeRank(std::string_view type) {
  if (type == "operator") return 100;
  for (std::size_t i = 0; i < kUserTypes.size(); ++i)
    if (kUserTypes[i] == type) return static_cast<int>(kUserTypes.size() - i);
  return 0;
}

/// Who is acting.
struct Principal {
  /// How they authenticated.
  enum class Kind { Anonymous, User, ApiToken };
  Kind kind = Kind::Anonymous;
  /// User id (for an API token: its owner's); empty when anonymous.
  std::string id;
  /// Display name, for audit and logs.
  std::string name;
  /// The user's type ("owner", "admin", ..., or "operator").
  std::string userType;
  /// Effective permissions (for a token: its scopes within its owner's).
  std::vector<std::string> permissions;
  /// The API token's id when kind is ApiToken.
  std::string tokenId;

  bool authenticated() const { return kind != Kind::Anonymous; }
  bool can(std::string_view permission) const {
    for (const auto& p : permissions)
      if (p == permission) return true;
    return false;
  }
};

/// An API token as issued: `token` is the secret, shown this once.
struct IssuedToken {
  std::string id;
  std::string token;
  /// Prefix and last four characters, e.g. "tle_…a1B2", safe to display.
  std::string hint;
  std::vector<std::string> scopes;
  /// UTC, "YYYY-MM-DDTHH:MM:SSZ".
  std::string expiresAt;
};

/// An API token as listed (never the secret).
struct TokenInfo {
  std::string id;
  std::string name;
  std::string hint;
  std::vector<std::string> scopes;
  /// Id of the user it acts as.
  std::string userId;
  std::string createdBy;
  std::string createdAt;
  std::string expiresAt;
  /// Empty when never used.
  std::string lastUsedAt;
};

/// The host's credentials service for the current request's tenant. Changes
/// happen in the request's transaction and are audited by the host.
class Identity {
 public:
  virtual ~Identity() = default;

  /// Issues a token acting as the caller. `scopes` must be a non-empty subset
  /// of the caller's permissions; `expiresInDays` 1..365 (0: the default, 90).
  /// Throws Error 422 with the field at fault otherwise.
  virtual IssuedToken issueToken(const std::string& name, const std::vector<std::string>& scopes,
                                 int expiresInDays) = 0;
  /// The tenant's live tokens (not revoked, not expired), newest first.
  virtual std::vector<TokenInfo> tokens() = 0;
  /// Revokes a token at once; false when there is no such live token.
  virtual bool revokeToken(const std::string& id) = 0;
  /// Ends every session and voids every token cache entry of a user (after
  /// suspension, deletion, a role change...).
  virtual void endSessions(const std::string& userId) = 0;
};

}  // namespace tabhost::sdk
