#include "core/audit/AuditRoutes.hpp"

#include "core/json/JsonCodec.hpp"
#include "tabhost/sdk/error.hpp"
#include "tabhost/sdk/pagination.hpp"
#include "tabhost/sdk/time.hpp"

namespace tabhost::core {

namespace {

std::string text(const sdk::Json& row, const char* column) {
  const sdk::Json* v = row.find(column);
  return v && v->isString() ? v->asString() : std::string();
}

// An entry as the API shows it. Erased changes (a deleted user's personal
// data) show as "erased".
sdk::Json entryJson(const sdk::Json& row) {
  const sdk::Json* changes = row.find("changes");
  sdk::Json shownChanges = changes && changes->isString() ? parseJsonText(changes->asString())
                           : text(row, "changes_commitment").empty() ? sdk::Json::array()
                                                                     : sdk::Json("erased");
  return sdk::Json::object({
      {"seq", *row.find("seq")},
      {"at", text(row, "at")},
      {"category", text(row, "category")},
      {"action", text(row, "action")},
      {"plugin", text(row, "plugin")},
      {"actor", sdk::Json::object({{"type", text(row, "actor_type")}, {"id", text(row, "actor_id")}})},
      {"impersonator_id", text(row, "impersonator_id").empty() ? sdk::Json() : sdk::Json(text(row, "impersonator_id"))},
      {"via", text(row, "via")},
      {"target", sdk::Json::object({{"type", text(row, "target_type")}, {"id", text(row, "target_id")}})},
      {"metadata", parseJsonText(text(row, "metadata"))},
      {"changes", std::move(shownChanges)},
      {"request_id", text(row, "request_id")},
      {"client_address", text(row, "client_address")},
      {"user_agent", text(row, "user_agent")},
  });
}

std::string timeFilter(const sdk::RequestContext& ctx, const char* name) {
  auto value = ctx.query(name);
  if (!value) return {};
  auto instant = sdk::parseUtc(*value);
  if (!instant)
    throw sdk::Error::badRequest("invalid_input", std::string(name) + " must be a UTC time like 2026-11-22T10:00:00Z",
                                 name);
  return sdk::formatUtc(*instant);
}

sdk::Response listEntries(sdk::RequestContext& ctx) {
  const sdk::Page page = sdk::readPage(ctx);
  std::string where = "1 = 1";
  sdk::Params params;
  const auto exact = [&](const char* query, const char* column) {
    if (auto value = ctx.query(query)) {
      where += std::string(" AND ") + column + " = ?";
      params.emplace_back(*value);
    }
  };
  exact("actor", "actor_id");
  exact("target_type", "target_type");
  exact("target_id", "target_id");
  exact("category", "category");
  exact("via", "via");
  if (auto action = ctx.query("action")) {
    // A prefix: "users." matches every users action.
    where += " AND substr(action, 1, CAST(? AS INTEGER)) = ?";
    params.emplace_back(static_cast<std::int64_t>(action->size()));
    params.emplace_back(*action);
  }
  if (auto since = timeFilter(ctx, "since"); !since.empty()) {
    where += " AND at >= ?";
    params.emplace_back(since);
  }
  if (auto until = timeFilter(ctx, "until"); !until.empty()) {
    where += " AND at < ?";
    params.emplace_back(until);
  }
  if (page.after) {
    if (!page.after->id.isInt()) throw sdk::Error::badRequest("invalid_cursor", "cursor is not one this API returned", "cursor");
    where += " AND seq < ?";
    params.emplace_back(page.after->id);
  }
  params.emplace_back(page.limit + 1);
  std::vector<sdk::Json> entries;
  for (const auto& row : ctx.db().query("SELECT * FROM audit_log WHERE " + where + " ORDER BY seq DESC LIMIT ?", params))
    entries.push_back(entryJson(row));
  return sdk::Response::json(sdk::pageBody(std::move(entries), page, "seq", "seq"));
}

sdk::Response history(sdk::RequestContext& ctx) {
  // "/companies/42/history" finds entries about target type "companies" or "company".
  const std::string resource = *ctx.param("resource");
  const std::string singular = resource.size() > 1 && resource.back() == 's' ? resource.substr(0, resource.size() - 1)
                                                                              : resource;
  sdk::Json entries = sdk::Json::array();
  for (const auto& row : ctx.db().query(
           "SELECT * FROM audit_log WHERE target_type IN (?, ?) AND target_id = ? ORDER BY seq LIMIT 1000",
           {resource, singular, *ctx.param("id")}))
    entries.push_back(entryJson(row));
  return sdk::Response::json(sdk::Json::object({{"items", std::move(entries)}}));
}

}  // namespace

void registerAuditRoutes(sdk::Registrar& host, std::function<AuditVerdict(const std::string&)> verify) {
  const auto access = sdk::Access::require("audit.read");
  host.route(sdk::Method::Get, "/audit", access, listEntries);
  host.route(sdk::Method::Get, "/audit/verify", access, [verify = std::move(verify)](sdk::RequestContext& ctx) {
    return sdk::Response::json(verify(ctx.tenant().id).toJson());
  });
  host.route(sdk::Method::Get, "/{resource}/{id}/history", access, history);
}

}  // namespace tabhost::core
