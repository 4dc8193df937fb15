#include "UserListing.hpp"

#include <algorithm>
#include <array>

#include "Memberships.hpp"

namespace users {

namespace {

using tabhost::sdk::Error;
using tabhost::sdk::Json;

// Never signed in sorts as the earliest login: a keyset page cannot step
// over NULLs, which compare as neither before nor after.
constexpr const char* kLastLogin = "COALESCE(last_login_at, '')";
const std::string kListed =
    "id, first_name, last_name, email, email_key, user_type, roles, status, totp_enabled, last_login_at, created_at, "
    "COALESCE(last_login_at, '') AS last_login_key";
const std::string kColumns = "SELECT " + kListed + " FROM users";
// One user, with what an edit form shows besides the list's columns.
const std::string kDetailColumns = "SELECT " + kListed + ", phone, external_id, timezone FROM users";
constexpr std::array<const char*, 3> kDetailFields{"phone", "external_id", "timezone"};

// ?sort values: each one column (`key`, as the row has it; `order`, as SQL
// reads it), with the id as tie-breaker for keyset pages.
struct Sort {
  std::string_view name;
  const char* order;
  const char* key;
  bool descending;
};
constexpr std::array<Sort, 8> kSorts{{{"-created_at", "created_at", "created_at", true},
                                      {"created_at", "created_at", "created_at", false},
                                      {"email", "email_key", "email_key", false},
                                      {"-email", "email_key", "email_key", true},
                                      {"last_name", "last_name", "last_name", false},
                                      {"-last_name", "last_name", "last_name", true},
                                      {"last_login_at", kLastLogin, "last_login_key", false},
                                      {"-last_login_at", kLastLogin, "last_login_key", true}}};

constexpr std::array<std::string_view, 4> kStatuses{"active", "invited", "suspended", "discarded"};

const Sort& sortOf(const tabhost::sdk::RequestContext& ctx) {
  const std::string wanted = ctx.query("sort").value_or("-created_at");
  for (const auto& s : kSorts)
    if (s.name == wanted) return s;
  throw Error::badRequest("invalid_sort",
                          "sort must be one of created_at, email, last_name, last_login_at (prefix '-' for descending)",
                          "sort");
}

// A LIKE pattern matching `text` anywhere, its wildcards taken literally.
std::string containsPattern(const std::string& text) {
  std::string out = "%";
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out + "%";
}

struct Filter {
  std::string where;
  tabhost::sdk::Params params;

