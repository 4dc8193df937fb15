// Tabhost plugin SDK — a plugin's settings schema.
//
// A plugin declares the settings a tenant may give it (in the tenant's YAML,
// under plugins.<id>.settings). The host validates them when it loads the
// configuration and reports mistakes as file:line:col. A settings page
// (Registrar::settingsPage) lets the tenant's admin edit some of them over
// the API; docs/settings-pages.md tells how YAML values, locks and stored
// values combine.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "tabhost/sdk/json.hpp"

namespace tabhost::sdk {

/// The kind of a setting's value.
enum class SettingType {
  String,  ///< any text (optionally matching `pattern`)
  Url,     ///< an absolute http(s) URL
  Email,   ///< an email address
  Phone,   ///< an E.164 phone number, e.g. +14155550100
  Enum,    ///< one of `choices`
  Bool,    ///< true or false
  Int,     ///< an integer within [min, max] when given
  List,    ///< a list of strings
  Secret,  ///< a write-only string (encrypted at rest, never shown whole)
};

/// One setting a plugin accepts.
struct SettingField {
  /// Key in YAML and JSON (snake_case).
  std::string name;
  SettingType type = SettingType::String;
  /// A tenant must give it when the plugin is enabled (in YAML), and a
  /// settings page refuses to clear it.
  bool required = false;
  /// What it is for, shown to operators.
  std::string description;
  /// Allowed values for SettingType::Enum.
  std::vector<std::string> choices;
  /// Bounds for SettingType::Int.
  std::optional<std::int64_t> min;
  std::optional<std::int64_t> max;
  /// ECMAScript regular expression a String, Url, Email or Phone must match
  /// in full (on top of its format), e.g. "https://.*" for https only.
  std::string pattern;
  /// Value used when the tenant gives none (null: no default).
  Json defaultValue;
};

/// A setting of `type` with what it is for and its default; set `min`, `max`,
/// `choices`, `pattern` or `required` on the result where they apply.
inline SettingField settingField(std::string name, SettingType type, std::string description,
                                 Json defaultValue = Json()) {
  SettingField f;
  f.name = std::move(name);
  f.type = type;
  f.description = std::move(description);
  f.defaultValue = std::move(defaultValue);
  return f;
}

/// The settings a plugin accepts; unknown keys are refused.
using SettingsSchema = std::vector<SettingField>;

}  // namespace tabhost::sdk
