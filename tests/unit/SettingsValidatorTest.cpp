// validateSettings and yamlToJson on YAML parsed from text: positions are the
// same as from a file, and the loader's tests cover the reading of files.
#include <gtest/gtest.h>

#include "SettingFieldBuilder.hpp"

#include <string>
#include <vector>

#include "core/config/SettingsValidator.hpp"

namespace tabhost::core {
namespace {

using sdk::Json;
using sdk::SettingType;
using test::field;

class SettingsValidatorTest : public ::testing::Test {
 protected:
  // Validates `yaml`, written as the body of a tenant file's settings map, against schema_.
  Json validate(const std::string& yaml, bool enforceRequired = true) {
    const YAML::Node node = YAML::Load(yaml);
    return validateSettings(MapReader(file_, node, "settings", node.Mark()), schema_, enforceRequired).values;
  }

  std::vector<std::string> lines() const {
    std::vector<std::string> result;
    for (const auto& error : errors_) result.push_back(error.str());
    return result;
  }

  void expectAccepted(const sdk::SettingField& setting, const std::string& value) {
    schema_ = {setting};
    errors_.clear();
    EXPECT_EQ(validate(setting.name + ": '" + value + "'"), Json::object({{setting.name, value}}));
    EXPECT_TRUE(errors_.empty()) << value << ": " << ::testing::PrintToString(lines());
  }

  void expectRefused(const sdk::SettingField& setting, const std::string& value, const std::string& message) {
    schema_ = {setting};
    errors_.clear();
    EXPECT_EQ(validate(setting.name + ": '" + value + "'"), Json::object());
    EXPECT_EQ(lines(), std::vector<std::string>{"t.yaml:1:" + std::to_string(setting.name.size() + 3) + ": settings." +
                                                setting.name + ": " + message});
  }

