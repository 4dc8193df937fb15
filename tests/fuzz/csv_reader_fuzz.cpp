// CsvReader reads imports as they arrive, in pieces cut wherever the
// network cut them. Input: one byte choosing the piece size, then the CSV.
// The records (or the syntax error) must not depend on where the pieces
// were cut, and every record written back with appendCsvField must read
// back the same.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tabhost/sdk/csv.hpp"
#include "FuzzCheck.hpp"

namespace {

using tabhost::sdk::CsvReader;
using tabhost::sdk::CsvRecord;
using tabhost::sdk::CsvSyntaxError;

struct Outcome {
  std::vector<CsvRecord> records;
  std::optional<std::pair<std::size_t, std::size_t>> error;  // line, column
};

Outcome read(std::string_view csv, std::size_t pieceSize) {
  Outcome out;
  CsvReader reader;
  const auto keep = [&](const CsvRecord& record) { out.records.push_back(record); };
  try {
    for (std::size_t at = 0; at < csv.size(); at += pieceSize) reader.feed(csv.substr(at, pieceSize), keep);
    reader.finish(keep);
  } catch (const CsvSyntaxError& e) {
    out.error.emplace(e.line(), e.column());
  }
  return out;
}

bool sameRecords(const std::vector<CsvRecord>& a, const std::vector<CsvRecord>& b, bool compareLines) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].fields != b[i].fields || (compareLines && a[i].line != b[i].line)) return false;
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::size_t pieceSize = data[0] % 16 + 1;
  const std::string_view csv(reinterpret_cast<const char*>(data) + 1, size - 1);

  const Outcome whole = read(csv, csv.size() + 1);
  const Outcome pieces = read(csv, pieceSize);
  fuzzCheck(sameRecords(whole.records, pieces.records, true), "records do not depend on how the input is cut");
  fuzzCheck(whole.error == pieces.error, "a syntax error does not depend on how the input is cut");
  if (whole.error) return 0;

  // A record of one empty field would be written as a blank line, which
  // reading skips: exports always have several columns.
  // Written after a byte order mark, so that a first field beginning with
  // those bytes is not taken for one.
  std::vector<CsvRecord> writable;
  std::string written = "\xEF\xBB\xBF";
  for (const auto& record : whole.records) {
    if (record.fields.size() == 1 && record.fields[0].empty()) continue;
    writable.push_back(record);
    for (std::size_t i = 0; i < record.fields.size(); ++i) {
      if (i > 0) written += ',';
      tabhost::sdk::appendCsvField(written, record.fields[i]);
    }
    written += "\r\n";
  }
  Outcome reread = read(written, written.size() + 1);
  fuzzCheck(!reread.error, "what appendCsvField writes reads without error");
  for (auto& record : reread.records)
    for (auto& field : record.fields) field = std::string(tabhost::sdk::unguardCsvField(field));
  fuzzCheck(sameRecords(writable, reread.records, false), "records written with appendCsvField read back the same");
  return 0;
}
