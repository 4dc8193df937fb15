#include "core/config/SettingRules.hpp"

#include <algorithm>
#include <regex>

#include "tabhost/sdk/formats.hpp"

namespace tabhost::core {

namespace {

constexpr std::string_view kMask = "••••";
// Longer text is a mistake or an attack, not a setting.
constexpr std::size_t kMaxTextBytes = 16 * 1024;

std::optional<std::string> patternProblem(const sdk::SettingField& field, const std::string& text) {
  if (field.pattern.empty()) return std::nullopt;
  try {
    if (std::regex_match(text, std::regex(field.pattern, std::regex::ECMAScript))) return std::nullopt;
  } catch (const std::regex_error&) {
    // A plugin bug, yet the tenant's value cannot be accepted until it is fixed.
    return "the plugin's pattern '" + field.pattern + "' is not a valid regular expression";
  }
  std::string message = "'" + text + "' does not match " + field.pattern;
  if (!field.description.empty()) message += " (" + field.description + ")";
  return message;
}

std::optional<std::string> formatProblem(const sdk::SettingField& field, const std::string& text) {
  using enum sdk::SettingType;
  if (field.type == Url && !sdk::isHttpUrl(text)) return "expected an http:// or https:// URL, got '" + text + "'";
  if (field.type == Email && !sdk::isEmail(text)) return "expected an email address, got '" + text + "'";
  if (field.type == Phone && !sdk::isE164(text))
    return "expected an E.164 phone number such as +14155550100, got '" + text + "'";
  return std::nullopt;
}

}  // namespace

std::string listNames(const std::vector<std::string>& names) {
  std::string list;
  for (const auto& name : names) list += (list.empty() ? "" : ", ") + name;
  return list;
}

std::string rangeText(std::optional<std::int64_t> min, std::optional<std::int64_t> max) {
  if (min && max) return "between " + std::to_string(*min) + " and " + std::to_string(*max);
  if (min) return "at least " + std::to_string(*min);
  return "at most " + std::to_string(*max);
}

std::optional<std::string> textProblem(const sdk::SettingField& field, const std::string& text) {
  if (field.type == sdk::SettingType::Secret) return std::nullopt;
  if (auto problem = formatProblem(field, text)) return problem;
  return patternProblem(field, text);
}

std::optional<std::string> jsonValueProblem(const sdk::SettingField& field, const sdk::Json& value) {
  using enum sdk::SettingType;
  switch (field.type) {
    case Bool:
      if (!value.isBool()) return "expected true or false";
      return std::nullopt;
    case Int: {
      if (!value.isInt()) return "expected an integer";
      const std::int64_t number = value.asInt();
      if ((field.min && number < *field.min) || (field.max && number > *field.max))
        return "must be " + rangeText(field.min, field.max) + ", got " + std::to_string(number);
      return std::nullopt;
    }
    case Enum:
      if (!value.isString() || std::ranges::find(field.choices, value.asString()) == field.choices.end())
        return "expected one of " + listNames(field.choices);
      return std::nullopt;
    case List:
      if (!value.isArray()) return "expected a list of strings";
      for (const auto& item : value.asArray())
        if (!item.isString() || item.asString().size() > kMaxTextBytes) return "expected a list of strings";
      return std::nullopt;
    case Secret:
      if (!value.isString() || value.asString().empty()) return "expected a non-empty string";
      if (value.asString().size() > kMaxTextBytes || sdk::hasControlCharacter(value.asString()))
        return "expected at most 16 KiB of text without control characters";
      return std::nullopt;
    case String:
    case Url:
    case Email:
    case Phone:
      break;
  }
  if (!value.isString()) return "expected a string";
  if (value.asString().size() > kMaxTextBytes) return "expected at most 16 KiB of text";
  return textProblem(field, value.asString());
}

const char* settingTypeName(sdk::SettingType type) {
  using enum sdk::SettingType;
  switch (type) {
    case String: return "string";
    case Url: return "url";
    case Email: return "email";
    case Phone: return "phone";
    case Enum: return "enum";
    case Bool: return "bool";
    case Int: return "int";
    case List: return "list";
    case Secret: return "secret";
  }
  return "string";
}

std::string maskSecret(const std::string& plaintext) {
  std::string mask(kMask);
  if (plaintext.size() >= 12) mask += plaintext.substr(plaintext.size() - 4);
  return mask;
}

bool isSecretMask(const sdk::Json& value) { return value.isString() && value.asString().starts_with(kMask); }

}  // namespace tabhost::core
