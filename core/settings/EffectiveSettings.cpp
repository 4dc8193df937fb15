#include "core/settings/EffectiveSettings.hpp"

namespace tabhost::core {

std::optional<std::string> YamlSettings::secret(const std::string& name) const {
  if (!config) return std::nullopt;
  const auto it = config->secrets.find(name);
  return it == config->secrets.end() ? std::nullopt : std::optional<std::string>(it->second);
}

YamlSettings yamlSettingsOf(const RequestState& state, const std::string& plugin) {
  return {state.plugins.settingsFor(state.tenantConfig, plugin), state.tenantConfig.plugin(plugin)};
}

sdk::Json overlaySettings(const RequestState& state, const std::string& plugin, const StoredSettings& stored) {
  const YamlSettings yaml = yamlSettingsOf(state, plugin);
  sdk::Json values = yaml.values;
  for (const auto& [name, setting] : stored) {
    // A setting dropped from its page since it was stored no longer applies.
    const RegisteredSettingsPage* page = state.registry.pageHolding(plugin, name);
    if (yaml.locked(name) || !page) continue;
    // A value stored before the field became a Secret was never sealed: it must not show.
    const bool secretField = page->field(name)->type == sdk::SettingType::Secret;
    if (secretField != setting.isSecret()) continue;
    values[name] = setting.isSecret() ? sdk::Json(setting.mask) : setting.value;
  }
  return values;
}

const sdk::Json& effectiveSettings(RequestState& state, const std::string& plugin) {
  const bool legacy = state.plugins.readsSecretsInSettings(plugin);
  if (!legacy && !state.registry.hasSettingsPages(plugin)) return state.plugins.settingsFor(state.tenantConfig, plugin);
  auto cached = state.settingsCache.find(plugin);
  if (cached != state.settingsCache.end()) return cached->second;
  sdk::Json values;
  if (legacy) {
    // Built before settings pages existed: only YAML values, secrets as they were given.
    const YamlSettings yaml = yamlSettingsOf(state, plugin);
    values = yaml.values;
    if (yaml.config)
      for (const auto& [name, plaintext] : yaml.config->secrets) values[name] = plaintext;
  } else {
    values = overlaySettings(state, plugin, state.read([&](sdk::Database& db) { return loadStoredSettings(db, plugin); }));
  }
  return state.settingsCache.emplace(plugin, std::move(values)).first->second;
}

std::optional<std::string> effectiveSecret(RequestState& state, const std::string& plugin, const std::string& name) {
  const YamlSettings yaml = yamlSettingsOf(state, plugin);
  if (yaml.locked(name) || !state.registry.pageHolding(plugin, name)) return yaml.secret(name);
  const auto rows = state.read([&](sdk::Database& db) {
    return db.query("SELECT sealed FROM plugin_settings WHERE plugin = ? AND name = ? AND sealed IS NOT NULL",
                    {plugin, name});
  });
  if (rows.empty()) return yaml.secret(name);
  return state.identity.keys.open(rows.front().find("sealed")->asString());
}

}  // namespace tabhost::core
