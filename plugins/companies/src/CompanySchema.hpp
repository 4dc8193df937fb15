// The companies plugin's tables (all prefixed companies_ but the catalog):
//   companies                 the catalog, searchable by name, domain, city and industry
//                             (SQLite: the FTS5 table companies_fts, kept by triggers;
//                             PostgreSQL: the weighted tsvector column `search`, GIN-indexed)
//   companies_follows         who follows which company (user data: goes with the user)
//   companies_imports         one row per CSV import: mode, outcome, counts
//   companies_import_errors   the rows an import refused: line, column, message
//   companies_import_links    which import created or updated which company
//
// Ids are assigned in creation order, so "newest first" is id order, which
// the full-text indexes can walk backwards and stop after a page.
#pragma once

#include <tabhost/sdk/sdk.hpp>

namespace companies {

void registerTables(tabhost::sdk::Registrar& r);

}  // namespace companies
