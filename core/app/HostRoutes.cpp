#include "core/app/HostRoutes.hpp"

#include <algorithm>

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

namespace tabhost::core {

namespace {

sdk::Json textOrNull(const std::string& text) { return text.empty() ? sdk::Json() : sdk::Json(text); }

}  // namespace

sdk::Json tabsFor(const Runtime& runtime, const ConfigSnapshot& config, const TenantConfig& tenant) {
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

void registerHostRoutes(Runtime& runtime, Registrations& registry) {
  TaggedLogger logger("plugin=" + kHostOwner);
  PluginRegistrar host(kHostOwner, registry, logger);

  host.route(sdk::Method::Get, "/branding", sdk::Access::publicRoute(),
             [](sdk::RequestContext& ctx) { return sdk::Response::json(brandingFor(stateOf(ctx))); });

  host.route(sdk::Method::Get, "/tabs", sdk::Access::authenticated(), [&runtime](sdk::RequestContext& ctx) {
    RequestState& state = stateOf(ctx);
    return sdk::Response::json(sdk::Json::object({{"tabs", tabsFor(runtime, *state.config, state.tenantConfig)}}));
  });

  host.route(sdk::Method::Get, "/me", sdk::Access::authenticated(), [&runtime](sdk::RequestContext& ctx) {
    RequestState& state = stateOf(ctx);
    const auto account = accountOf(state, state.principal.id);
    if (!account) throw sdk::Error::unauthorized();
    sdk::Json body = sdk::Json::object({
        {"user", accountJson(*account)},
        {"via", state.credential == RequestState::Credential::Token ? "token" : "session"},
        {"permissions", sdk::Json::strings(state.principal.permissions)},
        {"branding", brandingFor(state)},
        {"tabs", tabsFor(runtime, *state.config, state.tenantConfig)},
        {"impersonation", impersonationBanner(state)},
        {"password_change_required", state.passwordChangeRequired},
    });
    if (state.credential == RequestState::Credential::Session) body["csrf_token"] = csrfTokenFor(state.sessionId);
    return sdk::Response::json(std::move(body));
  });

  registerAuthRoutes(host);
  registerDashboardRoute(runtime, host);
  registerAuditRoutes(host, [&runtime](const std::string& tenantId, sdk::Database& tenantDb) {
    return verifyTenantAudit(runtime.databases(), runtime.identity().keys, tenantId, tenantDb);
  });

  registry.absorb(std::move(host.staged()));
}

}  // namespace tabhost::core
