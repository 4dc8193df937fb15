// A settings page's validation, one SettingType at a time, through the
// every_setting fixture plugin (whose page has a field of each type).
#include "IdentityFixture.hpp"

namespace tabhost::test {
namespace {

class SettingTypesTest : public IdentityTest {
 protected:
  void SetUp() override {
    extraFixtures_ = {"every_setting"};
    start();
    if (IsSkipped() || HasFatalFailure()) return;
    owner_ = ownerAuth(config_, a_);
  }

  HttpResult put(const std::string& body) const {
    auto headers = owner_;
    headers["If-Match"] = "*";
    return host_->request("PUT", api(a_, "/everysetting"), body, headers);
  }
  HttpResult page() const { return host_->request("GET", api(a_, "/everysetting"), "", owner_); }

  std::map<std::string, std::string> owner_;
};

TEST_P(SettingTypesTest, EachTypeRefusesWhatItIsNotAndNamesTheField) {
  const auto before = page();
  ASSERT_EQ(before.status, 200) << before.body;
  std::vector<std::string> types;
  for (const auto& field : jsonAt(before.json, "fields").asArray()) types.push_back(field.find("type")->asString());
  EXPECT_EQ(types, (std::vector<std::string>{"string", "url", "email", "phone", "enum", "bool", "int", "list", "secret"}));
  EXPECT_EQ(before.text("values.code"), "ABC");
  EXPECT_EQ(before.text("values.seats"), "5");

  const std::vector<std::pair<std::string, std::string>> refused{
      {R"({"code":"abc"})", "code"},          {R"({"code":5})", "code"},
      {R"({"site":"example.com"})", "site"},  {R"({"site":"ftp://example.com"})", "site"},
      {R"({"contact":"a@b@c"})", "contact"},  {R"({"contact":"nobody"})", "contact"},
      {R"({"phone":"4155550100"})", "phone"}, {R"({"phone":"+1 415 555"})", "phone"},
      {R"({"tier":"gold"})", "tier"},         {R"({"tier":true})", "tier"},
      {R"({"enabled":"yes"})", "enabled"},    {R"({"enabled":1})", "enabled"},
      {R"({"seats":0})", "seats"},            {R"({"seats":101})", "seats"},
      {R"({"seats":"5"})", "seats"},          {R"({"seats":2.5})", "seats"},
      {R"({"tags":"a"})", "tags"},            {R"({"tags":["a",1]})", "tags"},
      {R"({"token":""})", "token"},           {R"({"token":42})", "token"},
  };
  for (const auto& [body, field] : refused) {
    const auto answer = put(body);
    EXPECT_EQ(answer.status, 400) << body << " → " << answer.body;
    EXPECT_EQ(answer.text("error.code"), "invalid_setting") << body;
    EXPECT_EQ(answer.text("error.field"), field) << body;
  }
  // Required: it cannot go back to nothing.
  const auto cleared = put(R"({"code":null})");
  EXPECT_EQ(cleared.status, 200) << "null returns to the default ABC: " << cleared.body;
  EXPECT_EQ(cleared.text("values.code"), "ABC");
  const auto emptied = put(R"({"code":"","site":"https://a.example"})");
  EXPECT_EQ(emptied.status, 400) << emptied.body;
  EXPECT_EQ(emptied.text("error.field"), "code");

  const auto after = page();
  EXPECT_EQ(after.text("values"), before.text("values"));
  EXPECT_EQ(after.text("version"), before.text("version"));
}

TEST_P(SettingTypesTest, EachTypeStoresWhatItIs) {
  const auto saved = put(R"({"code":"XYZ","site":"https://a.example/x","contact":"ops@a.example",)"
                         R"("phone":"+14155550100","tier":"pro","enabled":true,"seats":100,)"
                         R"("tags":["red","blue"],"token":"tok-0123456789abcdef"})");
  ASSERT_EQ(saved.status, 200) << saved.body;
  const auto shown = page();
  EXPECT_EQ(shown.text("values.code"), "XYZ");
  EXPECT_EQ(shown.text("values.site"), "https://a.example/x");
  EXPECT_EQ(shown.text("values.contact"), "ops@a.example");
  EXPECT_EQ(shown.text("values.phone"), "+14155550100");
  EXPECT_EQ(shown.text("values.tier"), "pro");
  EXPECT_EQ(shown.text("values.enabled"), "true");
  EXPECT_EQ(shown.text("values.seats"), "100");
  EXPECT_EQ(shown.text("values.tags"), R"(["red","blue"])");
  EXPECT_EQ(shown.text("values.token"), "••••cdef");
  EXPECT_EQ(shown.text("version"), "1");
  // The lowest bound is accepted too.
  EXPECT_EQ(put(R"({"seats":1})").text("values.seats"), "1");
}

INSTANTIATE_TEST_SUITE_P(Drivers, SettingTypesTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace tabhost::test
