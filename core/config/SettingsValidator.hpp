// Validates a plugin's settings (from a tenant file) against the plugin's
// schema, and provides the located YAML reading it is built on. The config
// loader reads tabhost.yaml and the tenant files with the same readers, so
// every configuration error is worded and located the same way.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/config/Diagnostic.hpp"
#include "core/config/SettingRules.hpp"
#include "tabhost/sdk/json.hpp"
#include "tabhost/sdk/settings.hpp"

namespace tabhost::core {

/// One YAML file being read. Every check appends a Diagnostic located at the
/// offending node and returns nullopt, so that callers carry on and all
/// problems of all files are reported in one go.
class YamlFile {
 public:
  /// `name` is the path shown in diagnostics (absolute, by convention).
  YamlFile(std::string name, Diagnostics& errors);

  const std::string& name() const { return name_; }

  /// The document, or nullopt after reporting an unreadable file or a syntax error.
  std::optional<YAML::Node> parse() const;

  /// Reports `message` at `at`, prefixed with "keyPath: " unless keyPath is empty.
  void error(const YAML::Mark& at, const std::string& keyPath, const std::string& message) const;

  /// "file:line:col" of `at`, for messages that point at a second place.
  std::string location(const YAML::Mark& at) const;

  /// The scalar `value` as T: std::string, bool or std::int64_t.
  template <class T>
  std::optional<T> scalar(const YAML::Node& value, const std::string& keyPath) const;

  /// An integer within [min, max]; an unset bound does not apply.
  std::optional<std::int64_t> integer(const YAML::Node& value, const std::string& keyPath,
                                      std::optional<std::int64_t> min, std::optional<std::int64_t> max) const;

  /// A string equal to one of `choices`.
  std::optional<std::string> oneOf(const YAML::Node& value, const std::string& keyPath,
                                   const std::vector<std::string>& choices) const;

  struct LocatedString {
    std::string text;
    YAML::Mark mark;
  };
  /// A sequence of strings, each with its position; null reads as empty.
  std::optional<std::vector<LocatedString>> strings(const YAML::Node& value, const std::string& keyPath) const;

 private:
  std::string name_;
  Diagnostics& errors_;
};

/// Reads one YAML map: hands out values by key, then reports every key that
/// nobody asked for. An absent or null map reads as an empty one.
class MapReader {
 public:
  /// `keyPath` is the dotted path of the map ("" for the document root).
  /// `keyMark` is where its key sits (the document start for the root); it
  /// locates missing keys when the map itself is absent or null.
  MapReader(const YamlFile& file, const YAML::Node& node, std::string keyPath, const YAML::Mark& keyMark);

  const YamlFile& file() const { return file_; }

  /// "server.threads" for key "threads" of map "server".
  std::string pathOf(const std::string& key) const;

  /// The value under `key`, undefined when absent.
  YAML::Node take(const std::string& key);
  /// As take(), and reports the key missing when absent.
  YAML::Node require(const std::string& key);
  /// The map under `key`, read by its own MapReader.
  MapReader child(const std::string& key);

  /// `read(value, keyPath)` of the value under `key`, which returns an
  /// optional (nullopt after reporting a bad value); nullopt when absent.
  template <class Read>
  auto ifPresent(const std::string& key, Read read) -> decltype(read(YAML::Node(), key)) {
    const YAML::Node value = take(key);
    if (!value) return std::nullopt;
    return read(value, pathOf(key));
  }

  /// The value under `key` read with YamlFile::scalar / integer / oneOf.
  template <class T>
  std::optional<T> get(const std::string& key) {
    return ifPresent(key,
                     [&](const YAML::Node& value, const std::string& path) { return file_.scalar<T>(value, path); });
  }
  std::optional<std::int64_t> getInteger(const std::string& key, std::optional<std::int64_t> min,
                                         std::optional<std::int64_t> max);
  std::optional<std::string> getOneOf(const std::string& key, const std::vector<std::string>& choices);

  struct Entry {
    std::string key;
    YAML::Mark keyMark;
    YAML::Node value;
  };
  /// Every entry in document order, for maps whose keys are data (plugin ids)
  /// and so have no unknown keys.
  const std::vector<Entry>& entries() const { return entries_; }

  /// Reports each key that was never taken, listing those that were.
  void rejectUnknownKeys() const;

 private:
  const Entry* find(const std::string& key) const;

  const YamlFile& file_;
  std::string keyPath_;
  YAML::Mark keyMark_;
  /// Where "missing key" errors point: the map itself, or its key when it has no body.
  YAML::Mark mark_;
  /// Present but not a map (already reported): missing keys are not reported on top.
  bool malformed_ = false;
  std::vector<Entry> entries_;
  /// Keys asked for, in order: the "expected" list of unknown-key errors.
  std::vector<std::string> asked_;
};

/// A plugin's settings as a tenant file gives them.
struct SettingsValues {
  /// JSON object with the schema's defaults filled in; secrets masked.
  sdk::Json values = sdk::Json::object();
  /// Settings written as {value: ..., locked: true}.
  std::vector<std::string> locked;
  /// The plaintext of Secret settings, by name.
  std::map<std::string, std::string> secrets;
};

/// Checks a plugin's settings map against its schema. A setting is a value,
/// or {value: ..., locked: true} to fix it for the tenant. Missing required
/// settings are reported only when `enforceRequired` is set: the SDK
/// requires them of enabled plugins only.
SettingsValues validateSettings(MapReader settings, const sdk::SettingsSchema& schema, bool enforceRequired);

/// Converts YAML to JSON without a schema (for a plugin whose schema is
/// unknown): plain scalars that read as numbers or true/false become such,
/// quoted ones stay strings, null stays null.
sdk::Json yamlToJson(const YAML::Node& node);

}  // namespace tabhost::core
