// The companies plugin's tables (all prefixed companies_ but the catalog):
//   companies                 the catalog, searchable by name, domain, city and industry
//                             (SQLite: the FTS5 table companies_fts, kept by triggers, and its
//                             word list companies_fts_terms, whose version companies_fts_version
//                             changes with every change of its words;
//                             PostgreSQL: the weighted tsvector column `search`, GIN-indexed)
//   companies_follows         who follows which company (user data: goes with the user)
//   companies_imports         one row per CSV import: mode, outcome, counts
//   companies_import_errors   the rows an import refused: line, column, message
//   companies_import_links    which import created or updated which company
//
// Ids are assigned in creation order, so "newest first" is id order, which
// the full-text indexes can walk backwards and stop after a page.
#pragma once

#include <cstdint>

#include <tabhost/sdk/sdk.hpp>

namespace companies {

void registerTables(tabhost::sdk::Registrar& r);

/// While it lives (inside one transaction), rows inserted into companies
/// skip the search index; catchUp() indexes them in statements of 50,000
/// rows and lets the trigger work again. FTS5 writes its pending index out
/// at every statement of a transaction, so an import of 100,000 rows in
/// statements of 100 built a thousand small segments, then merged them:
/// more than half of its time. One statement for all rows, though, held
/// memory that grew with the file (an apply of 1,150,000 rows peaked at
/// 161 MiB, in windows 120 MiB, 64 MiB of it the page cache). A no-op
/// on PostgreSQL, whose index is a generated column.
class SearchIndexDeferral {
 public:
  explicit SearchIndexDeferral(tabhost::sdk::Database& db);
  void catchUp();

 private:
  tabhost::sdk::Database& db_;
  bool sqlite_;
  std::int64_t lastIdBefore_ = 0;
};

}  // namespace companies
