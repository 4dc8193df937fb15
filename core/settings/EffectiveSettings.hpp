// A plugin's settings as a request sees them: the tenant's YAML values and
// the schema's defaults, overlaid by what the tenant's admin stored through a
// settings page, except where the YAML locks a value (docs/settings-pages.md).
#pragma once

#include <optional>
#include <string>

#include "core/http/RequestContextImpl.hpp"
#include "core/settings/SettingsStore.hpp"

namespace tabhost::core {

/// The YAML side of a plugin's settings for the request's tenant.
struct YamlSettings {
  const sdk::Json& values;
  /// nullptr when the tenant's file does not mention the plugin.
  const TenantPluginConfig* config;

  bool locked(const std::string& name) const { return config && config->isLocked(name); }
  std::optional<std::string> secret(const std::string& name) const;
};

YamlSettings yamlSettingsOf(const RequestState& state, const std::string& plugin);

/// The effective settings (secrets masked) given what is stored.
sdk::Json overlaySettings(const RequestState& state, const std::string& plugin, const StoredSettings& stored);

/// The effective settings of `plugin` for this request, worked out once per
/// request (a plugin without settings pages needs no database for it).
const sdk::Json& effectiveSettings(RequestState& state, const std::string& plugin);

/// The plaintext of `plugin`'s secret setting `name`, or nullopt.
std::optional<std::string> effectiveSecret(RequestState& state, const std::string& plugin, const std::string& name);

}  // namespace tabhost::core
