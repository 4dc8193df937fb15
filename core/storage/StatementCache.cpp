#include "core/storage/StatementCache.hpp"

namespace tabhost::core {

StatementCache::~StatementCache() {
  for (auto& entry : entries_) sqlite3_finalize(entry.statement);
}

sqlite3_stmt* StatementCache::take(std::string_view sql) {
  auto found = bySql_.find(sql);
  if (found == bySql_.end()) return nullptr;
  auto entry = found->second;
  sqlite3_stmt* statement = entry->statement;
  bySql_.erase(found);
  entries_.erase(entry);
  return statement;
}

void StatementCache::put(std::string_view sql, sqlite3_stmt* statement) {
  // Ends the statement's read of the database now (a finished statement
  // that is not reset may keep its snapshot open), and drops the bound
  // values, which point into the caller's parameters.
  sqlite3_reset(statement);
  sqlite3_clear_bindings(statement);
  if (capacity_ == 0 || bySql_.count(sql)) {
    sqlite3_finalize(statement);
    return;
  }
  entries_.push_front(Entry{std::string(sql), statement});
  bySql_.emplace(entries_.front().sql, entries_.begin());
  if (entries_.size() > capacity_) {
    bySql_.erase(entries_.back().sql);
    sqlite3_finalize(entries_.back().statement);
    entries_.pop_back();
  }
}

}  // namespace tabhost::core
