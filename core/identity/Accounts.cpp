#include "core/identity/Accounts.hpp"

#include <algorithm>
#include <cctype>

#include "core/crypto/Secrets.hpp"
#include "core/identity/Passwords.hpp"
#include "core/identity/UserSearch.hpp"
#include "core/json/JsonCodec.hpp"
#include "core/storage/RowFields.hpp"
#include "core/util/UtcClock.hpp"
#include "tabhost/sdk/accounts.hpp"
#include "tabhost/sdk/error.hpp"

namespace tabhost::core {

namespace {

constexpr std::int64_t kTemporaryPasswordSeconds = 24 * 3600;

Account fromRow(const sdk::Json& row) {
  Account a;
  a.id = textField(row, "id");
  a.email = textField(row, "email");
  a.firstName = textField(row, "first_name");
  a.lastName = textField(row, "last_name");
  a.userType = textField(row, "user_type");
  // Operators have no roles column.
  const std::string roleText = textField(row, "roles");
  const sdk::Json roles = roleText.empty() ? sdk::Json() : parseJsonText(roleText);
  if (roles.isArray())
    for (const auto& r : roles.asArray())
      if (r.isString()) a.roles.push_back(r.asString());
  a.status = textField(row, "status");
  a.passwordHash = textField(row, "password_hash");
  a.passwordTemporary = intField(row, "password_temporary") != 0;
  a.passwordExpiresS = intField(row, "password_expires_s");
  a.totpSecretSealed = textField(row, "totp_secret");
  a.totpEnabled = intField(row, "totp_enabled") != 0;
  a.totpLastStep = static_cast<std::uint64_t>(intField(row, "totp_last_step"));
  return a;
}

// Tenant users and platform operators share the account columns.
constexpr std::string_view kUsers = "users", kOperators = "operators";

std::optional<Account> findIn(sdk::Database& db, std::string_view table, std::string_view column,
                              const std::string& value) {
  const auto rows =
      db.query("SELECT * FROM " + std::string(table) + " WHERE " + std::string(column) + " = ?", {value});
  if (rows.empty()) return std::nullopt;
  Account account = fromRow(rows.front());
  // The operators table has no type column: everyone in it is an operator.
  if (table == kOperators) account.userType = "operator";
  return account;
}

void refuseTakenEmail(sdk::Database& db, std::string_view table, const std::string& key) {
  if (!db.query("SELECT 1 FROM " + std::string(table) + " WHERE email_key = ?", {key}).empty())
    throw sdk::Error::conflict("email_taken",
                               std::string(table == kUsers ? "a user" : "an operator") + " with this email already exists",
                               "email");
}

}  // namespace

sdk::Json accountJson(const Account& a) {
  return sdk::Json::object({{"id", a.id},
                            {"email", a.email},
                            {"first_name", a.firstName},
                            {"last_name", a.lastName},
                            {"type", a.userType},
                            {"roles", sdk::Json::strings(a.roles)},
                            {"two_factor", a.totpEnabled}});
}

std::string Account::displayName() const {
  std::string name = firstName;
  if (!lastName.empty()) name += (name.empty() ? "" : " ") + lastName;
  return name.empty() ? email : name;
}

std::string trimmedEmail(const std::string& email) {
  const auto begin = email.find_first_not_of(" \t");
  const auto end = email.find_last_not_of(" \t");
  return begin == std::string::npos ? "" : email.substr(begin, end - begin + 1);
}

std::string emailKey(const std::string& email) { return sdk::emailKey(email); }

bool plausibleEmail(const std::string& email) {
  const auto at = email.find('@');
  return email.size() <= 254 && at != std::string::npos && at > 0 && email.find('@', at + 1) == std::string::npos &&
         email.find('.', at) != std::string::npos && email.back() != '.' &&
         std::ranges::none_of(email, [](unsigned char c) { return std::isspace(c) || std::iscntrl(c); });
}

std::optional<Account> findAccountByEmail(sdk::Database& db, const std::string& email) {
  return findIn(db, kUsers, "email_key", emailKey(email));
}

std::optional<Account> findAccountById(sdk::Database& db, const std::string& id) {
  return findIn(db, kUsers, "id", id);
}

std::optional<Account> findOperatorByEmail(sdk::Database& db, const std::string& email) {
  return findIn(db, kOperators, "email_key", emailKey(email));
}

std::optional<Account> findOperatorById(sdk::Database& db, const std::string& id) {
  return findIn(db, kOperators, "id", id);
}

Account createOperator(sdk::Database& db, const std::string& email, std::string& password) {
  const std::string key = emailKey(email);
  refuseTakenEmail(db, kOperators, key);
  password = temporaryPassword();
  const std::string id = std::string(kOperatorIdPrefix) + newId();
  db.execute("INSERT INTO operators (id, email, email_key, status, password_hash, created_at) "
             "VALUES (?, ?, ?, 'active', ?, ?)",
             {id, trimmedEmail(email), key, hashPassword(password), utcTimestamp()});
  return *findOperatorById(db, id);
}

Account createAccount(sdk::Database& db, const NewAccount& n, std::string& temporary) {
  const std::string key = emailKey(n.email);
  refuseTakenEmail(db, kUsers, key);
  temporary = n.invited ? "" : temporaryPassword();
  const std::string id = newId();
  db.execute(
      "INSERT INTO users (id, email, email_key, first_name, last_name, status, password_hash, password_temporary, "
      "password_expires_s, created_at, user_type, roles, phone, external_id, timezone) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {id, trimmedEmail(n.email), key, n.firstName, n.lastName, n.invited ? "invited" : "active",
       n.invited ? "" : hashPassword(temporary), n.invited ? 0 : 1,
       n.invited ? 0 : unixSeconds() + kTemporaryPasswordSeconds, utcTimestamp(), n.userType,
       toJsonText(sdk::Json::strings(n.roles)), n.phone, n.externalId, n.timezone});
  indexUserWords(db, id, n.firstName, n.lastName, n.email);
  return *findAccountById(db, id);
}

std::string resetToTemporaryPassword(sdk::Database& db, const std::string& userId) {
  std::string temporary = temporaryPassword();
  db.execute("UPDATE users SET password_hash = ?, password_temporary = 1, password_expires_s = ? WHERE id = ?",
             {hashPassword(temporary), unixSeconds() + kTemporaryPasswordSeconds, userId});
  return temporary;
}

void setPassword(sdk::Database& db, const std::string& userId, const std::string& passwordHash) {
  db.execute("UPDATE users SET password_hash = ?, password_temporary = 0, password_expires_s = 0 WHERE id = ?",
             {passwordHash, userId});
}

void clearTwoFactor(sdk::Database& db, const std::string& userId) {
  db.execute("UPDATE users SET totp_enabled = 0, totp_secret = '', totp_last_step = 0 WHERE id = ?", {userId});
  db.execute("DELETE FROM recovery_codes WHERE user_id = ?", {userId});
}

void recordLogin(sdk::Database& db, const std::string& userId) {
  db.execute("UPDATE users SET last_login_at = ? WHERE id = ?", {utcTimestamp(), userId});
}

}  // namespace tabhost::core
