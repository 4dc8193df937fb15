// GET /companies: the catalog, filtered, searched and sorted, a page at a time.
//
//   q                    words, each matching the start of a word of the name, domain, city or industry
//   status, country, industry, call_tree_verified   exact filters
//   sort                 newest (default), oldest, name, -name, relevance (default with q; best first)
//   limit, cursor        keyset pages (relevance: pages by rank position)
#pragma once

#include <tabhost/sdk/sdk.hpp>

namespace companies {

tabhost::sdk::Json listCompanies(tabhost::sdk::RequestContext& ctx);

}  // namespace companies
