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
      "CREATE INDEX user_search_user ON user_search (user_id);\n";
  // Byte order ("C"), so that a prefix is one index range on both drivers.
  m.postgresSql =
      "CREATE TABLE user_search (token TEXT COLLATE \"C\" NOT NULL, user_id TEXT NOT NULL, "
      "PRIMARY KEY (token, user_id));\n"
      "CREATE INDEX user_search_user ON user_search (user_id);\n";
  return {kHostOwner, m};
}

void indexUserWords(sdk::Database& db, const std::string& userId, const std::string& firstName,
                    const std::string& lastName, const std::string& email) {
  db.execute("DELETE FROM user_search WHERE user_id = ?", {userId});
  for (const auto& word : sdk::searchWords(firstName + " " + lastName + " " + email))
    db.execute("INSERT INTO user_search (token, user_id) VALUES (?, ?)", {word, userId});
}

std::int64_t indexUnsearchedUsers(sdk::Database& db) {
  std::int64_t indexed = 0;
  db.transaction([&] {
    for (const auto& r : db.query("SELECT id, first_name, last_name, email FROM users "
                                  "WHERE NOT EXISTS (SELECT 1 FROM user_search WHERE user_id = users.id)")) {
      indexUserWords(db, textField(r, "id"), textField(r, "first_name"), textField(r, "last_name"),
                     textField(r, "email"));
      ++indexed;
    }
  });
  return indexed;
}

}  // namespace tabhost::core
