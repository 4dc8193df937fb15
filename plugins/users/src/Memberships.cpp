#include "Memberships.hpp"

#include <algorithm>
#include <regex>
#include <set>

namespace users {

using tabhost::sdk::Json;

void registerTables(tabhost::sdk::Registrar& r) {
  r.migration(1, "create user_companies, admin_messages",
              "CREATE TABLE user_companies (user_id TEXT NOT NULL, company_id TEXT NOT NULL, "
              "team TEXT NOT NULL DEFAULT '', role TEXT NOT NULL DEFAULT 'member', created_at TEXT NOT NULL, "
              "PRIMARY KEY (user_id, company_id));\n"
              "CREATE INDEX user_companies_company ON user_companies (company_id, user_id);\n"
              "CREATE TABLE admin_messages (id TEXT PRIMARY KEY, user_id TEXT NOT NULL, sender_id TEXT NOT NULL, "
              "subject TEXT NOT NULL, body TEXT NOT NULL, mail_id TEXT NOT NULL, created_at TEXT NOT NULL);\n"
              "CREATE INDEX admin_messages_user ON admin_messages (user_id, created_at, id);\n");
  // Both go with a deleted user, in the same transaction (Accounts::erase).
  r.userData("user_companies", "user_id", "company_memberships");
  r.userData("admin_messages", "user_id", "admin_messages");
}

std::map<std::string, Json> membershipsOf(tabhost::sdk::Database& db, const std::vector<std::string>& userIds) {
  std::map<std::string, Json> out;
  if (userIds.empty()) return out;
  std::string sql = "SELECT user_id, company_id, team, role FROM user_companies WHERE user_id IN (";
  tabhost::sdk::Params params;
  for (const auto& id : userIds) {
    sql += params.empty() ? "?" : ", ?";
    params.emplace_back(id);
  }
  for (const auto& row : db.query(sql + ") ORDER BY company_id", params)) {
    Json& list = out.try_emplace(row.find("user_id")->asString(), Json::array()).first->second;
    list.push_back(Json::object({{"company_id", *row.find("company_id")},
                                 {"team", *row.find("team")},
                                 {"role", *row.find("role")}}));
  }
  return out;
}

std::optional<tabhost::sdk::Change> setCompanies(tabhost::sdk::Database& db, const std::string& userId,
                                                 const std::vector<std::string>& companyIds) {
  static const std::regex idRule("[A-Za-z0-9_-]{1,64}");
  if (companyIds.size() > 100)
    throw tabhost::sdk::Error::unprocessable("too_many", "a user belongs to at most 100 companies", "company_ids");
  for (const auto& id : companyIds)
    if (!std::regex_match(id, idRule))
      throw tabhost::sdk::Error::unprocessable("invalid_company_id", "'" + id + "' is not a company id", "company_ids");
  const std::set<std::string> after(companyIds.begin(), companyIds.end());
  std::set<std::string> before;
  for (const auto& row : db.query("SELECT company_id FROM user_companies WHERE user_id = ?", {userId}))
    before.insert(row.find("company_id")->asString());
  if (before == after) return std::nullopt;
  for (const auto& gone : before)
    if (!after.count(gone))
      db.execute("DELETE FROM user_companies WHERE user_id = ? AND company_id = ?", {userId, gone});
  for (const auto& added : after)
    if (!before.count(added))
      db.execute("INSERT INTO user_companies (user_id, company_id, created_at) VALUES (?, ?, ?)",
                 {userId, added, tabhost::sdk::formatUtc(tabhost::sdk::now())});
  return tabhost::sdk::Change{"company_ids", Json::strings({before.begin(), before.end()}),
                              Json::strings({after.begin(), after.end()})};
}

}  // namespace users
