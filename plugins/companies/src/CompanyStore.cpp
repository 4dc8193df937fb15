#include "CompanyStore.hpp"

namespace companies {

using tabhost::sdk::Error;
using tabhost::sdk::Json;

const char* const kRowColumns =
    "c.id, c.name, c.domain, c.status, c.logo_url, c.description, c.industry, c.website, c.support_email, "
    "c.support_phone, c.support_hours, c.street, c.city, c.region, c.postal_code, c.country, c.size, c.call_tree, "
    "c.call_tree_verified, c.followers_count, c.review_reason, c.created_at, c.updated_at";

namespace {

// Rows per INSERT: many rows per statement cost one parse and one round
// trip; 18 parameters each stays far below both drivers' limits.
constexpr std::size_t kRowsPerInsert = 100;

// The value bound for field `index` (the flag is an integer column).
tabhost::sdk::Param bound(std::size_t index, std::string text) {
  if (kFields[index].kind == FieldKind::Flag) return Json(text == "true" ? 1 : 0);
  if (index == kStatus && text.empty()) return Json("pending");
  return Json(std::move(text));
}

}  // namespace

std::int64_t companyId(const tabhost::sdk::RequestContext& ctx) {
  const std::string text = ctx.param("id").value_or("");
  std::int64_t id = 0;
  bool ok = !text.empty() && text.size() <= 18 && text[0] != '0';
  for (char c : text) {
    ok = ok && c >= '0' && c <= '9';
    if (ok) id = id * 10 + (c - '0');
  }
  if (!ok) throw Error::notFound("company_not_found", "no company " + text);
  return id;
}

Json companyRow(tabhost::sdk::Database& db, std::int64_t id) {
  auto rows = db.query(std::string("SELECT ") + kRowColumns + " FROM companies c WHERE c.id = ?", {id});
  if (rows.empty()) throw Error::notFound("company_not_found", "no company " + std::to_string(id));
  return std::move(rows.front());
}

Json companyJson(tabhost::sdk::RequestContext& ctx, Json row) {
  // A search page shows fifty of these, so the members are built in place
  // (no lookups in the growing object) and the row's texts are moved, not copied.
  auto& columns = row.asObject();
  // kRowColumns' order, from the id on (a search puts its rank first).
  std::size_t base = 0;
  while (base < columns.size() && columns[base].first != "id") ++base;
  const auto column = [&](std::size_t at, std::string_view name) -> Json& {
    if (base + at < columns.size() && columns[base + at].first == name) return columns[base + at].second;
    throw std::logic_error("company row without " + std::string(name) + " where kRowColumns puts it");
  };
  Json::Object shown, address;
  shown.reserve(kFieldCount + 5);
  address.reserve(5);
  shown.emplace_back("id", std::to_string(column(0, "id").asInt()));
  for (std::size_t i = 0; i < kFieldCount; ++i) {
    Json& stored = column(i + 1, kFields[i].name);
    const bool none = stored.isNull() || (stored.isString() && stored.asString().empty());
    Json value = kFields[i].kind == FieldKind::Flag ? Json(storedFlag(stored))
                 : none                             ? Json()
                 : i == kCallTree                   ? ctx.parseJson(stored.asString())
                                                    : std::move(stored);
    if (isAddressField(i)) address.emplace_back(kFields[i].name, std::move(value));
    else shown.emplace_back(kFields[i].name, std::move(value));
    if (i == kCountry) shown.emplace_back("address", std::move(address));
  }
  Json& reason = column(kFieldCount + 2, "review_reason");
  shown.emplace_back("review_reason", reason.isString() && reason.asString().empty() ? Json() : std::move(reason));
  shown.emplace_back("followers_count", std::move(column(kFieldCount + 1, "followers_count")));
  shown.emplace_back("created_at", std::move(column(kFieldCount + 3, "created_at")));
  shown.emplace_back("updated_at", std::move(column(kFieldCount + 4, "updated_at")));
  return Json(std::move(shown));
}

std::vector<CreatedCompany> insertCompanies(tabhost::sdk::Database& db, std::vector<CompanyText> rows,
                                            const std::string& actorId, const std::string& now, TakenDomain taken) {
  std::string columns;
  for (const auto& f : kFields) columns.append(columns.empty() ? "" : ", ").append(f.name);
  std::string one = "(";
  for (std::size_t i = 0; i < kFieldCount + 3; ++i) one += i ? ", ?" : "?";
  one += ")";
  // Both drivers' upsert clause; the unique domain is the only conflict a new row can meet.
  const std::string tail =
      std::string(taken == TakenDomain::Pass ? " ON CONFLICT (domain) DO NOTHING" : "") + " RETURNING id, domain";
  std::vector<CreatedCompany> created;
  created.reserve(rows.size());
  for (std::size_t start = 0; start < rows.size(); start += kRowsPerInsert) {
    const std::size_t end = std::min(rows.size(), start + kRowsPerInsert);
    std::string sql = "INSERT INTO companies (" + columns + ", created_by, created_at, updated_at) VALUES ";
    tabhost::sdk::Params params;
    params.reserve((end - start) * (kFieldCount + 3));
    for (std::size_t r = start; r < end; ++r) {
      sql += r == start ? one : ", " + one;
      for (std::size_t i = 0; i < kFieldCount; ++i) params.push_back(bound(i, std::move(rows[r][i])));
      params.emplace_back(actorId);
      params.emplace_back(now);
      params.emplace_back(now);
    }
    for (const auto& row : db.query(sql + tail, params))
      created.push_back({row.find("domain")->asString(), row.find("id")->asInt()});
  }
  return created;
}

tabhost::sdk::Change fieldChange(std::size_t index, const std::string& before, const std::string& after) {
  if (kFields[index].kind == FieldKind::Flag)
    return {kFields[index].name, Json(before == "true"), Json(after == "true")};
  return {kFields[index].name, before.empty() ? Json() : Json(before), after.empty() ? Json() : Json(after)};
}

std::vector<tabhost::sdk::Change> updateCompany(tabhost::sdk::Database& db, std::int64_t id, const CompanyText& before,
                                                const CompanyText& after, const std::string& now,
                                                const std::array<bool, kFieldCount>* present) {
  std::vector<tabhost::sdk::Change> changes;
  std::string sets;
  tabhost::sdk::Params params;
  for (std::size_t i = 0; i < kFieldCount; ++i) {
    if ((present && !(*present)[i]) || before[i] == after[i]) continue;
    // An unset status reads as pending, so that an import without the
    // column leaves a reviewed company's status alone.
    if (i == kStatus && after[i].empty()) continue;
    sets.append(sets.empty() ? "" : ", ").append(kFields[i].name).append(" = ?");
    params.push_back(bound(i, after[i]));
    changes.push_back(fieldChange(i, before[i], after[i]));
  }
  if (changes.empty()) return changes;
  params.emplace_back(now);
  params.emplace_back(id);
  db.execute("UPDATE companies SET " + sets + ", updated_at = ? WHERE id = ?", params);
  return changes;
}

}  // namespace companies
