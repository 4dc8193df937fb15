#include "core/identity/Accounts.hpp"

#include <algorithm>
#include <cctype>

#include "core/crypto/Secrets.hpp"
#include "core/identity/Passwords.hpp"
#include "core/json/JsonCodec.hpp"
#include "core/util/UtcClock.hpp"
#include "tabhost/sdk/error.hpp"

namespace tabhost::core {

namespace {

constexpr std::int64_t kTemporaryPasswordSeconds = 24 * 3600;

std::string text(const sdk::Json& row, const char* column) {
  const sdk::Json* v = row.find(column);
  return v && v->isString() ? v->asString() : std::string();
}

std::int64_t number(const sdk::Json& row, const char* column) {
  const sdk::Json* v = row.find(column);
  return v && v->isInt() ? v->asInt() : 0;
}

Account fromRow(const sdk::Json& row) {
  Account a;
  a.id = text(row, "id");
  a.email = text(row, "email");
  a.firstName = text(row, "first_name");
  a.lastName = text(row, "last_name");
  a.userType = text(row, "user_type");
  // Operators have no roles column.
  const std::string roleText = text(row, "roles");
  const sdk::Json roles = roleText.empty() ? sdk::Json() : parseJsonText(roleText);
  if (roles.isArray())
    for (const auto& r : roles.asArray())
      if (r.isString()) a.roles.push_back(r.asString());
  a.status = text(row, "status");
  a.passwordHash = text(row, "password_hash");
  a.passwordTemporary = number(row, "password_temporary") != 0;
  a.passwordExpiresS = number(row, "password_expires_s");
  a.totpSecretSealed = text(row, "totp_secret");
  a.totpEnabled = number(row, "totp_enabled") != 0;
  a.totpLastStep = static_cast<std::uint64_t>(number(row, "totp_last_step"));
  return a;
}

std::optional<Account> first(const std::vector<sdk::Json>& rows) {
  if (rows.empty()) return std::nullopt;
  return fromRow(rows.front());
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

std::string emailKey(const std::string& email) {
  std::string key = trimmedEmail(email);
  std::ranges::transform(key, key.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return key;
}

bool plausibleEmail(const std::string& email) {
  const auto at = email.find('@');
  return email.size() <= 254 && at != std::string::npos && at > 0 && email.find('@', at + 1) == std::string::npos &&
         email.find('.', at) != std::string::npos && email.back() != '.' &&
         std::ranges::none_of(email, [](unsigned char c) { return std::isspace(c) || std::iscntrl(c); });
}

std::optional<Account> findAccountByEmail(sdk::Database& db, const std::string& email) {
  return first(db.query("SELECT * FROM users WHERE email_key = ?", {emailKey(email)}));
}

std::optional<Account> findAccountById(sdk::Database& db, const std::string& id) {
  return first(db.query("SELECT * FROM users WHERE id = ?", {id}));
}

std::optional<Account> findOperatorByEmail(sdk::Database& db, const std::string& email) {
  auto account = first(db.query("SELECT * FROM operators WHERE email_key = ?", {emailKey(email)}));
  if (account) account->userType = "operator";
  return account;
}

std::optional<Account> findOperatorById(sdk::Database& db, const std::string& id) {
  auto account = first(db.query("SELECT * FROM operators WHERE id = ?", {id}));
  if (account) account->userType = "operator";
  return account;
}

Account createOperator(sdk::Database& db, const std::string& email, std::string& password) {
  const std::string key = emailKey(email);
  if (!db.query("SELECT 1 FROM operators WHERE email_key = ?", {key}).empty())
    throw sdk::Error::conflict("email_taken", "an operator with this email already exists", "email");
  password = temporaryPassword();
  const std::string id = std::string(kOperatorIdPrefix) + newId();
  db.execute("INSERT INTO operators (id, email, email_key, status, password_hash, created_at) "
             "VALUES (?, ?, ?, 'active', ?, ?)",
             {id, trimmedEmail(email), key, hashPassword(password), utcTimestamp()});
  return *findOperatorById(db, id);
}

Account createAccount(sdk::Database& db, const NewAccount& n, std::string& temporary) {
  const std::string key = emailKey(n.email);
  if (!db.query("SELECT 1 FROM users WHERE email_key = ?", {key}).empty())
    throw sdk::Error::conflict("email_taken", "a user with this email already exists", "email");
  temporary = temporaryPassword();
  const std::string id = newId();
  db.execute(
      "INSERT INTO users (id, email, email_key, first_name, last_name, status, password_hash, password_temporary, "
      "password_expires_s, created_at, user_type, roles) VALUES (?, ?, ?, ?, ?, 'active', ?, 1, ?, ?, ?, ?)",
      {id, trimmedEmail(n.email), key, n.firstName, n.lastName,
       hashPassword(temporary), unixSeconds() + kTemporaryPasswordSeconds, utcTimestamp(), n.userType,
       toJsonText(sdk::Json::strings(n.roles))});
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

void recordLogin(sdk::Database& db, const std::string& userId) {
  db.execute("UPDATE users SET last_login_at = ? WHERE id = ?", {utcTimestamp(), userId});
}

}  // namespace tabhost::core
