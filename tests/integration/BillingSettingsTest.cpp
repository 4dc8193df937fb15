// The billing plugin (plans, customer portal page) and the General tab
// (plugin settings): plan CRUD with https payment links, the default plan's
// link to the plans, the logo upload (type by content, size limit, unsafe
// SVG), and branding from settings, including marketing copy rendered safely.
#include <algorithm>
#include <cctype>

#include "ConfigTabsTestSupport.hpp"

namespace tabhost::test {
namespace {

using BillingSettingsTest = ConfigTabsTest;

// A real 1×1 RGBA PNG (signature, IHDR, IDAT, IEND with correct CRCs).
const std::string kPng(
    "\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00"
    "\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\x0b\x49\x44\x41\x54\x78\x9c\x63\x60\x00\x02\x00\x00\x05\x00\x01\x7a\x5e"
    "\xab\x3f\x00\x00\x00\x00\x49\x45\x4e\x44\xae\x42\x60\x82",
    68);
// A JPEG's start (SOI + JFIF APP0) and end (EOI) markers.
const std::string kJpeg(
    "\xff\xd8\xff\xe0\x00\x10\x4a\x46\x49\x46\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9", 22);
const std::string kSvg =
    R"(<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">)"
    R"(<rect width="10" height="10" fill="#123456"/></svg>)";

std::string plan(const std::string& id, const std::string& link = "https://pay.example/") {
  return R"({"id":")" + id + R"(","name":"Plan )" + id + R"(","price_label":"$10/mo","payment_link":")" + link +
         id + "\"}";
}

std::vector<std::string> planIds(const HttpResult& list) {
  std::vector<std::string> ids;
  for (const auto& p : ConfigTabsTest::itemsAt(list.json, "items")) ids.push_back(textAt(p, "id"));
  return ids;
}

/// Whether some href in `html` starts (after its quote) with "javascript:".
bool hasJavascriptLink(std::string html) {
  std::transform(html.begin(), html.end(), html.begin(), [](unsigned char c) { return std::tolower(c); });
  for (auto at = html.find("href="); at != std::string::npos; at = html.find("href=", at + 1)) {
    auto value = html.find_first_not_of("\"' ", at + 5);
    if (value != std::string::npos && html.compare(value, 11, "javascript:") == 0) return true;
  }
  return false;
}

