#include "core/app/HostRoutes.hpp"

#include <algorithm>

#include "core/app/Runtime.hpp"
#include "core/log/Logging.hpp"
#include "core/plugins/PluginRegistrar.hpp"

namespace tabhost::core {

namespace {

RequestState& stateOf(sdk::RequestContext& ctx) { return static_cast<PluginRequestContext&>(ctx).state(); }

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

void registerHostRoutes(Runtime& runtime, Registrations& registry) {
  TaggedLogger logger("plugin=" + kHostOwner);
  PluginRegistrar host(kHostOwner, registry, logger);

  host.route(sdk::Method::Get, "/branding", sdk::Access::publicRoute(), [](sdk::RequestContext& ctx) {
    const TenantConfig& tenant = stateOf(ctx).tenantConfig;
    const Branding& b = tenant.branding;
    return sdk::Response::json(sdk::Json::object({
        {"tenant", tenant.id},
        {"product_name", b.productName.empty() ? tenant.name : b.productName},
        {"logo_url", textOrNull(b.logoUrl)},
        {"primary_color", textOrNull(b.primaryColor)},
        {"support_email", textOrNull(b.supportEmail)},
    }));
  });

  // Public until identity lands: then each tab is filtered by permission.
  host.route(sdk::Method::Get, "/tabs", sdk::Access::publicRoute(), [&runtime](sdk::RequestContext& ctx) {
    RequestState& state = stateOf(ctx);
    return sdk::Response::json(sdk::Json::object({{"tabs", tabsFor(runtime, *state.config, state.tenantConfig)}}));
  });

  registry.absorb(std::move(host.staged()));
}

}  // namespace tabhost::core
