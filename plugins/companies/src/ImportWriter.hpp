// Writing an import's checked rows, batch by batch, on the request's
// thread and inside its transaction: each row is matched to the catalog by
// domain, then created, updated, skipped or refused as on_conflict says, and
// linked to the import's batch. A dry run and an all-or-nothing apply that
// has refused a row only count.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "ImportRows.hpp"

namespace companies {

/// What an import does with a row whose domain the catalog has: leave the
/// company alone, update it from the row, or refuse the row.
enum class OnConflict { Skip, Update, Fail };

/// What the import's query asked for.
struct ImportOptions {
  bool apply = false;
  OnConflict onConflict = OnConflict::Skip;
  std::string onConflictText = "skip";
  bool allOrNothing = true;
  std::string batchId;
};

class ImportWriter {
 public:
  /// `rows` gives the file's columns; `refused` is shared with it.
  ImportWriter(tabhost::sdk::Database& db, const ImportOptions& options, const RowChecker& rows,
               std::atomic<std::int64_t>& refused, std::string actorId, std::string now);

  /// Matches, writes and links one batch of checked rows (or only counts
  /// them, when not writing()).
  void write(RowChecker::Batch batch);

  /// Whether rows are still written (not a dry run, and not an
  /// all-or-nothing apply that has refused a row).
  bool writing() const;

  std::int64_t created = 0, updated = 0, unchanged = 0, skipped = 0;
  /// The first kErrorsKept rows refused here, in line order.
  const std::vector<RowError>& errors() const { return errors_; }

 private:
  using Links = std::vector<std::pair<std::int64_t, const char*>>;
  void insertBatch(RowChecker::Batch& batch);
  void compareBatch(RowChecker::Batch& batch, bool writes);
  std::unordered_map<std::string, tabhost::sdk::Json> existingByDomain(const std::vector<const PendingRow*>& rows,
                                                                       const char* columns);
  void refuseTaken(const PendingRow& row, const std::string& owner);
  void writeLinks(const Links& links);

  tabhost::sdk::Database& db_;
  const ImportOptions& options_;
  const RowChecker& rows_;
  std::atomic<std::int64_t>& refused_;
  const std::string actorId_;
  const std::string now_;
  std::vector<RowError> errors_;
};

}  // namespace companies