  void add(const std::string& condition, std::initializer_list<tabhost::sdk::Param> values = {}) {
    where += (where.empty() ? " WHERE " : " AND ") + condition;
    params.insert(params.end(), values.begin(), values.end());
  }
};

// Every word typed must begin a word of the name or email (the host's
// user_search). Two plans, chosen per request: when some word matches few
// users, those users are fetched through the index and sorted (cost grows
// with the matches); when every word matches many, the list is walked in
// sort order and each user checked (cost grows with rows walked, about
// limit × total / matches). They cross near sqrt(limit × total) matches —
// about 2,000 at 100,000 users.
constexpr std::int64_t kFewMatches = 2000;

void addWordFilter(tabhost::sdk::Database& db, const std::vector<std::string>& words, Filter& f) {
  std::int64_t fewest = kFewMatches + 1;
  for (const auto& word : words) {
    const auto rows = db.query("SELECT COUNT(*) AS n FROM (SELECT 1 FROM user_search WHERE token >= ? AND token < ? "
                               "LIMIT ?) AS matches",
                               {word, tabhost::sdk::searchUpperBound(word), kFewMatches + 1});
    fewest = std::min(fewest, rows.front().find("n")->asInt());
  }
  const char* condition = fewest <= kFewMatches
      ? "id IN (SELECT user_id FROM user_search WHERE token >= ? AND token < ?)"
      : "EXISTS (SELECT 1 FROM user_search WHERE user_search.user_id = users.id AND token >= ? AND token < ?)";
  for (const auto& word : words) f.add(condition, {word, tabhost::sdk::searchUpperBound(word)});
}

Filter filterOf(tabhost::sdk::RequestContext& ctx) {
  Filter f;
  const auto status = ctx.query("status");
  if (status) {
    if (std::ranges::find(kStatuses, *status) == kStatuses.end())
      throw Error::badRequest("invalid_filter", "status must be active, invited, suspended or discarded", "status");
    f.add("status = ?", {*status});
  } else if (ctx.query("include_discarded").value_or("false") != "true") {
    f.add("status <> 'discarded'");
  }
  if (const auto type = ctx.query("type")) {
    if (tabhost::sdk::userTypeRank(*type) == 0 || *type == "operator")
      throw Error::badRequest("invalid_filter", "type must be a user type (owner, admin, ...)", "type");
    f.add("user_type = ?", {*type});
  }
  if (const auto role = ctx.query("role")) f.add("roles LIKE ? ESCAPE '\\'", {containsPattern("\"" + *role + "\"")});
  if (const auto company = ctx.query("company"))
    f.add("id IN (SELECT user_id FROM user_companies WHERE company_id = ?)", {*company});
  if (const auto q = ctx.query("q"); q && !q->empty()) {
    if (q->size() > 100) throw Error::badRequest("invalid_filter", "q is over 100 characters", "q");
    const auto words = tabhost::sdk::searchWords(*q);
    if (words.size() > 5) throw Error::badRequest("invalid_filter", "q has more than 5 words", "q");
    if (words.empty()) f.add("1 = 0");  // only punctuation: nothing begins with it
    addWordFilter(ctx.db(), words, f);
  }
  return f;
}

// A users row as the API shows it (the sort key stays until the page is cut).
Json shown(const tabhost::sdk::RequestContext& ctx, const Json& row, const Json& memberships) {
  const std::string first = row.find("first_name")->asString(), last = row.find("last_name")->asString();
  return Json::object({{"id", *row.find("id")},
                       {"name", last.empty() ? first : first + " " + last},
                       {"first_name", first},
                       {"last_name", last},
                       {"email", *row.find("email")},
                       {"type", *row.find("user_type")},
                       {"roles", ctx.parseJson(row.find("roles")->asString())},
                       {"status", *row.find("status")},
                       {"companies", memberships.isNull() ? Json::array() : memberships},
                       {"last_login_at", *row.find("last_login_at")},
                       {"created_at", *row.find("created_at")},
                       {"two_factor", row.find("totp_enabled")->asInt() != 0}});
}

}  // namespace

Json listUsers(tabhost::sdk::RequestContext& ctx) {
  const tabhost::sdk::Page page = tabhost::sdk::readPage(ctx);
  const Sort& sort = sortOf(ctx);
  Filter f = filterOf(ctx);
  if (page.after)
    f.add("(" + std::string(sort.order) + ", id) " + (sort.descending ? "<" : ">") + " (?, ?)",
          {page.after->sortValue, page.after->id});
  const std::string direction = sort.descending ? " DESC" : "";
  f.params.emplace_back(page.limit + 1);
  auto& db = ctx.db();
  const auto rows = db.query(kColumns + f.where + " ORDER BY " + sort.order + direction + ", id" +
                                 direction + " LIMIT ?",
                             f.params);
  Json body = tabhost::sdk::pageBody(rows, page, sort.key, "id");
  std::vector<std::string> ids;
  for (const auto& row : body["items"].asArray()) ids.push_back(row.find("id")->asString());
  const auto memberships = membershipsOf(db, ids);
  for (auto& row : body["items"].asArray()) {
    const auto m = memberships.find(row.find("id")->asString());
    row = shown(ctx, row, m == memberships.end() ? Json() : m->second);
  }
  return body;
}

Json userStats(tabhost::sdk::Database& db) {
  Json stats = Json::object({{"total", 0}, {"active", 0}, {"invited", 0}, {"suspended", 0}, {"discarded", 0}});
  std::int64_t total = 0;
  for (const auto& row : db.query("SELECT status, COUNT(*) AS n FROM users GROUP BY status")) {
    const std::int64_t n = row.find("n")->asInt();
    total += n;
    stats[row.find("status")->asString()] = n;
  }
  stats["total"] = total;
  return stats;
}

Json userRecord(tabhost::sdk::Database& db, const std::string& id) {
  const auto rows = db.query("SELECT user_type, email, status FROM users WHERE id = ?", {id});
  if (rows.empty()) throw Error::notFound("user_not_found", "no user with this id");
  return rows.front();
}

Json userRow(tabhost::sdk::RequestContext& ctx, const std::string& id) {
  auto& db = ctx.db();
  const auto rows = db.query(kDetailColumns + " WHERE id = ?", {id});
  if (rows.empty()) throw Error::notFound("user_not_found", "no user with this id");
  const auto memberships = membershipsOf(db, {id});
  Json user = shown(ctx, rows.front(), memberships.empty() ? Json() : memberships.begin()->second);
  for (const char* field : kDetailFields) user[field] = *rows.front().find(field);
  return user;
}

}  // namespace users
