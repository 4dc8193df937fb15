#include "core/app/Dashboard.hpp"

#include "core/app/Runtime.hpp"
#include "core/audit/AuditRoutes.hpp"
#include "core/http/RequestContextImpl.hpp"
#include "core/log/Logging.hpp"

namespace tabhost::core {

namespace {

constexpr int kActivityEntries = 20;

// One card; a card that fails shows its error instead of taking the whole
// dashboard down with it (one plugin's bug is not every plugin's outage).
sdk::Json cardJson(RequestState& state, const RegisteredStatCard& registered) {
  const sdk::StatCardSpec& card = registered.card;
  sdk::Json shown = sdk::Json::object({{"plugin", registered.plugin}, {"id", card.id}, {"label", card.label}});
  PluginRequestContext context(state, registered.plugin);
  sdk::Outcome outcome = card.compute(context);
  if (outcome.ok) {
    shown["value"] = std::move(outcome.response.body);
    return shown;
  }
  if (outcome.status >= 500)
    hostLog().error("request_id={} tenant={} plugin={} stat card {} failed: {}", state.requestId, state.tenant.id,
                    registered.plugin, card.id, outcome.detail.empty() ? outcome.message : outcome.detail);
  shown["value"] = sdk::Json();
  shown["error"] = outcome.code;
  return shown;
}

}  // namespace

void registerDashboardRoute(Runtime& runtime, sdk::Registrar& host) {
  host.route(sdk::Method::Get, "/dashboard", sdk::Access::authenticated(), [&runtime](sdk::RequestContext& ctx) {
    RequestState& state = stateOf(ctx);
    sdk::Json cards = sdk::Json::array();
    for (const auto& registered : runtime.registry().statCards) {
      if (!runtime.enabledFor(*state.config, state.tenantConfig, registered.plugin)) continue;
      if (!registered.card.permission.empty() && !state.principal.can(registered.card.permission)) continue;
      cards.push_back(cardJson(state, registered));
    }
    const bool seesActivity = state.principal.can("audit.read");
    return sdk::Response::json(sdk::Json::object({
        {"cards", std::move(cards)},
        {"activity", seesActivity ? recentActivity(ctx, kActivityEntries, runtime.registry()) : sdk::Json()},
    }));
  });
}

}  // namespace tabhost::core
