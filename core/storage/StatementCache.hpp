// The prepared statements of one SQLite connection, kept for reuse.
//
// Parsing and planning a statement cost a search about a tenth of its time;
// a pooled connection runs the same few statements again and again, so it
// keeps the most recent ones prepared. Lives and dies with its connection
// (ConnectionPool) and is used only by the thread holding that connection.
#pragma once

#include <cstddef>
#include <list>
#include <string>
#include <string_view>
#include <unordered_map>

#include <sqlite3.h>

namespace tabhost::core {

class StatementCache {
 public:
  explicit StatementCache(std::size_t capacity = 64) : capacity_(capacity) {}
  ~StatementCache();
  StatementCache(const StatementCache&) = delete;
  StatementCache& operator=(const StatementCache&) = delete;

  /// The statement prepared for `sql` earlier, reset and unbound, taken
  /// out of the cache (so a nested use prepares its own); nullptr if none.
  sqlite3_stmt* take(std::string_view sql);
  /// Resets and unbinds `statement` (prepared from `sql`, finished with) and
  /// keeps it for the next take; the least recently used one beyond the
  /// capacity is finalized.
  void put(std::string_view sql, sqlite3_stmt* statement);

 private:
  struct Entry {
    std::string sql;
    sqlite3_stmt* statement;
  };
  std::size_t capacity_;
  std::list<Entry> entries_;  // most recently used first
  std::unordered_map<std::string_view, std::list<Entry>::iterator> bySql_;  // views into entries_' sql
};

}  // namespace tabhost::core
