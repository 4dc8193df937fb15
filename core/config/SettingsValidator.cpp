#include "core/config/SettingsValidator.hpp"

#include <algorithm>
#include <cctype>
#include <string_view>
#include <type_traits>
#include <utility>

#include "core/config/SettingRules.hpp"

namespace tabhost::core {
namespace {

// yaml-cpp marks are 0-based and a null mark is -1, which becomes line 0: "the whole file".
int oneBased(int zeroBased) { return zeroBased + 1; }

YAML::Node absent() { return YAML::Node(YAML::NodeType::Undefined); }

// Ends "expected X, got ..." messages.
std::string describe(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Scalar:
      return "'" + node.Scalar() + "'";
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Map:
      return "a map";
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
      break;
  }
  return "nothing";
}

template <class T>
constexpr const char* expectedKind() {
  if constexpr (std::is_same_v<T, bool>)
    return "a boolean (true or false)";
  else if constexpr (std::is_same_v<T, std::int64_t>)
    return "an integer";
  else
    return "a string";
}

// convert<T>::decode instead of as<T>(): a wrong value is expected input here, not an exception.
template <class T>
std::optional<T> decode(const YAML::Node& node) {
  T value{};
  if (YAML::convert<T>::decode(node, value)) return value;
  return std::nullopt;
}


template <class T>
std::optional<sdk::Json> asJson(const std::optional<T>& value) {
  if (!value) return std::nullopt;
  return sdk::Json(*value);
}

std::optional<sdk::Json> asJson(const std::optional<std::vector<YamlFile::LocatedString>>& items) {
  if (!items) return std::nullopt;
  sdk::Json array = sdk::Json::array();
  for (const auto& item : *items) array.push_back(item.text);
  return array;
}

std::optional<sdk::Json> checkText(const YamlFile& file, const sdk::SettingField& field, const YAML::Node& value,
                                   const std::string& path) {
  auto text = file.scalar<std::string>(value, path);
  if (!text) return std::nullopt;
  // A secret gets the API's checks too (never naming its value): "" is no secret.
  auto problem = field.type == sdk::SettingType::Secret ? jsonValueProblem(field, sdk::Json(*text)) : textProblem(field, *text);
  if (problem) {
    file.error(value.Mark(), path, *problem);
    return std::nullopt;
  }
  return sdk::Json(std::move(*text));
}

std::optional<sdk::Json> checkSetting(const YamlFile& file, const sdk::SettingField& field, const YAML::Node& value,
                                      const std::string& path) {
  using enum sdk::SettingType;
  // No default: a new SettingType must be handled here (-Wswitch says so).
  switch (field.type) {
    case Bool:
      return asJson(file.scalar<bool>(value, path));
    case Int:
      return asJson(file.integer(value, path, field.min, field.max));
    case Enum:
      return asJson(file.oneOf(value, path, field.choices));
    case List:
      return asJson(file.strings(value, path));
    case String:
    case Url:
    case Email:
    case Phone:
    case Secret:
      break;
  }
  return checkText(file, field, value, path);
}

sdk::Json scalarToJson(const YAML::Node& node) {
  // A quoted scalar is a string whatever it looks like.
  if (node.Tag() == "!") return node.Scalar();
  if (auto integer = decode<std::int64_t>(node)) return *integer;
  if (auto real = decode<double>(node)) return *real;
  // Only true/false: YAML 1.1's yes/no/on/off would turn a country code "no"
  // into a boolean, and without a schema nothing says it was meant as one.
  if (node.Scalar() == "true" || node.Scalar() == "false") return node.Scalar() == "true";
  return node.Scalar();
}

}  // namespace

YamlFile::YamlFile(std::string name, Diagnostics& errors) : name_(std::move(name)), errors_(errors) {}