TEST_P(BillingSettingsTest, PlansAreCreatedListedEditedAndDeletedWithAudit) {
  START_TABS();
  auto pro = call("POST", "/billing/plans", plan("pro"));
  ASSERT_EQ(pro.status, 201) << pro.body;
  EXPECT_EQ(pro.text("plan.id"), "pro");
  EXPECT_EQ(pro.text("plan.name"), "Plan pro");
  EXPECT_EQ(pro.text("plan.price_label"), "$10/mo");
  EXPECT_EQ(pro.text("plan.payment_link"), "https://pay.example/pro");
  EXPECT_NE(pro.text("plan.created_at"), "null");
  ASSERT_EQ(call("POST", "/billing/plans", plan("basic")).status, 201);
  EXPECT_EQ(planIds(call("GET", "/billing/plans")), (std::vector<std::string>{"pro", "basic"}));  // by creation

  auto edited = call("PATCH", "/billing/plans/pro", R"({"name":"Professional","payment_link":"https://pay.example/p2"})");
  ASSERT_EQ(edited.status, 200) << edited.body;
  EXPECT_EQ(edited.text("plan.name"), "Professional");
  EXPECT_EQ(edited.text("plan.price_label"), "$10/mo");  // left out, kept
  auto httpLink = call("PATCH", "/billing/plans/pro", R"({"payment_link":"http://pay.example/p3"})");
  EXPECT_EQ(httpLink.status, 400) << httpLink.body;
  EXPECT_EQ(httpLink.text("error.code"), "invalid_field");
  EXPECT_EQ(httpLink.text("error.field"), "payment_link");
  EXPECT_EQ(call("GET", "/billing/plans").text("items.0.payment_link"), "https://pay.example/p2");
  EXPECT_EQ(call("PATCH", "/billing/plans/nope", R"({"name":"x"})").status, 404);

  EXPECT_EQ(call("DELETE", "/billing/plans/basic").status, 204);
  EXPECT_EQ(planIds(call("GET", "/billing/plans")), (std::vector<std::string>{"pro"}));
  EXPECT_EQ(call("DELETE", "/billing/plans/basic").status, 404);

  const auto entries = auditOf("billing.plan.");
  std::vector<std::string> actions;
  for (const auto& e : entries) actions.push_back(textAt(e, "action") + " " + textAt(e, "target.id"));
  EXPECT_EQ(actions, (std::vector<std::string>{"billing.plan.delete basic", "billing.plan.update pro",
                                               "billing.plan.create basic", "billing.plan.create pro"}));
  for (const auto& e : entries) EXPECT_EQ(textAt(e, "target.type"), "billing_plan");
  if (entries.size() == 4) EXPECT_EQ(textAt(changeOf(entries[1], "name"), "after"), "Professional");
}

TEST_P(BillingSettingsTest, PlansRefuseBadIdsLinksAndDuplicates) {
  START_TABS();
  struct Case {
    std::string body, field;
  };
  const std::vector<Case> cases{
      {plan("Pro!"), "id"},
      {plan("-pro"), "id"},
      {plan(std::string(41, 'p')), "id"},
      {R"({"name":"No id","price_label":"$1","payment_link":"https://pay.example/x"})", "id"},
      {plan("pro", "http://pay.example/"), "payment_link"},
      {plan("pro", "javascript:alert(1)//"), "payment_link"},
      {R"({"id":"pro","price_label":"$1","payment_link":"https://pay.example/x"})", "name"},
  };
  for (const auto& c : cases) {
    auto refused = call("POST", "/billing/plans", c.body);
    EXPECT_EQ(refused.status, 400) << c.body << " → " << refused.body;
    // invalid_input: a field missing or of the wrong JSON type (the SDK's body readers, the same
    // in every plugin); invalid_field: a value of the right type that is not acceptable.
    EXPECT_TRUE(refused.text("error.code") == "invalid_field" || refused.text("error.code") == "invalid_input")
        << c.body << " → " << refused.body;
    EXPECT_EQ(refused.text("error.field"), c.field) << c.body;
  }
  EXPECT_TRUE(planIds(call("GET", "/billing/plans")).empty());
  ASSERT_EQ(call("POST", "/billing/plans", plan("pro")).status, 201);
  auto again = call("POST", "/billing/plans", plan("pro", "https://other.example/"));
  EXPECT_EQ(again.status, 409) << again.body;
  EXPECT_EQ(again.text("error.code"), "plan_exists");
  EXPECT_EQ(call("GET", "/billing/plans").text("items.0.payment_link"), "https://pay.example/pro");
  EXPECT_EQ(auditOf("billing.plan.").size(), 1u);
}

TEST_P(BillingSettingsTest, CustomerPortalPageTakesHttpsOnly) {
  START_TABS();
  auto page = call("GET", "/billing");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_EQ(page.text("page"), "billing");
  EXPECT_EQ(page.text("values.customer_portal_url"), "null");
  auto http = putPage("/billing", R"({"customer_portal_url":"http://billing.example/portal"})");
  EXPECT_EQ(http.status, 400) << http.body;
  EXPECT_EQ(http.text("error.code"), "invalid_setting");
  EXPECT_EQ(http.text("error.field"), "customer_portal_url");
  auto https = putPage("/billing", R"({"customer_portal_url":"https://billing.example/portal"})");
  ASSERT_EQ(https.status, 200) << https.body;
  EXPECT_EQ(call("GET", "/billing").text("values.customer_portal_url"), "https://billing.example/portal");
  EXPECT_EQ(auditOf("billing.settings.update").size(), 1u);
}

TEST_P(BillingSettingsTest, DefaultUserPlanMustExistAndCannotBeDeleted) {
  START_TABS();
  auto unknown = putPage("/settings", R"({"default_user_plan":"gold"})");
  EXPECT_EQ(unknown.status, 400) << unknown.body;
  EXPECT_EQ(unknown.text("error.code"), "unknown_plan");
  EXPECT_EQ(unknown.text("error.field"), "default_user_plan");
  EXPECT_EQ(call("GET", "/settings").text("values.default_user_plan"), "null");

  ASSERT_EQ(call("POST", "/billing/plans", plan("gold")).status, 201);
  auto known = putPage("/settings", R"({"default_user_plan":"gold"})");
  ASSERT_EQ(known.status, 200) << known.body;
  EXPECT_EQ(known.text("values.default_user_plan"), "gold");

  auto inUse = call("DELETE", "/billing/plans/gold");
  EXPECT_EQ(inUse.status, 409) << inUse.body;
  EXPECT_EQ(inUse.text("error.code"), "plan_in_use");
  EXPECT_EQ(planIds(call("GET", "/billing/plans")), (std::vector<std::string>{"gold"}));
  // Once no longer the default, it can go.
  ASSERT_TRUE(saved("/settings", R"({"default_user_plan":null})"));
  EXPECT_EQ(call("DELETE", "/billing/plans/gold").status, 204);
}

TEST_P(BillingSettingsTest, WithoutBillingAnyDefaultPlanIsAccepted) {
  START_TABS({.billingEnabled = false});
  auto put = putPage("/settings", R"({"default_user_plan":"anything"})");
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(put.text("values.default_user_plan"), "anything");
}

TEST_P(BillingSettingsTest, LogoUploadTakesPngJpegAndSafeSvgAndServesItPublicly) {
  START_TABS({.general = "      logo_max_bytes: 4096\n"});
  EXPECT_EQ(host_->get(api(a_, "/settings/logo")).status, 404);  // none yet

  auto png = send("PUT", "/settings/logo", kPng, "image/png");
  ASSERT_EQ(png.status, 200) << png.body;
  const std::string sha = core::sha256Hex(kPng);
  EXPECT_EQ(png.text("logo.content_type"), "image/png");
  EXPECT_EQ(png.text("logo.bytes"), "68");
  EXPECT_EQ(png.text("logo.sha256"), sha);
  EXPECT_EQ(png.text("logo.url"), "/t/" + a_ + "/api/v1/settings/logo?v=" + sha.substr(0, 12));
  // Public: no credentials needed; the very bytes, with their type.
  auto served = host_->get(api(a_, "/settings/logo"));
  ASSERT_EQ(served.status, 200);
  EXPECT_EQ(served.body, kPng);
  EXPECT_EQ(header(served, "Content-Type").rfind("image/png", 0), 0u) << header(served, "Content-Type");
  // No logo_url setting and no YAML logo: branding shows the upload.
  EXPECT_EQ(host_->get(api(a_, "/branding")).text("logo_url"), png.text("logo.url"));

  auto jpeg = send("PUT", "/settings/logo", kJpeg, "application/octet-stream");
  ASSERT_EQ(jpeg.status, 200) << jpeg.body;
  EXPECT_EQ(jpeg.text("logo.content_type"), "image/jpeg");
  EXPECT_EQ(host_->get(api(a_, "/settings/logo")).body, kJpeg);

  auto svg = send("PUT", "/settings/logo", kSvg, "image/svg+xml");
  ASSERT_EQ(svg.status, 200) << svg.body;
  EXPECT_EQ(svg.text("logo.content_type"), "image/svg+xml");
  auto servedSvg = host_->get(api(a_, "/settings/logo"));
  EXPECT_EQ(servedSvg.body, kSvg);
  EXPECT_EQ(header(servedSvg, "Content-Type").rfind("image/svg+xml", 0), 0u) << header(servedSvg, "Content-Type");
  EXPECT_EQ(auditOf("settings.logo.upload").size(), 3u);

  EXPECT_EQ(call("DELETE", "/settings/logo").status, 204);
  EXPECT_EQ(host_->get(api(a_, "/settings/logo")).status, 404);
  EXPECT_EQ(auditOf("settings.logo.remove").size(), 1u);
}

TEST_P(BillingSettingsTest, LogoUploadRefusesOversizedFakeAndScriptedImages) {
  START_TABS({.general = "      logo_max_bytes: 4096\n"});
  struct Case {
    std::string body;
    int status;
    std::string code;
  };
  const std::vector<Case> cases{
      {kPng + std::string(5000, '\0'), 413, "payload_too_large"},
      {"this is a text file renamed logo.png\n", 415, "unsupported_image"},
      {"\x89PNX not quite", 415, "unsupported_image"},
      {R"(<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>)", 400, "unsafe_svg"},
      {R"svg(<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="1" height="1"/></svg>)svg", 400,
       "unsafe_svg"},
      {R"(<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">)"
       R"svg(<a xlink:href="javascript:alert(1)"><rect width="1" height="1"/></a></svg>)svg",
       400, "unsafe_svg"},
  };
  for (const auto& c : cases) {
    // What a browser sends for a file named logo.png (or .svg), whatever is inside.
    auto refused = send("PUT", "/settings/logo", c.body, c.body[0] == '<' ? "image/svg+xml" : "image/png");
    EXPECT_EQ(refused.status, c.status) << c.body.substr(0, 60) << " → " << refused.body;
    EXPECT_EQ(refused.text("error.code"), c.code) << c.body.substr(0, 60);
  }
  EXPECT_EQ(host_->get(api(a_, "/settings/logo")).status, 404);  // nothing was stored
  EXPECT_TRUE(auditOf("settings.logo.").empty());
}

TEST_P(BillingSettingsTest, BrandingTakesGeneralSettingsOverYamlAndALockedYamlValueWins) {
  const std::string branding =
      "branding:\n  product_name: Partner Product\n  primary_color: \"#123456\"\n"
      "  logo_url: https://partner.example/logo.png\n";
  START_TABS({.tenant = branding});
  auto before = host_->get(api(a_, "/branding"));
  ASSERT_EQ(before.status, 200) << before.body;
  EXPECT_EQ(before.text("product_name"), "Partner Product");
  EXPECT_EQ(before.text("primary_color"), "#123456");

  ASSERT_TRUE(saved("/settings", R"({"display_name":"Acme Admin","primary_color":"#abcdef",)"
                                 R"("logo_url":"https://cdn.example/acme.png"})"));
  auto after = host_->get(api(a_, "/branding"));
  EXPECT_EQ(after.text("tenant"), a_);
  EXPECT_EQ(after.text("product_name"), "Acme Admin");
  EXPECT_EQ(after.text("primary_color"), "#abcdef");
  EXPECT_EQ(after.text("logo_url"), "https://cdn.example/acme.png");
  // A logo_url setting beats an uploaded logo.
  ASSERT_EQ(send("PUT", "/settings/logo", kPng, "image/png").status, 200);
  EXPECT_EQ(host_->get(api(a_, "/branding")).text("logo_url"), "https://cdn.example/acme.png");

  // The partner now locks the name and colour: their values win over what the admin stored.
  restartHost(TabsYaml{.general = "      display_name:\n        value: Partner Locked\n        locked: true\n"
                                  "      primary_color:\n        value: \"#000000\"\n        locked: true\n",
                       .tenant = branding});
  if (HasFatalFailure()) return;
  auto locked = host_->get(api(a_, "/branding"));
  EXPECT_EQ(locked.text("product_name"), "Partner Locked");
  EXPECT_EQ(locked.text("primary_color"), "#000000");
  EXPECT_EQ(locked.text("logo_url"), "https://cdn.example/acme.png");  // not locked: still the admin's
  auto refused = putPage("/settings", R"({"display_name":"Acme Again"})");
  EXPECT_EQ(refused.status, 403) << refused.body;
  EXPECT_EQ(refused.text("error.field"), "display_name");
}

TEST_P(BillingSettingsTest, MarketingCopyIsRenderedWithoutLettingHtmlThrough) {
  START_TABS();
  const auto html = [&] { return host_->get(api(a_, "/branding")).text("marketing_html"); };
  ASSERT_TRUE(saved("/settings", R"({"marketing_format":"plain",)"
                                 R"("marketing_copy":"Hello <script>alert(1)</script> & co\nline two\n\nSecond"})"));
  const std::string plain = html();
  EXPECT_EQ(plain.find("<script"), std::string::npos) << plain;
  EXPECT_NE(plain.find("&lt;script&gt;"), std::string::npos) << plain;
  EXPECT_NE(plain.find("&amp; co"), std::string::npos) << plain;
  EXPECT_NE(plain.find("<br"), std::string::npos) << plain;  // the single line break
  EXPECT_NE(plain.find("<p>"), std::string::npos) << plain;  // paragraphs
  EXPECT_NE(plain.find("Second"), std::string::npos) << plain;
  // Plain text: markdown is not rendered.
  ASSERT_TRUE(saved("/settings", R"({"marketing_copy":"**not bold**"})"));
  EXPECT_EQ(html().find("<strong>"), std::string::npos) << html();

  ASSERT_TRUE(saved("/settings", R"({"marketing_format":"markdown","marketing_copy":)"
                                 R"("**bold** *em* `code` <script>alert(1)</script> <img src=x onerror=alert(1)>\n\n)"
                                 R"([x](javascript:alert(1)) [ok](https://ok.example/page)\n\n- one\n- two"})"));
  const std::string md = html();
  EXPECT_NE(md.find("<strong>bold</strong>"), std::string::npos) << md;
  EXPECT_NE(md.find("<em>em</em>"), std::string::npos) << md;
  EXPECT_NE(md.find("<code>code</code>"), std::string::npos) << md;
  EXPECT_EQ(md.find("<script"), std::string::npos) << md;
  EXPECT_EQ(md.find("<img"), std::string::npos) << md;
  EXPECT_NE(md.find("&lt;script&gt;"), std::string::npos) << md;
  EXPECT_FALSE(hasJavascriptLink(md)) << md;
  EXPECT_NE(md.find("href=\"https://ok.example/page\""), std::string::npos) << md;
  EXPECT_NE(md.find("<li>one</li>"), std::string::npos) << md;
}

INSTANTIATE_TEST_SUITE_P(Drivers, BillingSettingsTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace tabhost::test
