// What a valid setting value is, for YAML (SettingsValidator) and for a
// settings page's PUT alike, so both refuse the same values with the same
// words; and how a secret is shown.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tabhost/sdk/json.hpp"
#include "tabhost/sdk/settings.hpp"

namespace tabhost::core {

/// "a, b, c": names listed in a message.
std::string listNames(const std::vector<std::string>& names);

/// "between 1 and 8", "at least 1" or "at most 8"; at least one bound is set.
std::string rangeText(std::optional<std::int64_t> min, std::optional<std::int64_t> max);

/// Why `text` is not acceptable for a text-valued field (format, then
/// pattern), or nullopt. A Secret is never checked here, so that its value
/// never ends up in a message (and so in a log).
std::optional<std::string> textProblem(const sdk::SettingField& field, const std::string& text);

/// Why the JSON `value` is not acceptable for `field`, or nullopt. Null is
/// not checked here (it means "back to the default").
std::optional<std::string> jsonValueProblem(const sdk::SettingField& field, const sdk::Json& value);

/// "string", "url", ..., "secret": a field type's name in JSON.
const char* settingTypeName(sdk::SettingType type);

/// How a secret is shown: "••••" and, for secrets of 12 characters or more,
/// their last 4.
std::string maskSecret(const std::string& plaintext);

/// Whether `value` is a mask maskSecret() gave (a form posting it back).
bool isSecretMask(const sdk::Json& value);

}  // namespace tabhost::core