std::optional<YAML::Node> YamlFile::parse() const {
  try {
    return YAML::LoadFile(name_);
  } catch (const YAML::BadFile&) {
    errors_.push_back({name_, 0, 0, "cannot read the file"});
  } catch (const YAML::Exception& e) {
    error(e.mark, "", e.msg);
  }
  return std::nullopt;
}

void YamlFile::error(const YAML::Mark& at, const std::string& keyPath, const std::string& message) const {
  errors_.push_back(
      {name_, oneBased(at.line), oneBased(at.column), keyPath.empty() ? message : keyPath + ": " + message});
}

std::string YamlFile::location(const YAML::Mark& at) const {
  return name_ + ":" + std::to_string(oneBased(at.line)) + ":" + std::to_string(oneBased(at.column));
}

template <class T>
std::optional<T> YamlFile::scalar(const YAML::Node& value, const std::string& keyPath) const {
  // Any scalar decodes as a string ("8080" too): only lists, maps and nothing are not strings.
  if (value.IsScalar())
    if (auto decoded = decode<T>(value)) return decoded;
  error(value.Mark(), keyPath, std::string("expected ") + expectedKind<T>() + ", got " + describe(value));
  return std::nullopt;
}

template std::optional<std::string> YamlFile::scalar(const YAML::Node&, const std::string&) const;
template std::optional<bool> YamlFile::scalar(const YAML::Node&, const std::string&) const;
template std::optional<std::int64_t> YamlFile::scalar(const YAML::Node&, const std::string&) const;

std::optional<std::int64_t> YamlFile::integer(const YAML::Node& value, const std::string& keyPath,
                                              std::optional<std::int64_t> min, std::optional<std::int64_t> max) const {
  const auto number = scalar<std::int64_t>(value, keyPath);
  if (!number) return std::nullopt;
  if ((min && *number < *min) || (max && *number > *max)) {
    error(value.Mark(), keyPath, "must be " + rangeText(min, max) + ", got " + std::to_string(*number));
    return std::nullopt;
  }
  return number;
}

std::optional<std::string> YamlFile::oneOf(const YAML::Node& value, const std::string& keyPath,
                                           const std::vector<std::string>& choices) const {
  auto text = scalar<std::string>(value, keyPath);
  if (!text || std::ranges::find(choices, *text) != choices.end()) return text;
  error(value.Mark(), keyPath, "expected one of " + listNames(choices) + ", got '" + *text + "'");
  return std::nullopt;
}

std::optional<std::vector<YamlFile::LocatedString>> YamlFile::strings(const YAML::Node& value,
                                                                      const std::string& keyPath) const {
  if (value.IsNull()) return std::vector<LocatedString>{};
  if (!value.IsSequence()) {
    error(value.Mark(), keyPath, "expected a list of strings, got " + describe(value));
    return std::nullopt;
  }
  std::vector<LocatedString> items;
  std::size_t index = 0;
  for (const auto& item : value)
    if (auto text = scalar<std::string>(item, keyPath + "[" + std::to_string(index++) + "]"))
      items.push_back({std::move(*text), item.Mark()});
  if (items.size() != index) return std::nullopt;
  return items;
}

MapReader::MapReader(const YamlFile& file, const YAML::Node& node, std::string keyPath, const YAML::Mark& keyMark)
    : file_(file), keyPath_(std::move(keyPath)), keyMark_(keyMark), mark_(node.IsMap() ? node.Mark() : keyMark) {
  if (!node.IsDefined() || node.IsNull()) return;
  if (!node.IsMap()) {
    malformed_ = true;
    file_.error(node.Mark(), keyPath_, "expected a map, got " + describe(node));
    return;
  }
  for (const auto& pair : node) {
    const std::string key = pair.first.Scalar();
    // yaml-cpp keeps both; the second would be silently ignored.
    if (const Entry* first = find(key))
      file_.error(pair.first.Mark(), keyPath_,
                  "duplicate key '" + key + "' (first at " + file_.location(first->keyMark) + ")");
    else
      entries_.push_back({key, pair.first.Mark(), pair.second});
  }
}

