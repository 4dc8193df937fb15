#include "core/identity/UserSearch.hpp"

#include "core/storage/RowFields.hpp"
#include "tabhost/sdk/accounts.hpp"

namespace tabhost::core {

RegisteredMigration userSearchMigration() {
  sdk::Migration m;
  m.version = 6;
  m.name = "create user_search";
  m.sql =
      "CREATE TABLE user_search (token TEXT NOT NULL, user_id TEXT NOT NULL, PRIMARY KEY (token, user_id));\n"
      "CREATE INDEX user_search_user ON user_search (user_id, token);\n";
  // (user_id, token) serves both deleting a user's words and checking one
  // user's words for a prefix while the list is walked in order. Byte order
  // ("C"), so that a prefix is one index range on both drivers.
  m.postgresSql =
      "CREATE TABLE user_search (token TEXT COLLATE \"C\" NOT NULL, user_id TEXT NOT NULL, "
      "PRIMARY KEY (token, user_id));\n"
      "CREATE INDEX user_search_user ON user_search (user_id, token);\n";
  return {kHostOwner, m};
}

void indexUserWords(sdk::Database& db, const std::string& userId, const std::string& firstName,
                    const std::string& lastName, const std::string& email) {
  db.execute("DELETE FROM user_search WHERE user_id = ?", {userId});
  for (const auto& word : sdk::searchWords(firstName + " " + lastName + " " + email))
    db.execute("INSERT INTO user_search (token, user_id) VALUES (?, ?)", {word, userId});
}

std::int64_t indexUnsearchedUsers(sdk::Database& db) {
  // Many rows per INSERT: a bulk-loaded tenant of 100,000 users is indexed
  // in seconds at start-up rather than a minute of one-row statements.
  constexpr std::size_t kRowsPerInsert = 250;
  std::int64_t indexed = 0;
  sdk::Params batch;
  auto flush = [&] {
    if (batch.empty()) return;
    std::string sql = "INSERT INTO user_search (token, user_id) VALUES (?, ?)";
    for (std::size_t i = 2; i < batch.size(); i += 2) sql += ", (?, ?)";
    db.execute(sql, batch);
    batch.clear();
  };
  db.transaction([&] {
    for (const auto& r : db.query("SELECT id, first_name, last_name, email FROM users "
                                  "WHERE NOT EXISTS (SELECT 1 FROM user_search WHERE user_id = users.id)")) {
      const std::string id = textField(r, "id");
      for (auto& word : sdk::searchWords(textField(r, "first_name") + " " + textField(r, "last_name") + " " +
                                         textField(r, "email"))) {
        batch.emplace_back(std::move(word));
        batch.emplace_back(id);
        if (batch.size() >= 2 * kRowsPerInsert) flush();
      }
      ++indexed;
    }
    flush();
  });
  return indexed;
}

}  // namespace tabhost::core
