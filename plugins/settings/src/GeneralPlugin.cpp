// The settings plugin — tab "General": the tenant's display name, logo,
// primary colour, default plan for new users and marketing copy, within
// what the tenant's YAML leaves open (a locked setting stays the partner's).
//
//   GET|PUT /settings          the General settings page (host-served)   settings.read | settings.write
//   PUT|GET|DELETE /settings/logo, GET /settings/logo/details
//                              the uploaded logo (LogoRoutes.hpp)
//   POST /settings/marketing-preview                                      settings.read
//        {marketing_copy, marketing_format} -> {html}: the copy as the branding would serve
//        it (marketing_html), for the General tab's preview before saving; it stores
//        nothing, so it is not audited
//
// These settings override the YAML branding (GET /branding, /me, mail)
// through a branding source.
//
// The General tab (ui/src, TypeScript and Lit, <tabhost-general>) draws this
// page with the shell's settings form and adds the logo upload, the colour's
// preview and the copy's preview around it.
#include "LogoRoutes.hpp"
#include "SafeMarkdown.hpp"

namespace settings {

namespace {

using namespace tabhost::sdk;

constexpr std::size_t kMaxDisplayName = 80;
constexpr std::size_t kMaxMarketingCopy = 5000;

std::size_t characters(const std::string& text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

void checkCopyLength(const std::string& copy) {
  if (characters(copy) > kMaxMarketingCopy)
    throw Error::badRequest("invalid_setting", "marketing_copy: at most 5000 characters", "marketing_copy");
}

// The one way copy becomes the HTML the branding serves, and the preview shows.
std::string marketingHtml(const std::string& copy, const std::string& format) {
  return format == "markdown" ? markdownHtml(copy) : plainTextHtml(copy);
}

void checkGeneral(RequestContext& ctx, const Json& proposed) {
  const Json* name = proposed.find("display_name");
  if (name && name->isString() &&
      (name->asString().empty() || characters(name->asString()) > kMaxDisplayName ||
       hasControlCharacter(name->asString())))
    throw Error::badRequest("invalid_setting", "display_name: 1 to 80 characters on one line (null: the YAML's)",
                            "display_name");
  checkCopyLength(proposed.stringAt("marketing_copy"));
  const std::string plan = proposed.stringAt("default_user_plan");
  if (plan.empty()) return;
  // Billing, when enabled for the tenant, owns the catalog; without it any plan id stands.
  try {
    ctx.emit("billing.plan.check", Json::object({{"plan_id", plan}}));
  } catch (const Error& e) {
    throw Error(e.status(), e.code(), "default_user_plan: " + e.message(), "default_user_plan");
  }
}

Json branding(RequestContext& ctx) {
  const Json& s = ctx.settings();
  const auto orNull = [](const std::string& value) { return value.empty() ? Json() : Json(value); };
  std::string logo = s.stringAt("logo_url");
  if (logo.empty()) logo = uploadedLogoUrl(ctx).value_or("");
  const std::string copy = s.stringAt("marketing_copy");
  Json marketing;
  if (!copy.empty()) marketing = marketingHtml(copy, s.stringAt("marketing_format"));
  return Json::object({{"product_name", orNull(s.stringAt("display_name"))},
                       {"logo_url", orNull(logo)},
                       {"primary_color", orNull(s.stringAt("primary_color"))},
                       {"marketing_html", marketing}});
}

Response marketingPreview(RequestContext& ctx) {
  const Json& body = objectBody(ctx);
  const std::string copy = optionalString(body, "marketing_copy").value_or("");
  const std::string format = optionalString(body, "marketing_format").value_or("plain");
  if (format != "plain" && format != "markdown")
    throw Error::badRequest("invalid_setting", "marketing_format: plain or markdown", "marketing_format");
  checkCopyLength(copy);
  return Response::json(Json::object({{"html", marketingHtml(copy, format)}}));
}

class GeneralPlugin final : public Plugin {
 public:
  Manifest manifest() const override {
    Manifest m;
    m.id = "settings";
    m.name = "General settings";
    m.version = "1.0.0";
    m.description = "The tenant's name, logo, colour, default plan and marketing copy.";
    m.tabTitle = "General";
    m.tabIcon = "settings";
    m.tabOrder = 90;
    m.permissions = {{"settings.read", "See the tenant's general settings", "supervisor"},
                     {"settings.write", "Change the tenant's general settings and logo", "admin"}};
    SettingField logo = settingField("logo_url", SettingType::Url, "Logo image URL (https); overrides an upload");
    logo.pattern = "https://.*";
    SettingField color = settingField("primary_color", SettingType::String, "#rgb or #rrggbb");
    color.pattern = "#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})";
    SettingField format = settingField("marketing_format", SettingType::Enum, "How marketing_copy is written",
                                       Json("plain"));
    format.choices = {"plain", "markdown"};
    SettingField maxLogo = settingField("logo_max_bytes", SettingType::Int, "Largest logo upload, in bytes",
                                        Json(256 * 1024));
    maxLogo.min = 1024;
    maxLogo.max = 5 * 1024 * 1024;
    m.settings = {settingField("display_name", SettingType::String, "The product's name as users see it"),
                  logo,
                  color,
                  settingField("default_user_plan", SettingType::String, "Plan id new users get (billing's catalog)"),
                  settingField("marketing_copy", SettingType::String, "Text for the sign-in page (5000 characters)"),
                  format,
                  maxLogo};
    return m;
  }

  void start(Registrar& r) override {
    r.settingsPage({"general", "General", "/settings", "settings.read", "settings.write",
                    {"display_name", "logo_url", "primary_color", "default_user_plan", "marketing_copy",
                     "marketing_format"},
                    {}},
                   checkGeneral);
    r.brandingSource(branding);
    r.on("billing.plan.removing", [](RequestContext& ctx, const Json& payload) {
      if (ctx.settings().stringAt("default_user_plan") == payload.find("plan_id")->asString())
        throw Error::conflict("plan_in_use", "the plan is the default for new users (General settings)");
    });
    registerLogoRoutes(r);
    r.route(Method::Post, "/settings/marketing-preview", Access::require("settings.read"), marketingPreview);
    r.tabUi(embeddedUi(), "tabhost-general", "tab.js");
  }
};

}  // namespace

}  // namespace settings

TABHOST_PLUGIN(settings::GeneralPlugin, "settings", "1.0.0")
