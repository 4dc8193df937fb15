// The domains of an import's rows so far, each with the line it was first
// on, to refuse a domain the file repeats. A file may hold millions of rows:
// an in-memory map of them took as much memory as the file itself (110 MiB
// at its peak for a 111 MiB file). They are kept in a private temporary
// SQLite database instead, whose page cache is bounded and which spills to
// a file that SQLite deletes when the database is closed (in SQLITE_TMPDIR,
// else TMPDIR, else /var/tmp or /tmp). One thread at a time may use it.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>

struct sqlite3;
struct sqlite3_stmt;

namespace companies {

class SeenDomains {
 public:
  /// Throws as earlierLine does when the database cannot be made.
  SeenDomains();

  /// The line `domain` was first on; nothing (and `line` is kept for it)
  /// when it is new. Throws 503 import_unavailable when the disk is full,
  /// std::runtime_error with SQLite's message on any other failure.
  std::optional<std::size_t> earlierLine(const std::string& domain, std::size_t line);

 private:
  [[noreturn]] void fail(int code) const;

  struct Close {
    void operator()(sqlite3* db) const;
    void operator()(sqlite3_stmt* statement) const;
  };
  std::unique_ptr<sqlite3, Close> db_;
  std::unique_ptr<sqlite3_stmt, Close> remember_;
  std::unique_ptr<sqlite3_stmt, Close> lineOf_;
};

}  // namespace companies
