// GET /companies: the catalog, filtered, searched and sorted, a page at a time.
//
//   q                    words, each matching the start of a word of the name, domain, city or industry
//   status, country, industry, call_tree_verified   exact filters
//   sort                 newest (default), oldest, name, -name, relevance (default with q; best first)
//   limit, cursor        keyset pages (relevance: pages by rank position)
#pragma once

#include <string>
#include <vector>

#include <tabhost/sdk/sdk.hpp>

namespace companies {

/// The companies that q and the exact filters select, as a FROM and WHERE
/// clause with their parameters: the catalog's and the export's one filter.
struct CatalogSelection {
  std::string from = "companies c";
  std::string where;
  tabhost::sdk::Params params;
  /// The full-text query q became; empty without q.
  std::string match;
  /// The id to order and page by: when SQLite searches, FTS5's own rowid
  /// (it walks its rowids in order and stops after a page; by c.id it would
  /// sort every match first).
  std::string id = "c.id";

  void add(const std::string& condition, std::initializer_list<tabhost::sdk::Param> values = {});
};

/// q's words, checked (at most 100 characters of UTF-8, 5 words); none without q.
std::vector<std::string> catalogWords(const tabhost::sdk::RequestContext& ctx);

/// The selection of the request's q (as `words`) and exact filters.
/// `ranked`: the rows will be ordered by relevance, so q's prefixes stay
/// prefixes (spelling them out as the words they begin would change the rank).
CatalogSelection selectCatalog(tabhost::sdk::RequestContext& ctx, const std::vector<std::string>& words, bool ranked);

tabhost::sdk::Json listCompanies(tabhost::sdk::RequestContext& ctx);

}  // namespace companies
