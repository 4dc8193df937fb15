// GET /impersonation/sessions: past and current impersonations, newest
// first, read from the host's impersonations table (columns in the SDK's
// impersonation.hpp).
#include <chrono>

#include "ImpersonationRoutes.hpp"

namespace impersonation {

namespace {

using namespace tabhost::sdk;

std::int64_t number(const Json& row, const char* column) {
  const Json* value = row.find(column);
  return value && value->isInt() ? value->asInt() : 0;
}

std::string displayName(const Json& row) {
  std::string name = row.stringAt("first_name");
  if (const std::string last = row.stringAt("last_name"); !last.empty()) name += (name.empty() ? "" : " ") + last;
  return name.empty() ? row.stringAt("email") : name;
}

// One row as listed; one whose time box ran out unnoticed shows as expired then.
Json historyItem(const Json& row, std::int64_t now) {
  const bool closed = row.find("ended_s")->isInt();
  const bool expired = !closed && number(row, "expires_s") <= now;
  const std::int64_t endS = closed ? number(row, "ended_s") : expired ? number(row, "expires_s") : now;
  const bool userGone = row.find("email")->isNull();
  return Json::object({
      {"id", row.stringAt("id")},
      {"impersonator", Json::object({{"id", row.stringAt("impersonator_id")}, {"name", row.stringAt("impersonator_name")}})},
      {"user", Json::object({{"id", row.stringAt("user_id")}, {"name", userGone ? Json() : Json(displayName(row))}})},
      {"reason", row.stringAt("reason")},
      {"read_only", number(row, "read_only") != 0},
      {"active", !closed && !expired},
      {"started_at", row.stringAt("started_at")},
      {"expires_at", row.stringAt("expires_at")},
      {"ended_at", closed ? Json(row.stringAt("ended_at")) : expired ? Json(row.stringAt("expires_at")) : Json()},
      {"end_reason", closed ? Json(row.stringAt("end_reason")) : expired ? Json("expired") : Json()},
      {"duration_s", endS - number(row, "started_s")},
      {"actions", number(row, "actions")},
  });
}

Response listSessions(RequestContext& ctx) {
  const Page page = readPage(ctx);
  const std::int64_t now =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  std::string where = "1 = 1";
  Params params;
  if (const auto status = ctx.query("status")) {
    if (*status == "active") {
      where += " AND i.ended_s IS NULL AND i.expires_s > ?";
    } else if (*status == "ended") {
      where += " AND (i.ended_s IS NOT NULL OR i.expires_s <= ?)";
    } else {
      throw Error::badRequest("invalid_query", "status must be active or ended", "status");
    }
    params.push_back(now);
  }
  for (const char* column : {"user_id", "impersonator_id"})
    if (const auto value = ctx.query(column)) {
      where += std::string(" AND i.") + column + " = ?";
      params.push_back(*value);
    }
  if (page.after) {
    if (!page.after->sortValue.isInt() || !page.after->id.isString())
      throw Error::badRequest("invalid_cursor", "the cursor is not one of this list's", "cursor");
    where += " AND (i.started_s < ? OR (i.started_s = ? AND i.id < ?))";
    params.push_back(page.after->sortValue);
    params.push_back(page.after->sortValue);
    params.push_back(page.after->id);
  }
  params.push_back(page.limit + 1);
  const auto rows = ctx.db().query(
      "SELECT i.*, u.first_name, u.last_name, u.email FROM impersonations i LEFT JOIN users u ON u.id = i.user_id "
      "WHERE " + where + " ORDER BY i.started_s DESC, i.id DESC LIMIT ?",
      params);
  Json items = Json::array();
  for (std::size_t i = 0; i < rows.size() && i < static_cast<std::size_t>(page.limit); ++i)
    items.push_back(historyItem(rows[i], now));
  Json next;
  if (rows.size() > static_cast<std::size_t>(page.limit)) {
    const Json& last = rows[static_cast<std::size_t>(page.limit) - 1];
    next = encodeCursor({*last.find("started_s"), *last.find("id")});
  }
  return Response::json(Json::object({{"items", std::move(items)}, {"next_cursor", std::move(next)}}));
}

}  // namespace

void registerHistoryRoutes(Registrar& r) {
  r.route(Method::Get, "/impersonation/sessions", Access::require("audit.read"), listSessions);
}

}  // namespace impersonation
