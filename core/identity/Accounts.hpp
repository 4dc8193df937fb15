// A tenant's user accounts as identity needs them: find, create, and change
// how they sign in. The users plugin builds its management on top of these
// rows through the SDK.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tabhost/sdk/db.hpp"

namespace tabhost::core {

struct Account {
  std::string id;
  std::string email;
  std::string firstName;
  std::string lastName;
  std::string userType;
  std::vector<std::string> roles;
  /// invited, active, suspended or discarded.
  std::string status;
  std::string passwordHash;
  bool passwordTemporary = false;
  /// Unix seconds after which a temporary password no longer works.
  std::int64_t passwordExpiresS = 0;
  /// Sealed with the master key; empty when 2FA was never enrolled.
  std::string totpSecretSealed;
  bool totpEnabled = false;
  std::uint64_t totpLastStep = 0;

  std::string displayName() const;
};

/// An account as the API shows it: id, email, names, type, roles, 2FA on/off.
sdk::Json accountJson(const Account& account);

/// The email without surrounding blanks, as stored and shown.
std::string trimmedEmail(const std::string& email);

/// "  Ann@Example.COM " → "ann@example.com": the key emails are unique by.
std::string emailKey(const std::string& email);

/// Whether `email` looks like an address (one '@', a dot in the domain, no spaces).
bool plausibleEmail(const std::string& email);

std::optional<Account> findAccountByEmail(sdk::Database& db, const std::string& email);
std::optional<Account> findAccountById(sdk::Database& db, const std::string& id);

/// Platform operators live in the system database (table operators); their
/// ids are "op:" + a random id, so that a session or an audit entry in a
/// tenant's database names them unmistakably.
inline constexpr std::string_view kOperatorIdPrefix = "op:";
inline bool isOperatorId(const std::string& id) { return id.rfind(kOperatorIdPrefix, 0) == 0; }
std::optional<Account> findOperatorByEmail(sdk::Database& systemDb, const std::string& email);
std::optional<Account> findOperatorById(sdk::Database& systemDb, const std::string& id);

/// Creates a platform operator with a generated password (20 base62
/// characters, about 119 bits), returned through `password` to show once.
/// Throws Error 409 "email_taken" when the email is in use.
Account createOperator(sdk::Database& systemDb, const std::string& email, std::string& password);

struct NewAccount {
  std::string email;
  std::string firstName;
  std::string lastName;
  std::string userType;
  std::vector<std::string> roles;
  std::string phone;
  std::string externalId;
  std::string timezone = "UTC";
  /// Invited: no password until the invitation link sets one.
  bool invited = false;
};

/// Creates an account: invited without a password, or active with a
/// temporary password (valid 24 hours, single-use: the first sign-in must
/// replace it), returned through `temporaryPassword` to show once. Throws
/// Error 409 "email_taken" when the email is in use (case-insensitively).
Account createAccount(sdk::Database& db, const NewAccount& account, std::string& temporaryPassword);

/// Replaces the password with a new temporary one (24 hours, must be
/// changed at first sign-in) and returns it.
std::string resetToTemporaryPassword(sdk::Database& db, const std::string& userId);

/// Sets a new permanent password hash and clears the temporary flag.
void setPassword(sdk::Database& db, const std::string& userId, const std::string& passwordHash);

/// Turns two-factor authentication off: the TOTP secret and recovery codes go.
void clearTwoFactor(sdk::Database& db, const std::string& userId);

/// Records a successful sign-in.
void recordLogin(sdk::Database& db, const std::string& userId);

/// Whether an invited account may still be reached (an email, no password yet).
inline bool awaitingPassword(const Account& a) { return a.passwordHash.empty(); }

/// Whether the account may sign in and act at all.
inline bool accountActive(const Account& a) { return a.status == "active"; }

}  // namespace tabhost::core
