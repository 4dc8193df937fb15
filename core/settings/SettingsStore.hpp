// Where the values tenant admins set through settings pages are kept: the
// host's tables plugin_settings (one row per plugin and setting, secrets
// sealed) and plugin_settings_pages (each page's version, for ETags).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "core/plugins/Registry.hpp"
#include "tabhost/sdk/db.hpp"

namespace tabhost::core {

RegisteredMigration settingsMigration();

/// One stored setting: a JSON value, or for a secret its sealed form and
/// the mask shown for it.
struct StoredSetting {
  sdk::Json value;
  std::string sealed;
  std::string mask;

  bool isSecret() const { return !sealed.empty(); }
};

/// A plugin's stored settings, by name.
using StoredSettings = std::map<std::string, StoredSetting>;

StoredSettings loadStoredSettings(sdk::Database& db, const std::string& plugin);
/// Inserts or replaces one setting.
void storeSetting(sdk::Database& db, const std::string& plugin, const std::string& name, const StoredSetting& setting);
/// Removes one setting (back to the YAML value or the default).
void removeSetting(sdk::Database& db, const std::string& plugin, const std::string& name);

/// A page's version: 0 until its first change.
struct PageVersion {
  std::int64_t version = 0;
  sdk::Json updatedAt;
  sdk::Json updatedBy;
};

PageVersion loadPageVersion(sdk::Database& db, const std::string& plugin, const std::string& page);
/// The page's version, its row created (at version 0) when missing and
/// locked until the transaction ends (PostgreSQL; SQLite writers are
/// serialised already), so that a PUT reads values no other writer changes.
PageVersion lockPageVersion(sdk::Database& db, const std::string& plugin, const std::string& page,
                            const std::string& at);
/// Moves the page to its next version if it is still at `expected` (any
/// version when nullopt); false when another write got there first.
bool advancePageVersion(sdk::Database& db, const std::string& plugin, const std::string& page,
                        std::optional<std::int64_t> expected, const std::string& at, const std::string& by);

}  // namespace tabhost::core
