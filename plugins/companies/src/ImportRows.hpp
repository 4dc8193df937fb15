// Reading an import's CSV rows: the header maps columns to fields; each row
// is checked field by field as the API checks a company, and against the
// file's earlier rows (one row per domain). Good rows are handed on in
// batches; bad ones are reported with their line and column. It touches no
// database, so it runs on a thread of its own beside the writer.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "CompanyFields.hpp"
#include "SeenDomains.hpp"

namespace companies {

/// Refused rows kept (in the report and the database); all are counted.
inline constexpr std::size_t kErrorsKept = 1000;

/// A refused row (or a problem with the file): where, and why.
struct RowError {
  std::size_t line;
  std::size_t column;
  std::string columnName;
  std::string message;
};

/// Adds `error` to `kept` unless kErrorsKept are there.
void keepError(std::vector<RowError>& kept, RowError error);

/// A row that passed every check, waiting to be written.
struct PendingRow {
  std::size_t line;
  CompanyText company;
};

class RowChecker {
 public:
  using Batch = std::vector<PendingRow>;

  /// `canReview`: the importer may set a status other than pending.
  /// `refused` counts refused rows, shared with the writer. `deliver`
  /// receives each batch of good rows, in file order.
  RowChecker(FieldRules rules, bool canReview, std::atomic<std::int64_t>& refused, std::function<void(Batch)> deliver);

  /// The next CSV record: the header first, then rows.
  void record(const tabhost::sdk::CsvRecord& record);
  /// A problem that stops the reading (bad CSV, a bad header).
  void fatal(std::size_t line, std::size_t column, const std::string& message);
  /// The end of the file: hands on the last batch.
  void finish();

  bool stopped() const { return fatal_; }
  std::int64_t rowsRead() const { return rowsRead_; }
  /// The 1-based CSV column of `field`, 0 when the file has none. Stable
  /// once the header is read, which is before any batch is handed on.
  std::size_t columnOf(std::size_t field) const;
  /// Which fields the file has columns for.
  const std::array<bool, kFieldCount>& present() const { return present_; }
  /// The first kErrorsKept problems, in line order.
  const std::vector<RowError>& errors() const { return errors_; }

 private:
  void readHeader(const tabhost::sdk::CsvRecord& record);
  void refuse(std::size_t line, std::size_t column, const std::string& name, std::string message);

  const FieldRules rules_;
  const bool canReview_;
  std::atomic<std::int64_t>& refused_;
  std::function<void(Batch)> deliver_;
  bool header_ = false;
  bool fatal_ = false;
  std::int64_t rowsRead_ = 0;
  std::vector<std::size_t> columns_;
  std::array<bool, kFieldCount> present_{};
  SeenDomains domains_;
  Batch batch_;
  std::vector<RowError> errors_;
};

}  // namespace companies
