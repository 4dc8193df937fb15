// Tabhost plugin SDK — managing a tenant's user accounts (since ABI 2.2).
//
// The host owns accounts: it checks credentials on every request, so every
// change that touches how someone signs in or what they may do goes through
// this service, which enforces the rank rule for every plugin alike:
//
//   the caller may create, change or remove a user, or grant a type or role,
//   only when it ranks strictly below the caller's own type; an owner and a
//   platform operator may act on anyone, owners included (userTypeRank).
//
// A role ranks as the lowest user type already holding all of its
// permissions. Nobody manages their own account through this service (403
// "own_account"), and a tenant always keeps one active owner (403
// "last_owner").
//
// Reading is plain SQL on the tenant's `users` table, whose columns are part
// of the SDK: id, email, first_name, last_name, phone, external_id, timezone,
// user_type, roles (a JSON array as text), status (active, invited,
// suspended, discarded), totp_enabled (0/1), created_at, last_login_at (UTC
// text, NULL when never). Plugins never write to it.
//
// Finding users by what people type is an index lookup, not a scan: the
// host keeps `user_search (token, user_id)` with the searchWords() of every
// user's first name, last name and email, so that "ann" finds every user
// with a word starting with "ann" in those fields:
//
//   id IN (SELECT user_id FROM user_search WHERE token >= ? AND token < ?)
//
// bound to a word and searchUpperBound(word), once per word typed.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tabhost/sdk/audit.hpp"

namespace tabhost::sdk {

/// The words of `text` as user_search holds them: lower-case runs of ASCII
/// letters and digits (bytes of other UTF-8 characters count as letters),
/// split at everything else, without repeats.
inline std::vector<std::string> searchWords(const std::string& text) {
  std::vector<std::string> words;
  std::string word;
  auto flush = [&] {
    if (!word.empty() && std::find(words.begin(), words.end(), word) == words.end()) words.push_back(word);
    word.clear();
  };
  for (unsigned char c : text) {
    if (c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z'))
      word += static_cast<char>(c);
    else if (c >= 'A' && c <= 'Z')
      word += static_cast<char>(c - 'A' + 'a');
    else
      flush();
  }
  flush();
  return words;
}

/// "  Ann@Example.COM " → "ann@example.com": the key emails are unique by
/// (blanks trimmed, ASCII letters lower-cased).
inline std::string emailKey(const std::string& email) {
  const auto begin = email.find_first_not_of(" \t");
  if (begin == std::string::npos) return {};
  std::string key = email.substr(begin, email.find_last_not_of(" \t") - begin + 1);
  for (auto& c : key)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return key;
}

/// The exclusive upper bound of the tokens starting with `word` (byte order:
/// the word followed by the highest code point, U+10FFFF).
inline std::string searchUpperBound(const std::string& word) { return word + "\xF4\x8F\xBF\xBF"; }

/// A user to create. Names, email and type are required; roles must be the
/// tenant's roles (tenant YAML `roles:`).
struct NewUser {
  std::string firstName;
  std::string lastName;
  std::string email;
  std::string phone;
  std::string externalId;
  /// An IANA zone name such as "Europe/Paris"; empty means "UTC".
  std::string timezone;
  /// "admin", "agent", ... (kUserTypes).
  std::string type;
  std::vector<std::string> roles;
  /// True: the account starts "invited" and gets an invitation email with a
  /// single-use link (7 days). False: it starts "active" with a temporary
  /// password (24 hours, to be replaced at first sign-in).
  bool invite = false;
};

/// What create() made.
struct CreatedUser {
  std::string id;
  /// The temporary password, shown once; empty for an invitation.
  std::string temporaryPassword;
};

/// Fields to change; those left empty stay as they are. The type never
/// changes (a user of another type is a new account).
struct UserUpdate {
  std::optional<std::string> firstName;
  std::optional<std::string> lastName;
  std::optional<std::string> email;
  std::optional<std::string> phone;
  std::optional<std::string> externalId;
  std::optional<std::string> timezone;
  std::optional<std::vector<std::string>> roles;
};

/// How an administrator resets someone's password.
enum class PasswordReset {
  /// Email a single-use link (1 hour) with which the user sets a new one.
  EmailLink,
  /// Replace it with a temporary password, returned once.
  TemporaryPassword,
};

/// Account status changes an administrator makes.
enum class AccountStatusChange {
  /// active or invited → suspended: no sign-in, sessions and tokens stop.
  Suspend,
  /// suspended → active (invited when no password was ever set).
  Reactivate,
  /// any but discarded → discarded: kept for the record, access stops.
  Discard,
  /// discarded → active (invited when no password was ever set).
  Undiscard,
};

/// Rows of one kind that belong to a user, for a deletion preview.
struct UserDataCount {
  /// e.g. "sessions", "api_tokens", or what a plugin registered.
  std::string kind;
  std::int64_t count = 0;
};

/// One of the tenant's roles (tenant YAML `roles:`), as Accounts::roles
/// lists it (since SDK ABI 2.6).
struct RoleInfo {
  std::string name;
  /// The permissions it grants, sorted.
  std::vector<std::string> permissions;
  /// Whether the current principal may give it to a user (it ranks below
  /// their type); others are refused with 403 "rank_too_low".
  bool grantable = false;
};

/// The tenant's accounts, for the current request's principal. Every change
/// happens in the request's transaction; refusals throw Error (403 with the
/// rule's code, 404 "user_not_found", 409 "email_taken" or
/// "invalid_status", 422 naming the field) and change nothing.
class Accounts {
 public:
  virtual ~Accounts() = default;

  /// Creates a user (see NewUser::invite) and returns its id and, without
  /// an invitation, the temporary password.
  virtual CreatedUser create(const NewUser& user) = 0;
  /// Applies `update` and returns the field changes made (empty when none),
  /// for the caller's audit entry. An email change signs the user out.
  virtual std::vector<Change> update(const std::string& userId, const UserUpdate& update) = 0;
  /// Sends a new invitation link; the previous one stops working.
  virtual void resendInvite(const std::string& userId) = 0;
  /// Resets the password, ends the user's sessions and revokes their API
  /// tokens (a reset is often for a leaked credential); returns the
  /// temporary password (TemporaryPassword) or "" (EmailLink).
  virtual std::string resetPassword(const std::string& userId, PasswordReset mode) = 0;
  /// Turns off two-factor authentication (TOTP and recovery codes) and emails
  /// the user that it happened; `reason` is kept in the security audit entry.
  virtual void disableTwoFactor(const std::string& userId, const std::string& reason) = 0;
  /// Changes the account's status; access stops at once when it is no longer active.
  virtual void changeStatus(const std::string& userId, AccountStatusChange change) = 0;
  /// What erase() would remove, by kind (the host's credential tables and
  /// every plugin's registered user data).
  virtual std::vector<UserDataCount> deletionPreview(const std::string& userId) = 0;
  /// Deletes the user for good: the profile is first anonymized, then the
  /// user, their credentials and every plugin's registered user data go, and
  /// personal data in audit entries about them is erased (the chain still
  /// verifies). Returns what was removed.
  virtual std::vector<UserDataCount> erase(const std::string& userId) = 0;
  /// The tenant's roles, by name (since SDK ABI 2.6): what a user may be
  /// given besides their type, for a form to offer.
  virtual std::vector<RoleInfo> roles() = 0;
};

}  // namespace tabhost::sdk