std::string MapReader::pathOf(const std::string& key) const { return keyPath_.empty() ? key : keyPath_ + "." + key; }

const MapReader::Entry* MapReader::find(const std::string& key) const {
  const auto it = std::ranges::find(entries_, key, &Entry::key);
  return it == entries_.end() ? nullptr : &*it;
}

YAML::Node MapReader::take(const std::string& key) {
  if (std::ranges::find(asked_, key) == asked_.end()) asked_.push_back(key);
  const Entry* entry = find(key);
  return entry ? entry->value : absent();
}

YAML::Node MapReader::require(const std::string& key) {
  YAML::Node value = take(key);
  if (!value && !malformed_)
    file_.error(mark_, "", "missing required key '" + key + "'" + (keyPath_.empty() ? "" : " in " + keyPath_));
  return value;
}

MapReader MapReader::child(const std::string& key) {
  const Entry* entry = find(key);
  return MapReader(file_, take(key), pathOf(key), entry ? entry->keyMark : keyMark_);
}

std::optional<std::int64_t> MapReader::getInteger(const std::string& key, std::optional<std::int64_t> min,
                                                  std::optional<std::int64_t> max) {
  return ifPresent(
      key, [&](const YAML::Node& value, const std::string& path) { return file_.integer(value, path, min, max); });
}

std::optional<std::string> MapReader::getOneOf(const std::string& key, const std::vector<std::string>& choices) {
  return ifPresent(key,
                   [&](const YAML::Node& value, const std::string& path) { return file_.oneOf(value, path, choices); });
}

void MapReader::rejectUnknownKeys() const {
  const std::string expected = asked_.empty() ? "no keys are accepted here" : "expected: " + listNames(asked_);
  for (const auto& entry : entries_)
    if (std::ranges::find(asked_, entry.key) == asked_.end())
      file_.error(
          entry.keyMark, "",
          "unknown key '" + entry.key + "'" + (keyPath_.empty() ? "" : " in " + keyPath_) + " (" + expected + ")");
}

SettingsValues validateSettings(MapReader settings, const sdk::SettingsSchema& schema, bool enforceRequired) {
  SettingsValues result;
  for (const auto& field : schema) {
    const bool mustGive = enforceRequired && field.required && field.defaultValue.isNull();
    YAML::Node value = mustGive ? settings.require(field.name) : settings.take(field.name);
    if (!value) {
      if (!field.defaultValue.isNull()) result.values[field.name] = field.defaultValue;
      continue;
    }
    if (value.IsMap()) {
      // {value: ..., locked: true}: the partner fixes the setting for this tenant.
      MapReader fixed = settings.child(field.name);
      const bool locked = fixed.get<bool>("locked").value_or(false);
      value = fixed.require("value");
      fixed.rejectUnknownKeys();
      if (!value) continue;
      if (locked) result.locked.push_back(field.name);
    }
    auto checked = checkSetting(settings.file(), field, value, settings.pathOf(field.name));
    if (!checked) continue;
    if (field.type == sdk::SettingType::Secret) {
      result.secrets[field.name] = checked->asString();
      checked = sdk::Json(maskSecret(checked->asString()));
    }
    result.values[field.name] = std::move(*checked);
  }
  settings.rejectUnknownKeys();
  return result;
}

sdk::Json yamlToJson(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Scalar:
      return scalarToJson(node);
    case YAML::NodeType::Sequence: {
      sdk::Json array = sdk::Json::array();
      for (const auto& item : node) array.push_back(yamlToJson(item));
      return array;
    }
    case YAML::NodeType::Map: {
      sdk::Json object = sdk::Json::object();
      for (const auto& pair : node) object[pair.first.Scalar()] = yamlToJson(pair.second);
      return object;
    }
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
      break;
  }
  return nullptr;
}

}  // namespace tabhost::core
