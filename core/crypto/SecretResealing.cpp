#include "core/crypto/SecretResealing.hpp"

#include <string>
#include <vector>

namespace tabhost::core {

namespace {

struct SealedColumn {
  const char* table;
  const char* column;
  /// The columns naming a row.
  std::vector<std::string> keys;
};

std::int64_t reseal(sdk::Database& db, const KeyRing& keys, const std::vector<SealedColumn>& columns) {
  std::int64_t resealed = 0;
  for (const auto& c : columns) {
    std::string select = "SELECT ";
    std::string where;
    for (const auto& key : c.keys) {
      select += key + ", ";
      where += (where.empty() ? " WHERE " : " AND ") + key + " = ?";
    }
    select += std::string(c.column) + " AS sealed FROM " + c.table + " WHERE " + c.column + " LIKE 'sb%'";
    for (const auto& row : db.query(select)) {
      const std::string sealed = row.find("sealed")->asString();
      if (keys.sealedUnderCurrent(sealed)) continue;
      sdk::Params params{keys.seal(keys.open(sealed))};
      for (const auto& key : c.keys) params.emplace_back(*row.find(key));
      db.execute(std::string("UPDATE ") + c.table + " SET " + c.column + " = ?" + where, params);
      ++resealed;
    }
  }
  return resealed;
}

}  // namespace

std::int64_t resealTenantSecrets(sdk::Database& db, const KeyRing& keys) {
  return reseal(db, keys, {{"plugin_settings", "sealed", {"plugin", "name"}}, {"users", "totp_secret", {"id"}}});
}

std::int64_t resealSystemSecrets(sdk::Database& db, const KeyRing& keys) {
  return reseal(db, keys, {{"operators", "totp_secret", {"id"}}});
}

}  // namespace tabhost::core
