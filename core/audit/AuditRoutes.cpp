#include "core/audit/AuditRoutes.hpp"

#include <memory>
#include <string_view>

#include "core/audit/AuditNarration.hpp"
#include "core/json/JsonCodec.hpp"
#include "core/storage/RowFields.hpp"
#include "tabhost/sdk/csv.hpp"
#include "tabhost/sdk/error.hpp"
#include "tabhost/sdk/pagination.hpp"
#include "tabhost/sdk/time.hpp"

namespace tabhost::core {

namespace {

// An entry as the API shows it. Erased changes (a deleted user's personal
// data) show as "erased".
sdk::Json entryJson(const sdk::Json& row) {
  const sdk::Json* changes = row.find("changes");
  sdk::Json shownChanges = changes && changes->isString() ? parseJsonText(changes->asString())
                           : textField(row, "changes_commitment").empty() ? sdk::Json::array()
                                                                     : sdk::Json("erased");
  return sdk::Json::object({
      {"seq", *row.find("seq")},
      {"at", textField(row, "at")},
      {"category", textField(row, "category")},
      {"action", textField(row, "action")},
      {"plugin", textField(row, "plugin")},
      {"actor", sdk::Json::object({{"type", textField(row, "actor_type")}, {"id", textField(row, "actor_id")}})},
      {"impersonator_id", textField(row, "impersonator_id").empty() ? sdk::Json() : sdk::Json(textField(row, "impersonator_id"))},
      {"via", textField(row, "via")},
      {"target", sdk::Json::object({{"type", textField(row, "target_type")}, {"id", textField(row, "target_id")}})},
      {"metadata", parseJsonText(textField(row, "metadata"))},
      {"changes", std::move(shownChanges)},
      {"request_id", textField(row, "request_id")},
      {"client_address", textField(row, "client_address")},
      {"user_agent", textField(row, "user_agent")},
  });
}

const sdk::Json* jsonAtPath(const sdk::Json& json, const char* outer, const char* inner) {
  const sdk::Json* o = json.find(outer);
  return o ? o->find(inner) : nullptr;
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

// The WHERE clause (and its parameters) of the query-string filters shared
// by the list and the export.
struct AuditFilter {
  std::string where = "1 = 1";
  sdk::Params params;
};

AuditFilter readFilter(const sdk::RequestContext& ctx) {
  AuditFilter f;
  const auto exact = [&](const char* query, const char* column) {
    if (auto value = ctx.query(query)) {
      f.where += std::string(" AND ") + column + " = ?";
      f.params.emplace_back(*value);
    }
  };
  exact("actor", "actor_id");
  exact("target_type", "target_type");
  exact("target_id", "target_id");
  exact("category", "category");
  exact("via", "via");
  if (auto action = ctx.query("action")) {
    // A prefix: "users." matches every users action.
    f.where += " AND substr(action, 1, CAST(? AS INTEGER)) = ?";
    f.params.emplace_back(static_cast<std::int64_t>(action->size()));
    f.params.emplace_back(*action);
  }
  if (auto since = timeFilter(ctx, "since"); !since.empty()) {
    f.where += " AND at >= ?";
    f.params.emplace_back(since);
  }
  if (auto until = timeFilter(ctx, "until"); !until.empty()) {
    f.where += " AND at < ?";
    f.params.emplace_back(until);
  }
  return f;
}

// Entries of `filter` older than `beforeSeq` (0: from the newest), newest first.
std::vector<sdk::Json> entriesBefore(sdk::RequestContext& ctx, const AuditFilter& filter, std::int64_t beforeSeq,
                                     int limit) {
  std::string where = filter.where;
  sdk::Params params = filter.params;
  if (beforeSeq > 0) {
    where += " AND seq < ?";
    params.emplace_back(beforeSeq);
  }
  params.emplace_back(limit);
  std::vector<sdk::Json> entries;
  for (const auto& row : ctx.db().query("SELECT * FROM audit_log WHERE " + where + " ORDER BY seq DESC LIMIT ?", params))
    entries.push_back(entryJson(row));
  return entries;
}

// Narrated like the activity feed, so the dashboard's audit view reads each
// entry as a sentence with names (the export keeps the raw ids only).
sdk::Response listEntries(sdk::RequestContext& ctx, const Registrations& registry) {
  const sdk::Page page = sdk::readPage(ctx);
  if (page.after && !page.after->id.isInt())
    throw sdk::Error::badRequest("invalid_cursor", "cursor is not one this API returned", "cursor");
  auto entries = entriesBefore(ctx, readFilter(ctx), page.after ? page.after->id.asInt() : 0, page.limit + 1);
  narrateEntries(ctx, registry, entries);
  return sdk::Response::json(sdk::pageBody(std::move(entries), page, "seq", "seq"));
}

constexpr const char* kCsvColumns[] = {"seq",       "at",          "category",  "action",   "plugin",
                                       "actor_type", "actor_id",   "impersonator_id", "via", "target_type",
                                       "target_id", "metadata",    "changes",   "request_id", "client_address",
                                       "user_agent"};

std::string csvRow(const sdk::Json& e) {
  const auto field = [&](const char* column) -> std::string {
    const std::string name(column);
    const sdk::Json* v = nullptr;
    if (name == "actor_type") v = jsonAtPath(e, "actor", "type");
    else if (name == "actor_id") v = jsonAtPath(e, "actor", "id");
    else if (name == "target_type") v = jsonAtPath(e, "target", "type");
    else if (name == "target_id") v = jsonAtPath(e, "target", "id");
    else v = e.find(name);
    if (!v || v->isNull()) return {};
    if (v->isString()) return v->asString();
    return toJsonText(*v);
  };
  std::string line;
  for (const char* column : kCsvColumns) {
    if (!line.empty()) line += ',';
    sdk::appendCsvField(line, field(column));
  }
  return line + "\r\n";
}

// Streams the filtered log page by page: memory stays flat however long it is.
sdk::Response exportEntries(sdk::RequestContext& ctx) {
  const std::string format = ctx.query("format").value_or("ndjson");
  if (format != "ndjson" && format != "csv")
    throw sdk::Error::badRequest("invalid_input", "format must be csv or ndjson", "format");
  const bool csv = format == "csv";
  struct Cursor {
    AuditFilter filter;
    std::int64_t before = 0;
    bool header = true;
  };
  auto cursor = std::make_shared<Cursor>(Cursor{readFilter(ctx)});
  auto response = sdk::Response::streamed(
      csv ? "text/csv; charset=utf-8" : "application/x-ndjson", [&ctx, csv, cursor](std::string& out) {
        if (csv && cursor->header) {
          for (const char* column : kCsvColumns) out.append(out.empty() ? "" : ",").append(column);
          out += "\r\n";
          cursor->header = false;
        }
        constexpr int kPage = 500;
        const auto entries = entriesBefore(ctx, cursor->filter, cursor->before, kPage);
        for (const auto& e : entries) {
          if (csv) out += csvRow(e);
          else out.append(toJsonText(e)).append("\n");
        }
        if (!entries.empty()) cursor->before = entries.back().find("seq")->asInt();
        return entries.size() == static_cast<std::size_t>(kPage);
      });
  // "audit-northwind-2026-11-22.csv": whose log, and when it was taken. Tenant
  // ids are lower-case letters, digits and '-': nothing a header must quote.
  const std::string day = sdk::formatUtc(sdk::now()).substr(0, 10);
  response.headers.emplace_back("Content-Disposition", "attachment; filename=\"audit-" + ctx.tenant().id + "-" + day +
                                                           (csv ? ".csv" : ".ndjson") + "\"");
  return response;
}

sdk::Response history(sdk::RequestContext& ctx, const Registrations& registry) {
  // "/companies/42/history" finds entries about target type "companies" or "company".
  const std::string resource = *ctx.param("resource");
  std::string singular = resource;
  if (singular.size() > 3 && singular.ends_with("ies")) singular.replace(singular.size() - 3, 3, "y");
  else if (singular.size() > 1 && singular.back() == 's') singular.pop_back();
  std::vector<sdk::Json> entries;
  for (const auto& row : ctx.db().query(
           "SELECT * FROM audit_log WHERE target_type IN (?, ?) AND target_id = ? ORDER BY seq LIMIT 1000",
           {resource, singular, *ctx.param("id")}))
    entries.push_back(entryJson(row));
  narrateEntries(ctx, registry, entries);
  sdk::Json items = sdk::Json::array();
  for (auto& e : entries) items.push_back(std::move(e));
  return sdk::Response::json(sdk::Json::object({{"items", std::move(items)}}));
}

}  // namespace

sdk::Json recentActivity(sdk::RequestContext& ctx, int limit, const Registrations& registry) {
  auto entries = entriesBefore(ctx, AuditFilter{}, 0, limit);
  narrateEntries(ctx, registry, entries);
  sdk::Json feed = sdk::Json::array();
  for (auto& entry : entries) {
    sdk::Json item = sdk::Json::object();
    for (const char* key :
         {"seq", "at", "action", "summary", "plugin", "actor", "impersonator_id", "impersonator_name", "via", "target"})
      item[key] = std::move(entry[key]);
    feed.push_back(std::move(item));
  }
  return feed;
}

void registerAuditRoutes(sdk::Registrar& host, AuditVerification verify, const Registrations& registry) {
  const auto access = sdk::Access::require("audit.read");
  host.route(sdk::Method::Get, "/audit", access,
             [&registry](sdk::RequestContext& ctx) { return listEntries(ctx, registry); });
  host.route(sdk::Method::Get, "/audit/export", access, exportEntries);
  host.route(sdk::Method::Get, "/audit/verify", access, [verify = std::move(verify)](sdk::RequestContext& ctx) {
    return sdk::Response::json(verify(ctx.tenant().id, ctx.db()).toJson());
  });
  host.route(sdk::Method::Get, "/{resource}/{id}/history", access,
             [&registry](sdk::RequestContext& ctx) { return history(ctx, registry); });
}

}  // namespace tabhost::core