  Diagnostics errors_;
  YamlFile file_{"t.yaml", errors_};
  sdk::SettingsSchema schema_;
};

TEST_F(SettingsValidatorTest, FillsDefaultsAndKeepsTypes) {
  auto greeting = field("greeting", SettingType::String);
  greeting.defaultValue = "Hello";
  auto plan = field("plan", SettingType::Enum);
  plan.choices = {"free", "pro"};
  plan.defaultValue = "free";
  schema_ = {
      greeting, field("times", SettingType::Int),  field("loud", SettingType::Bool), field("tags", SettingType::List),
      plan,     field("note", SettingType::String)};
  const Json settings = validate("tags: [a, b]\nloud: yes\ntimes: 3\n");
  EXPECT_TRUE(errors_.empty()) << ::testing::PrintToString(lines());
  EXPECT_EQ(
      settings,
      Json::object(
          {{"greeting", "Hello"}, {"times", 3}, {"loud", true}, {"tags", Json::array({"a", "b"})}, {"plan", "free"}}));
}

TEST_F(SettingsValidatorTest, AnyScalarIsAString) {
  schema_ = {field("code", SettingType::String), field("key", SettingType::Secret)};
  const YAML::Node node = YAML::Load("code: 8080\nkey: true\n");
  const SettingsValues read = validateSettings(MapReader(file_, node, "settings", node.Mark()), schema_, true);
  // A secret's plaintext is kept apart; the values show only its mask.
  EXPECT_EQ(read.values, Json::object({{"code", "8080"}, {"key", "••••"}}));
  EXPECT_EQ(read.secrets.at("key"), "true");
  EXPECT_TRUE(errors_.empty());
}

TEST_F(SettingsValidatorTest, AnEmptySecretIsRefusedWithoutShowingIt) {
  schema_ = {field("token", SettingType::Secret)};
  EXPECT_EQ(validate("token: ''\n"), Json::object());
  EXPECT_EQ(lines(), (std::vector<std::string>{"t.yaml:1:8: settings.token: expected a non-empty string"}));
}

TEST_F(SettingsValidatorTest, ALockedSettingIsAValueAndAFlag) {
  schema_ = {field("sid", SettingType::String), field("token", SettingType::Secret), field("note", SettingType::String)};
  const YAML::Node node =
      YAML::Load("sid: {value: AC1, locked: true}\ntoken: {value: abcdefghijklmnop, locked: true}\nnote: {value: x}\n");
  const SettingsValues read = validateSettings(MapReader(file_, node, "settings", node.Mark()), schema_, true);
  EXPECT_TRUE(errors_.empty()) << ::testing::PrintToString(lines());
  EXPECT_EQ(read.values, Json::object({{"sid", "AC1"}, {"token", "••••mnop"}, {"note", "x"}}));
  EXPECT_EQ(read.locked, (std::vector<std::string>{"sid", "token"}));
  EXPECT_EQ(read.secrets.at("token"), "abcdefghijklmnop");
}

TEST_F(SettingsValidatorTest, ReportsEveryWrongValueAtItsPosition) {
  auto plan = field("plan", SettingType::Enum);
  plan.choices = {"free", "pro"};
  schema_ = {field("name", SettingType::String),
             field("site", SettingType::Url),
             field("mail", SettingType::Email),
             field("phone", SettingType::Phone),
             plan,
             field("loud", SettingType::Bool),
             field("times", SettingType::Int),
             field("tags", SettingType::List),
             field("key", SettingType::Secret)};
  EXPECT_EQ(validate(R"(name: [x]
site: example.com
mail: a@b@c
phone: 4155550100
plan: gold
loud: maybe
times: many
tags: a
key: {a: 1}
)"),
            Json::object());
  EXPECT_EQ(lines(), (std::vector<std::string>{
                         "t.yaml:1:7: settings.name: expected a string, got a list",
                         "t.yaml:2:7: settings.site: expected an http:// or https:// URL, got 'example.com'",
                         "t.yaml:3:7: settings.mail: expected an email address, got 'a@b@c'",
                         "t.yaml:4:8: settings.phone: expected an E.164 phone number such as +14155550100, got "
                         "'4155550100'",
                         "t.yaml:5:7: settings.plan: expected one of free, pro, got 'gold'",
                         "t.yaml:6:7: settings.loud: expected a boolean (true or false), got 'maybe'",
                         "t.yaml:7:8: settings.times: expected an integer, got 'many'",
                         "t.yaml:8:7: settings.tags: expected a list of strings, got 'a'",
                         "t.yaml:9:6: missing required key 'value' in settings.key",
                         "t.yaml:9:7: unknown key 'a' in settings.key (expected: locked, value)",
                     }));
}

TEST_F(SettingsValidatorTest, IntegersStayWithinTheirBounds) {
  auto both = field("n", SettingType::Int);
  both.min = 1;
  both.max = 10;
  schema_ = {both};
  EXPECT_EQ(validate("n: 10"), Json::object({{"n", 10}}));
  EXPECT_EQ(validate("n: 1"), Json::object({{"n", 1}}));
  EXPECT_TRUE(errors_.empty());
  validate("n: 0");
  validate("n: 11");
  auto atLeast = field("n", SettingType::Int);
  atLeast.min = 0;
  schema_ = {atLeast};
  validate("n: -1");
  auto atMost = field("m", SettingType::Int);
  atMost.max = -5;
  schema_ = {atMost};
  validate("m: -4");
  validate("m: 99999999999999999999");
  EXPECT_EQ(lines(), (std::vector<std::string>{
                         "t.yaml:1:4: settings.n: must be between 1 and 10, got 0",
                         "t.yaml:1:4: settings.n: must be between 1 and 10, got 11",
                         "t.yaml:1:4: settings.n: must be at least 0, got -1",
                         "t.yaml:1:4: settings.m: must be at most -5, got -4",
                         "t.yaml:1:4: settings.m: expected an integer, got '99999999999999999999'",
                     }));
}

TEST_F(SettingsValidatorTest, UrlsMustBeHttpWithAHost) {
  const auto url = field("site", SettingType::Url);
  expectAccepted(url, "https://example.com");
  expectAccepted(url, "http://localhost:8080/path?q=1");
  for (const std::string bad :
       {"https://", "http:///path", "ftp://example.com", "example.com", "http://:80/", "https://exa mple.com"})
    expectRefused(url, bad, "expected an http:// or https:// URL, got '" + bad + "'");
}

TEST_F(SettingsValidatorTest, EmailsHaveOneAtWithTextOnBothSides) {
  const auto mail = field("mail", SettingType::Email);
  expectAccepted(mail, "help@example.com");
  for (const std::string bad : {"@example.com", "help@", "help", "a@b@c", "a b@c"})
    expectRefused(mail, bad, "expected an email address, got '" + bad + "'");
}

TEST_F(SettingsValidatorTest, PhonesAreE164) {
  const auto phone = field("phone", SettingType::Phone);
  expectAccepted(phone, "+14155550100");
  expectAccepted(phone, "+4930123");
  for (const std::string bad : {"+141555", "14155550100", "+04155550100", "+1 415 555 0100", "+1234567890123456"})
    expectRefused(phone, bad, "expected an E.164 phone number such as +14155550100, got '" + bad + "'");
}

TEST_F(SettingsValidatorTest, PatternsMustMatchInFull) {
  auto code = field("code", SettingType::String);
  code.pattern = "[a-z]+";
  expectAccepted(code, "abc");
  expectRefused(code, "abc1", "'abc1' does not match [a-z]+");
  expectRefused(code, "1abc", "'1abc' does not match [a-z]+");
  code.description = "lower-case letters";
  expectRefused(code, "ABC", "'ABC' does not match [a-z]+ (lower-case letters)");
  code.pattern = "[a-z";
  expectRefused(code, "abc", "the plugin's pattern '[a-z' is not a valid regular expression");
}

TEST_F(SettingsValidatorTest, ListItemsMustBeStrings) {
  schema_ = {field("tags", SettingType::List)};
  EXPECT_EQ(validate("tags: [a, 2]"), Json::object({{"tags", Json::array({"a", "2"})}}));
  EXPECT_EQ(validate("tags:"), Json::object({{"tags", Json::array()}}));
  EXPECT_TRUE(errors_.empty());
  EXPECT_EQ(validate("tags: [a, [b], c, {d: e}]"), Json::object());
  EXPECT_EQ(lines(), (std::vector<std::string>{"t.yaml:1:11: settings.tags[1]: expected a string, got a list",
                                               "t.yaml:1:19: settings.tags[3]: expected a string, got a map"}));
}

TEST_F(SettingsValidatorTest, MissingRequiredSettingIsReportedAtTheMap) {
  auto key = field("api_key", SettingType::Secret);
  key.required = true;
  schema_ = {key};
  validate("\n  other: 1\n");
  EXPECT_EQ(lines(), (std::vector<std::string>{
                         "t.yaml:2:3: missing required key 'api_key' in settings",
                         "t.yaml:2:3: unknown key 'other' in settings (expected: api_key)",
                     }));
}

TEST_F(SettingsValidatorTest, MissingRequiredSettingOfAnAbsentMapIsReportedAtItsKey) {
  auto key = field("api_key", SettingType::Secret);
  key.required = true;
  schema_ = {key};
  const YAML::Node plugins = YAML::Load("plugins:\n  voice:\n    title: Calls\n");
  MapReader voice(file_, plugins["plugins"]["voice"], "plugins.voice", plugins["plugins"].begin()->first.Mark());
  EXPECT_EQ(validateSettings(voice.child("settings"), schema_, true).values, Json::object());
  EXPECT_EQ(lines(),
            (std::vector<std::string>{"t.yaml:2:3: missing required key 'api_key' in plugins.voice.settings"}));
}

TEST_F(SettingsValidatorTest, RequiredSettingsAreOnlyEnforcedWhenAskedAndWithoutDefault) {
  auto key = field("api_key", SettingType::Secret);
  key.required = true;
  auto region = field("region", SettingType::String);
  region.required = true;
  region.defaultValue = "eu";
  schema_ = {key, region};
  EXPECT_EQ(validate("", false), Json::object({{"region", "eu"}}));
  EXPECT_EQ(validate("{}", true), Json::object({{"region", "eu"}}));
  EXPECT_EQ(lines(), (std::vector<std::string>{"t.yaml:1:1: missing required key 'api_key' in settings"}));
}

TEST_F(SettingsValidatorTest, UnknownKeysListWhatIsAccepted) {
  schema_ = {field("greeting", SettingType::String), field("times", SettingType::Int)};
  validate("greeting: hi\ngreting: hi\n");
  schema_ = {};
  validate("x: 1\n");
  EXPECT_EQ(lines(), (std::vector<std::string>{
                         "t.yaml:2:1: unknown key 'greting' in settings (expected: greeting, times)",
                         "t.yaml:1:1: unknown key 'x' in settings (no keys are accepted here)",
                     }));
}

TEST_F(SettingsValidatorTest, SettingsThatAreNotAMapAreOneError) {
  auto key = field("api_key", SettingType::Secret);
  key.required = true;
  schema_ = {key};
  EXPECT_EQ(validate("[a, b]"), Json::object());
  EXPECT_EQ(lines(), (std::vector<std::string>{"t.yaml:1:1: settings: expected a map, got a list"}));
}

TEST_F(SettingsValidatorTest, DuplicateKeysAreReported) {
  schema_ = {field("greeting", SettingType::String)};
  EXPECT_EQ(validate("greeting: one\ngreeting: two\n"), Json::object({{"greeting", "one"}}));
  EXPECT_EQ(lines(),
            (std::vector<std::string>{"t.yaml:2:1: settings: duplicate key 'greeting' (first at t.yaml:1:1)"}));
}

TEST_F(SettingsValidatorTest, YamlToJsonGuessesOnlyPlainScalars) {
  const YAML::Node node = YAML::Load("{i: 42, r: 1.5, t: true, y: yes, q: '42', s: text, n: ~, l: [1, a], m: {k: v}}");
  EXPECT_EQ(yamlToJson(node), Json::object({{"i", 42},
                                            {"r", 1.5},
                                            {"t", true},
                                            {"y", "yes"},
                                            {"q", "42"},
                                            {"s", "text"},
                                            {"n", nullptr},
                                            {"l", Json::array({1, "a"})},
                                            {"m", Json::object({{"k", "v"}})}}));
}

}  // namespace
}  // namespace tabhost::core
