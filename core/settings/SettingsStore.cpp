#include "core/settings/SettingsStore.hpp"

#include "core/json/JsonCodec.hpp"

namespace tabhost::core {

RegisteredMigration settingsMigration() {
  sdk::Migration m;
  m.version = 8;
  m.name = "create plugin settings";
  m.sql =
      "CREATE TABLE plugin_settings (plugin TEXT NOT NULL, name TEXT NOT NULL, value TEXT, sealed TEXT, "
      "mask TEXT, PRIMARY KEY (plugin, name));\n"
      "CREATE TABLE plugin_settings_pages (plugin TEXT NOT NULL, page TEXT NOT NULL, version BIGINT NOT NULL, "
      "updated_at TEXT NOT NULL, updated_by TEXT, PRIMARY KEY (plugin, page));\n";
  return {kHostOwner, m};
}

StoredSettings loadStoredSettings(sdk::Database& db, const std::string& plugin) {
  StoredSettings settings;
  for (const auto& row : db.query("SELECT name, value, sealed, mask FROM plugin_settings WHERE plugin = ?", {plugin})) {
    StoredSetting& s = settings[row.find("name")->asString()];
    if (const sdk::Json* sealed = row.find("sealed"); sealed && sealed->isString()) {
      s.sealed = sealed->asString();
      s.mask = row.find("mask")->asString();
    } else {
      s.value = parseJsonText(row.find("value")->asString()).asArray().at(0);
    }
  }
  return settings;
}

void storeSetting(sdk::Database& db, const std::string& plugin, const std::string& name,
                  const StoredSetting& setting) {
  // Wrapped in an array: the JSON parser takes only an object or array at the top.
  const sdk::Json value = setting.isSecret() ? sdk::Json() : sdk::Json(toJsonText(sdk::Json::array({setting.value})));
  const sdk::Json sealed = setting.isSecret() ? sdk::Json(setting.sealed) : sdk::Json();
  const sdk::Json mask = setting.isSecret() ? sdk::Json(setting.mask) : sdk::Json();
  db.execute(
      "INSERT INTO plugin_settings (plugin, name, value, sealed, mask) VALUES (?, ?, ?, ?, ?) "
      "ON CONFLICT (plugin, name) DO UPDATE SET value = excluded.value, sealed = excluded.sealed, mask = excluded.mask",
      {plugin, name, value, sealed, mask});
}

void removeSetting(sdk::Database& db, const std::string& plugin, const std::string& name) {
  db.execute("DELETE FROM plugin_settings WHERE plugin = ? AND name = ?", {plugin, name});
}

PageVersion loadPageVersion(sdk::Database& db, const std::string& plugin, const std::string& page) {
  const auto rows = db.query(
      "SELECT version, updated_at, updated_by FROM plugin_settings_pages WHERE plugin = ? AND page = ?", {plugin, page});
  if (rows.empty()) return {};
  return {rows.front().find("version")->asInt(), *rows.front().find("updated_at"), *rows.front().find("updated_by")};
}

PageVersion lockPageVersion(sdk::Database& db, const std::string& plugin, const std::string& page,
                            const std::string& at) {
  db.execute(
      "INSERT INTO plugin_settings_pages (plugin, page, version, updated_at) VALUES (?, ?, 0, ?) "
      "ON CONFLICT (plugin, page) DO NOTHING",
      {plugin, page, at});
  if (db.driver() == "postgresql")
    db.query("SELECT version FROM plugin_settings_pages WHERE plugin = ? AND page = ? FOR UPDATE", {plugin, page});
  return loadPageVersion(db, plugin, page);
}

bool advancePageVersion(sdk::Database& db, const std::string& plugin, const std::string& page,
                        std::optional<std::int64_t> expected, const std::string& at, const std::string& by) {
  // The row is locked (lockPageVersion): the version can only be what was read, unless
  // the caller read it elsewhere; then the write answers 412.
  const std::string sql =
      "UPDATE plugin_settings_pages SET version = version + 1, updated_at = ?, updated_by = ? "
      "WHERE plugin = ? AND page = ?" +
      std::string(expected ? " AND version = ?" : "");
  sdk::Params params{at, by, plugin, page};
  if (expected) params.emplace_back(*expected);
  return db.execute(sql, params).affectedRows == 1;
}

}  // namespace tabhost::core
