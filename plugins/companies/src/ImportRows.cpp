#include "ImportRows.hpp"

#include <algorithm>
#include <utility>

namespace companies {

using tabhost::sdk::CsvRecord;
using tabhost::sdk::unguardCsvField;

namespace {
// Rows handed on at once: enough to amortise each statement that writes
// them, few enough that a batch's rows and lookups stay small.
constexpr std::size_t kRowsPerBatch = 500;
}  // namespace

void keepError(std::vector<RowError>& kept, RowError error) {
  if (kept.size() < kErrorsKept) kept.push_back(std::move(error));
}

RowChecker::RowChecker(FieldRules rules, bool canReview, std::atomic<std::int64_t>& refused,
                       std::function<void(Batch)> deliver)
    : rules_(std::move(rules)), canReview_(canReview), refused_(refused), deliver_(std::move(deliver)) {
  batch_.reserve(kRowsPerBatch);
}

void RowChecker::record(const CsvRecord& record) {
  if (!header_) return readHeader(record);
  ++rowsRead_;
  if (record.fields.size() != columns_.size()) {
    return refuse(record.line, std::min(record.fields.size(), columns_.size()) + 1, "",
                  "row has " + std::to_string(record.fields.size()) + " fields; the header has " +
                      std::to_string(columns_.size()));
  }
  PendingRow row{record.line, {}};
  bool valid = true;
  for (std::size_t c = 0; c < columns_.size(); ++c) {
    const std::size_t field = columns_[c];
    row.company[field] = std::string(unguardCsvField(record.fields[c]));
    if (auto problem = fieldProblem(field, row.company[field], rules_)) {
      refuse(record.line, c + 1, kFields[field].name, *problem);
      valid = false;
    }
  }
  if (!valid) return;
  const std::string& status = row.company[kStatus];
  if (!status.empty() && status != "pending" && !canReview_)
    return refuse(record.line, columnOf(kStatus), "status",
                  "only reviewers (companies.review) import verified or rejected companies");
  for (std::size_t field : {kName, kDomain})
    if (row.company[field].empty())
      return refuse(record.line, columnOf(field), kFields[field].name, std::string(kFields[field].name) + " is required");
  if (const auto earlier = domains_.earlierLine(row.company[kDomain], record.line))
    return refuse(record.line, columnOf(kDomain), "domain",
                  "domain " + row.company[kDomain] + " is also on line " + std::to_string(*earlier));
  batch_.push_back(std::move(row));
  if (batch_.size() >= kRowsPerBatch) {
    deliver_(std::exchange(batch_, {}));
    batch_.reserve(kRowsPerBatch);
  }
}

void RowChecker::fatal(std::size_t line, std::size_t column, const std::string& message) {
  refuse(line, column, "", message);
  fatal_ = true;
}

void RowChecker::finish() {
  if (!header_ && !fatal_) fatal(1, 1, "the file is empty: it needs a header row (name,domain,...)");
  if (!batch_.empty()) deliver_(std::exchange(batch_, {}));
}

void RowChecker::readHeader(const CsvRecord& record) {
  std::array<bool, kFieldCount> seen{};
  for (std::size_t c = 0; c < record.fields.size(); ++c) {
    const std::string name(unguardCsvField(record.fields[c]));
    const auto field = fieldIndex(name);
    if (!field) return fatal(record.line, c + 1, "unknown column '" + name + "'");
    if (seen[*field]) return fatal(record.line, c + 1, "column '" + name + "' appears twice");
    seen[*field] = true;
    columns_.push_back(*field);
  }
  for (std::size_t field : {kName, kDomain})
    if (!seen[field]) return fatal(record.line, 1, std::string("the header has no '") + kFields[field].name + "' column");
  present_ = seen;
  header_ = true;
}

std::size_t RowChecker::columnOf(std::size_t field) const {
  for (std::size_t c = 0; c < columns_.size(); ++c)
    if (columns_[c] == field) return c + 1;
  return 0;
}

void RowChecker::refuse(std::size_t line, std::size_t column, const std::string& name, std::string message) {
  ++refused_;
  keepError(errors_, {line, column, name, std::move(message)});
}

}  // namespace companies
