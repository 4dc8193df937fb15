#include "CompanySearch.hpp"

#include "CompanyStore.hpp"
#include "VocabularyCache.hpp"

#include <algorithm>
#include <optional>

namespace companies {

namespace {

using tabhost::sdk::Error;
using tabhost::sdk::Json;

enum class Sort { Newest, Oldest, Name, NameDescending, Relevance };

Sort sortOf(const tabhost::sdk::RequestContext& ctx, bool searching) {
  const auto wanted = ctx.query("sort");
  if (!wanted) return searching ? Sort::Relevance : Sort::Newest;
  if (*wanted == "newest") return Sort::Newest;
  if (*wanted == "oldest") return Sort::Oldest;
  if (*wanted == "name") return Sort::Name;
  if (*wanted == "-name") return Sort::NameDescending;
  if (*wanted == "relevance") {
    if (!searching) throw Error::badRequest("invalid_sort", "sort=relevance needs q", "sort");
    return Sort::Relevance;
  }
  throw Error::badRequest("invalid_sort", "sort must be newest, oldest, name, -name or relevance", "sort");
}

// At most this many words (the typed one and those it begins) are looked
// for one by one; with more, FTS5 searches the prefix itself.
constexpr std::size_t kMaxExpansion = 8;

bool isAscii(const std::string& word) {
  return std::all_of(word.begin(), word.end(), [](unsigned char c) { return c < 0x80; });
}

std::string quotedTerm(const std::string& term) {
  std::string out = "\"";
  for (char c : term) out.append(c == '"' ? "\"\"" : std::string(1, c));
  return out + '"';
}

// The index's words from `word` on that begin with it, in order: at most
// kMaxExpansion + 1 (one more means "too many to spell out").
std::vector<std::string> wordsBeginning(tabhost::sdk::Database& db, const std::string& word) {
  // Each step jumps to the first word after the last one found and stops at
  // searchUpperBound(word), past every word it begins. fts5vocab treats > as
  // >=, so `term > last` would start at `last` and step through each of its
  // occurrences; >= last || char(1) starts just past it (no word holds a
  // byte below 1).
  std::vector<std::string> words{word};
  const std::string end = tabhost::sdk::searchUpperBound(word);
  while (words.size() <= kMaxExpansion) {
    const auto next = db.query(
        "SELECT term FROM companies_fts_terms WHERE term >= ? || char(1) AND term < ? ORDER BY term LIMIT 1",
        {words.back(), end});
    if (next.empty()) break;
    words.push_back(next.front().stringAt("term"));
  }
  return words;
}

std::int64_t vocabularyVersion(tabhost::sdk::Database& db) {
  return db.query("SELECT version FROM companies_fts_version").at(0).find("version")->asInt();
}

// FTS5 answers a prefix query ("robo"*) by merging the rowids of every word
// that begins with it before it returns a first row (about 1 ms at 10,000
// matches), while it walks one word, or an OR of words, in rowid order and
// stops after a page. So a word typed in ASCII (which FTS5 indexes as it is,
// lower-cased) becomes the OR of itself and the few catalog words it begins,
// read from the index's vocabulary (or VocabularyCache at the same
// version): the same rows, found lazily. `version`: read once per request.
std::string sqliteTerm(tabhost::sdk::RequestContext& ctx, const std::string& word, std::optional<std::int64_t>& version) {
  if (!isAscii(word)) return quotedTerm(word) + "*";
  auto& cache = VocabularyCache::instance();
  if (!version) version = vocabularyVersion(ctx.db());
  auto words = cache.find(ctx.tenant().id, word, *version);
  if (!words) {
    // Separate reads: a word committed in between may be missed, as if the
    // search had come a moment earlier; but such a read is not remembered.
    words = wordsBeginning(ctx.db(), word);
    if (vocabularyVersion(ctx.db()) == *version) cache.store(ctx.tenant().id, word, *version, *words);
  }
  if (words->size() > kMaxExpansion) return quotedTerm(word) + "*";
  std::string out;
  for (const auto& term : *words) out.append(out.empty() ? "(" : " OR ").append(quotedTerm(term));
  return out + ")";
}

// The full-text query for the words of q: each word matches words that
// begin with it, and every word must match. `expand`: spell prefixes out as
// words where that is cheaper (the rank would change, so not for relevance).
std::string matchText(tabhost::sdk::RequestContext& ctx, const std::vector<std::string>& words, bool postgres,
                      bool expand) {
  std::string out;
  std::optional<std::int64_t> version;
  for (const auto& word : words) {
    if (!out.empty()) out.append(postgres ? " & " : " AND ");
    if (postgres) out.append("'" + word + "':*");
    else if (expand) out.append(sqliteTerm(ctx, word, version));
    else out.append(quotedTerm(word) + "*");
  }
  return out;
}

void addFilters(const tabhost::sdk::RequestContext& ctx, CatalogSelection& q) {
  if (const auto status = ctx.query("status")) {
    if (*status != "pending" && *status != "verified" && *status != "rejected")
      throw Error::badRequest("invalid_filter", "status must be pending, verified or rejected", "status");
    q.add("c.status = ?", {*status});
  }
  if (const auto country = ctx.query("country")) {
    if (!tabhost::sdk::isCountryCode(*country))
      throw Error::badRequest("invalid_filter", "country must be a 2-letter code such as DE", "country");
    q.add("c.country = ?", {*country});
  }
  if (const auto industry = ctx.query("industry")) q.add("c.industry = ?", {*industry});
  if (const auto verified = ctx.query("call_tree_verified")) {
    if (*verified != "true" && *verified != "false")
      throw Error::badRequest("invalid_filter", "call_tree_verified must be true or false", "call_tree_verified");
    q.add("c.call_tree_verified = ?", {*verified == "true" ? 1 : 0});
  }
}

}  // namespace

void CatalogSelection::add(const std::string& condition, std::initializer_list<tabhost::sdk::Param> values) {
  where += (where.empty() ? " WHERE " : " AND ") + condition;
  params.insert(params.end(), values.begin(), values.end());
}

std::vector<std::string> catalogWords(const tabhost::sdk::RequestContext& ctx) {
  const auto q = ctx.query("q");
  if (!q || q->empty()) return {};
  if (q->size() > 100) throw Error::badRequest("invalid_filter", "q is over 100 characters", "q");
  if (!tabhost::sdk::isUtf8(*q)) throw Error::badRequest("invalid_filter", "q is not UTF-8", "q");
  auto words = tabhost::sdk::searchWords(*q);
  if (words.size() > 5) throw Error::badRequest("invalid_filter", "q has more than 5 words", "q");
  return words;
}

CatalogSelection selectCatalog(tabhost::sdk::RequestContext& ctx, const std::vector<std::string>& words, bool ranked) {
  CatalogSelection q;
  if (!words.empty()) {
    const bool postgres = ctx.db().driver() == "postgresql";
    q.match = matchText(ctx, words, postgres, !ranked);
    if (postgres) {
      q.add("c.search @@ to_tsquery('simple', ?)", {q.match});
    } else {
      q.from = "companies_fts JOIN companies c ON c.id = companies_fts.rowid";
      q.add("companies_fts MATCH ?", {q.match});
      q.id = "companies_fts.rowid";
    }
  }
  addFilters(ctx, q);
  return q;
}

Json listCompanies(tabhost::sdk::RequestContext& ctx) {
  const tabhost::sdk::Page page = tabhost::sdk::readPage(ctx);
  const std::vector<std::string> words = catalogWords(ctx);
  const bool searching = !words.empty();
  const Sort sort = sortOf(ctx, searching);
  const bool postgres = ctx.db().driver() == "postgresql";

  CatalogSelection q = selectCatalog(ctx, words, sort == Sort::Relevance);
  std::string rank = "0";
  if (sort == Sort::Relevance) {
    if (postgres) {
      rank = "ts_rank(c.search, to_tsquery('simple', ?))";
      q.params.insert(q.params.begin(), Json(q.match));  // the rank comes first in the SELECT list
    } else {
      rank = "-bm25(companies_fts, 10.0, 5.0, 2.0, 1.0)";
    }
  }

  std::string order;
  std::int64_t offset = 0;
  switch (sort) {
    case Sort::Newest:
    case Sort::Oldest: {
      const bool newest = sort == Sort::Newest;
      if (page.after && !page.after->id.isInt())
        throw Error::badRequest("invalid_cursor", "cursor is not one this API returned", "cursor");
      // Ids are creation order.
      const std::string id = q.id;
      if (page.after) q.add(id + (newest ? " < ?" : " > ?"), {page.after->id});
      order = newest ? id + " DESC" : id;
      break;
    }
    case Sort::Name:
    case Sort::NameDescending: {
      const bool descending = sort == Sort::NameDescending;
      if (page.after) {
        if (!page.after->sortValue.isString() || !page.after->id.isInt())
          throw Error::badRequest("invalid_cursor", "cursor is not one this API returned", "cursor");
        q.add(std::string("(c.name, c.id) ") + (descending ? "<" : ">") + " (?, ?)",
              {page.after->sortValue, page.after->id});
      }
      order = descending ? "c.name DESC, c.id DESC" : "c.name, c.id";
      break;
    }
    case Sort::Relevance:
      // Ranks shift as the catalog changes, so pages go by position.
      if (page.after) {
        if (!page.after->sortValue.isInt() || page.after->sortValue.asInt() < 0)
          throw Error::badRequest("invalid_cursor", "cursor is not one this API returned", "cursor");
        offset = page.after->sortValue.asInt() + 1;
      }
      order = "rank DESC, c.id DESC";
      break;
  }
  q.params.emplace_back(page.limit + 1);
  q.params.emplace_back(offset);
  auto rows = ctx.db().query("SELECT " + rank + " AS rank, " + kRowColumns + " FROM " + q.from + q.where +
                                 " ORDER BY " + order + " LIMIT ? OFFSET ?",
                             q.params);
  // The cursor holds the sort column's value; by relevance, the position
  // (written over the rank, which companyJson leaves out).
  if (sort == Sort::Relevance)
    for (std::size_t i = 0; i < rows.size(); ++i) rows[i]["rank"] = offset + static_cast<std::int64_t>(i);
  const char* sortKey = sort == Sort::Relevance ? "rank" : sort == Sort::Name || sort == Sort::NameDescending ? "name" : "id";
  Json body = tabhost::sdk::pageBody(std::move(rows), page, sortKey, "id");
  for (auto& item : body["items"].asArray()) item = companyJson(ctx, std::move(item));
  return body;
}

}  // namespace companies
