// Tabhost plugin SDK — CSV (RFC 4180) in and out, a piece at a time.
//
// CsvReader takes the bytes as they arrive (from RequestContext::bodyReader)
// and hands out each record once it is complete, so a file of any size is
// read in constant memory. appendCsvField writes one cell, guarded against
// spreadsheet formula injection; unguardCsvField undoes the guard, so that
// what a plugin exports it can import again unchanged.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace tabhost::sdk {

/// Input that is not CSV (an unterminated quoted field, text after a closing
/// quote, a quote inside an unquoted field). Reading cannot go on past it.
class CsvSyntaxError : public std::runtime_error {
 public:
  CsvSyntaxError(std::size_t line, std::size_t column, const std::string& message)
      : std::runtime_error(message), line_(line), column_(column) {}
  /// 1-based line of the input where the problem is.
  std::size_t line() const { return line_; }
  /// 1-based field number within its record.
  std::size_t column() const { return column_; }

 private:
  std::size_t line_;
  std::size_t column_;
};

/// One record: its fields, and the input line it starts on (1-based; a
/// quoted field with line breaks makes a record span several lines).
struct CsvRecord {
  std::vector<std::string> fields;
  std::size_t line = 0;
};

/// An RFC 4180 reader fed piece by piece. Records end at CRLF, LF or a lone
/// CR; fields may be quoted ("a ""b"", c" is one field), and quoted fields
/// may hold separators and line breaks. A UTF-8 byte order mark at the very
/// start is dropped; blank lines are skipped. Bytes are passed through as
/// they are: check each field's encoding with isUtf8 (formats.hpp).
class CsvReader {
 public:
  /// `onRecord(const CsvRecord&)` is called for each complete record.
  template <class OnRecord>
  void feed(std::string_view bytes, OnRecord&& onRecord) {
    for (std::size_t i = 0; i < bytes.size();) {
      const char c = bytes[i];
      if (bomLeft_ > 0) {
        static constexpr char kBom[] = "\xEF\xBB\xBF";
        if (c == kBom[3 - bomLeft_]) {
          --bomLeft_;
          ++i;
          continue;
        }
        // Not a byte order mark after all: what was held back is data.
        const std::string heldBack(kBom, static_cast<std::size_t>(3 - bomLeft_));
        bomLeft_ = 0;
        for (char held : heldBack) step(held, onRecord);
      }
      bomLeft_ = 0;
      // Inside a field, the bytes up to the next one that means something
      // are copied at once rather than one by one.
      if (const std::size_t end = plainRunEnd(bytes, i); end > i) {
        field_.append(bytes.data() + i, end - i);
        i = end;
        continue;
      }
      step(c, onRecord);
      ++i;
    }
  }

  /// Ends the input: emits the last record when the file does not end with
  /// a line break; throws CsvSyntaxError for an unterminated quoted field.
  template <class OnRecord>
  void finish(OnRecord&& onRecord) {
    if (state_ == State::Quoted)
      throw CsvSyntaxError(quoteLine_, record_.fields.size() + 1,
                           "quoted field opened on line " + std::to_string(quoteLine_) + " is never closed");
    if (state_ != State::RecordStart && state_ != State::AfterCR) endRecord(onRecord);
  }

  /// Lines read so far (a progress figure).
  std::size_t linesRead() const { return line_; }

 private:
  enum class State { RecordStart, FieldStart, Unquoted, Quoted, QuoteInQuoted, AfterCR };

  // Where the run of plain field bytes from `at` ends: at a comma, line
  // break or quote in an unquoted field; at a quote or line feed (which
  // step counts) in a quoted one; at once anywhere else.
  std::size_t plainRunEnd(std::string_view bytes, std::size_t at) const {
    if (state_ == State::Unquoted)
      while (at < bytes.size() && bytes[at] != ',' && bytes[at] != '\n' && bytes[at] != '\r' && bytes[at] != '"') ++at;
    else if (state_ == State::Quoted)
      while (at < bytes.size() && bytes[at] != '"' && bytes[at] != '\n') ++at;
    return at;
  }

