#include "core/app/HostRoutes.hpp"

#include <algorithm>

#include <Poco/URI.h>

#include "core/app/Dashboard.hpp"
#include "core/app/Runtime.hpp"
#include "core/audit/AuditCheckpoints.hpp"
#include "core/audit/AuditRoutes.hpp"
#include "core/config/TenantBranding.hpp"
#include "core/identity/Accounts.hpp"
#include "core/identity/AuthRoutes.hpp"
#include "core/identity/Authenticator.hpp"
#include "core/identity/Impersonations.hpp"
#include "core/identity/Sessions.hpp"
#include "tabhost/sdk/error.hpp"
#include "core/log/Logging.hpp"
#include "core/plugins/PluginRegistrar.hpp"
#include "core/web/ShellUi.hpp"

namespace tabhost::core {

namespace {

sdk::Json textOrNull(const std::string& text) { return text.empty() ? sdk::Json() : sdk::Json(text); }

// Where the dashboard lives for this request: "/t/{tenant}/", or "/" when
// the tenant was reached by its own domain. Decoded as the pipeline decoded
// it to find the tenant ("/t/%64emo/" is "/t/demo/").
std::string dashboardBase(const RequestState& state) {
  const std::string prefix = "/t/" + state.tenantConfig.id + "/";
  std::string path;
  Poco::URI::decode(state.http.getURI().substr(0, state.http.getURI().find('?')), path);
  return path.rfind(prefix, 0) == 0 ? prefix : "/";
}

// The contract version of the context the shell gives a tab (sdk/ui).
constexpr std::int64_t kTabContract = 1;

sdk::Json tabUiJson(const Runtime& runtime, const std::string& base, const std::string& plugin) {
  const RegisteredTabUi* ui = runtime.registry().tabUiOf(plugin);
  if (!ui) return sdk::Json();
  return sdk::Json::object({{"element", ui->spec.element},
                            {"module_url", runtime.uiAssets().url(base, plugin, ui->spec.module)},
                            {"contract", kTabContract}});
}

sdk::Json settingsPagesJson(const Runtime& runtime, const RequestState& state, const std::string& plugin) {
  sdk::Json pages = sdk::Json::array();
  for (const auto& page : runtime.registry().settingsPages)
    if (page.plugin == plugin && state.principal.can(page.spec.readPermission))
      pages.push_back(
          sdk::Json::object({{"id", page.spec.id}, {"title", page.spec.title}, {"path", page.spec.path}}));
  return pages;
}

}  // namespace

sdk::Json tabsFor(const Runtime& runtime, const RequestState& state) {
  const ConfigSnapshot& config = *state.config;
  const TenantConfig& tenant = state.tenantConfig;
  const std::string base = dashboardBase(state);
  std::vector<const PluginRecord*> ordered;
  for (const auto& p : tenant.plugins)
    if (const PluginRecord* r = runtime.plugins().find(p.id)) ordered.push_back(r);
  std::vector<const PluginRecord*> rest;
  for (const auto& r : runtime.plugins().records())
    if (r.loaded() && !tenant.plugin(r.id)) rest.push_back(&r);
  std::stable_sort(rest.begin(), rest.end(), [](const PluginRecord* a, const PluginRecord* b) {
    return a->manifest->tabOrder < b->manifest->tabOrder;
  });
  ordered.insert(ordered.end(), rest.begin(), rest.end());

  sdk::Json tabs = sdk::Json::array();
  for (const PluginRecord* r : ordered) {
    const sdk::Manifest& m = *r->manifest;
    if (m.tabTitle.empty() || !runtime.enabledFor(config, tenant, r->id)) continue;
    const TenantPluginConfig* own = tenant.plugin(r->id);
    tabs.push_back(sdk::Json::object({
        {"id", r->id},
        {"title", own && own->title ? *own->title : m.tabTitle},
        {"icon", own && own->icon ? *own->icon : m.tabIcon},
        {"ui", tabUiJson(runtime, base, r->id)},
        {"settings_pages", settingsPagesJson(runtime, state, r->id)},
    }));
  }
  return tabs;
}

sdk::Json brandingFor(RequestState& state) {
  const sdk::Branding& b = state.branding();
  const sdk::Json* marketing = state.brandingOverrides().find("marketing_html");
  return sdk::Json::object({
      {"tenant", state.tenantConfig.id},
      {"product_name", b.productName},
      {"logo_url", textOrNull(b.logoUrl)},
      {"primary_color", textOrNull(b.primaryColor)},
      {"support_email", textOrNull(b.supportEmail)},
      {"marketing_html", marketing ? *marketing : sdk::Json()},
  });
}

namespace {

// Who is signed in, as GET /me answers: user, permissions, tenant, branding,
// tabs, impersonation, and a cookie session's CSRF token.
sdk::Json meBody(const Runtime& runtime, RequestState& state) {
  const auto account = accountOf(state, state.principal.id);
  if (!account) throw sdk::Error::unauthorized();
  sdk::Json body = sdk::Json::object({
      {"user", accountJson(*account)},
      {"via", state.credential == RequestState::Credential::Token ? "token" : "session"},
      {"permissions", sdk::Json::strings(state.principal.permissions)},
      {"tenant", sdk::Json::object({{"id", state.tenantConfig.id}, {"name", state.tenantConfig.name}})},
      {"branding", brandingFor(state)},
      {"tabs", tabsFor(runtime, state)},
      {"impersonation", impersonationBanner(state)},
      {"password_change_required", state.passwordChangeRequired},
  });
  if (state.credential == RequestState::Credential::Session) body["csrf_token"] = csrfTokenFor(state.sessionId);
  return body;
}

}  // namespace

void registerHostRoutes(Runtime& runtime, Registrations& registry) {
  TaggedLogger logger("plugin=" + kHostOwner);
  PluginRegistrar host(kHostOwner, registry, logger);
  // The dashboard shell: served like a plugin's UI, at /ui/tabhost/.
  for (const sdk::UiFile& file : shellUi()) host.asset(file.path, file.contentType, file.bytes);

  host.route(sdk::Method::Get, "/branding", sdk::Access::publicRoute(),
             [](sdk::RequestContext& ctx) { return sdk::Response::json(brandingFor(stateOf(ctx))); });

  host.route(sdk::Method::Get, "/tabs", sdk::Access::authenticated(), [&runtime](sdk::RequestContext& ctx) {
    RequestState& state = stateOf(ctx);
    return sdk::Response::json(sdk::Json::object({{"tabs", tabsFor(runtime, state)}}));
  });

  host.route(sdk::Method::Get, "/me", sdk::Access::authenticated(), [&runtime](sdk::RequestContext& ctx) {
    return sdk::Response::json(meBody(runtime, stateOf(ctx)));
  });
  // The dashboard's first question, answered 200 either way: a browser logs
  // every 401 as an error, and a signed-out visitor is no error.
  host.route(sdk::Method::Get, "/auth/session", sdk::Access::publicRoute(), [&runtime](sdk::RequestContext& ctx) {
    RequestState& state = stateOf(ctx);
    if (!state.principal.authenticated())
      return sdk::Response::json(sdk::Json::object({{"signed_in", false}, {"branding", brandingFor(state)}}));
    sdk::Json body = meBody(runtime, state);
    body["signed_in"] = true;
    return sdk::Response::json(std::move(body));
  });

  registerAuthRoutes(host);
  registerDashboardRoute(runtime, host);
  registerAuditRoutes(
      host,
      [&runtime](const std::string& tenantId, sdk::Database& tenantDb) {
        return verifyTenantAudit(runtime.databases(), runtime.identity().keys, tenantId, tenantDb);
      },
      registry);

  registry.absorb(std::move(host.staged()));
}

}  // namespace tabhost::core