  template <class OnRecord>
  void step(char c, OnRecord& onRecord) {
    if (state_ == State::AfterCR) {
      state_ = State::RecordStart;
      if (c == '\n') return;  // CRLF: one line break
    }
    switch (state_) {
      case State::RecordStart:
        if (c == '\n' || c == '\r') {  // a blank line
          newLine(c);
          return;
        }
        record_.line = line_;
        [[fallthrough]];
      case State::FieldStart:
        if (c == '"') {
          state_ = State::Quoted;
          quoteLine_ = line_;
          return;
        }
        state_ = State::Unquoted;
        [[fallthrough]];
      case State::Unquoted:
        if (c == ',') return endField();
        if (c == '\n' || c == '\r') return endLine(c, onRecord);
        if (c == '"')
          throw CsvSyntaxError(line_, record_.fields.size() + 1,
                               "a quote inside an unquoted field (quote the whole field and double the quote)");
        field_ += c;
        return;
      case State::Quoted:
        if (c == '"') {
          state_ = State::QuoteInQuoted;
          return;
        }
        if (c == '\n') ++line_;  // CRLF inside quotes is one line break too
        field_ += c;
        return;
      case State::QuoteInQuoted:
        if (c == '"') {  // "" inside quotes: one quote
          field_ += c;
          state_ = State::Quoted;
          return;
        }
        if (c == ',') return endField();
        if (c == '\n' || c == '\r') return endLine(c, onRecord);
        throw CsvSyntaxError(line_, record_.fields.size() + 1, "text after the closing quote of a field");
      case State::AfterCR:
        return;
    }
  }

  // A blank line's break (CRLF counts once).
  void newLine(char c) {
    ++line_;
    if (c == '\r') state_ = State::AfterCR;
  }

  void endField() {
    record_.fields.push_back(std::move(field_));
    field_.clear();
    state_ = State::FieldStart;
  }

  template <class OnRecord>
  void endLine(char c, OnRecord& onRecord) {
    endRecord(onRecord);
    ++line_;
    state_ = c == '\r' ? State::AfterCR : State::RecordStart;
  }

  template <class OnRecord>
  void endRecord(OnRecord& onRecord) {
    record_.fields.push_back(std::move(field_));
    field_.clear();
    onRecord(static_cast<const CsvRecord&>(record_));
    record_.fields.clear();
    state_ = State::RecordStart;
  }

  State state_ = State::RecordStart;
  int bomLeft_ = 3;
  std::size_t line_ = 1;
  std::size_t quoteLine_ = 0;
  std::string field_;
  CsvRecord record_;
};

namespace detail {
// What a spreadsheet runs as a formula when a cell begins with it.
inline bool startsFormula(char c) { return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r'; }
}  // namespace detail

/// Appends `value` as one CSV field: quoted when it holds a comma, quote or
/// line break, and prefixed with an apostrophe when it begins with = + - @
/// tab or CR (which a spreadsheet would run as a formula) or with an
/// apostrophe (so that unguardCsvField gives back exactly `value`).
inline void appendCsvField(std::string& out, std::string_view value) {
  const bool guard = !value.empty() && (detail::startsFormula(value.front()) || value.front() == '\'');
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) {
    if (guard) out += '\'';
    out.append(value);
    return;
  }
  out += '"';
  if (guard) out += '\'';
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

/// Undoes appendCsvField's guard: drops a leading apostrophe that comes
/// before = + - @ tab, CR or another apostrophe.
inline std::string_view unguardCsvField(std::string_view value) {
  if (value.size() >= 2 && value.front() == '\'' && (detail::startsFormula(value[1]) || value[1] == '\''))
    value.remove_prefix(1);
  return value;
}

}  // namespace tabhost::sdk
