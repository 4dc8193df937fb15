#include "SeenDomains.hpp"

#include <sqlite3.h>

#include "SpooledBody.hpp"

namespace companies {

namespace {
// Pages kept in memory (KiB, as SQLite's negative cache_size): about 100,000
// domains; more spill to the database's file. One transaction that is never
// committed: a statement outside one commits on its own, which made each
// row cost four times as much.
constexpr const char* kSetUp =
    "PRAGMA cache_size = -8192; PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
    "CREATE TABLE seen (domain TEXT PRIMARY KEY, line INTEGER NOT NULL) WITHOUT ROWID; BEGIN;";
constexpr const char* kRemember = "INSERT INTO seen (domain, line) VALUES (?1, ?2) ON CONFLICT (domain) DO NOTHING";
constexpr const char* kLineOf = "SELECT line FROM seen WHERE domain = ?1";
}  // namespace

void SeenDomains::Close::operator()(sqlite3* db) const { sqlite3_close_v2(db); }
void SeenDomains::Close::operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }

SeenDomains::SeenDomains() {
  sqlite3* db = nullptr;
  // An empty name: a private database on disk, deleted when closed.
  const int opened = sqlite3_open_v2("", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  db_.reset(db);
  sqlite3_stmt* remember = nullptr;
  sqlite3_stmt* lineOf = nullptr;
  const bool ready = opened == SQLITE_OK && sqlite3_exec(db, kSetUp, nullptr, nullptr, nullptr) == SQLITE_OK &&
                     sqlite3_prepare_v2(db, kRemember, -1, &remember, nullptr) == SQLITE_OK &&
                     sqlite3_prepare_v2(db, kLineOf, -1, &lineOf, nullptr) == SQLITE_OK;
  remember_.reset(remember);
  lineOf_.reset(lineOf);
  if (!ready) throw importUnavailable();
}

std::optional<std::size_t> SeenDomains::earlierLine(const std::string& domain, std::size_t line) {
  sqlite3_stmt* remember = remember_.get();
  sqlite3_bind_text(remember, 1, domain.data(), static_cast<int>(domain.size()), SQLITE_STATIC);
  sqlite3_bind_int64(remember, 2, static_cast<sqlite3_int64>(line));
  const int stepped = sqlite3_step(remember);
  sqlite3_reset(remember);
  if (stepped != SQLITE_DONE) throw importUnavailable();
  if (sqlite3_changes(db_.get()) == 1) return std::nullopt;
  sqlite3_stmt* lineOf = lineOf_.get();
  sqlite3_bind_text(lineOf, 1, domain.data(), static_cast<int>(domain.size()), SQLITE_STATIC);
  const bool found = sqlite3_step(lineOf) == SQLITE_ROW;
  const auto earlier = static_cast<std::size_t>(sqlite3_column_int64(lineOf, 0));
  sqlite3_reset(lineOf);
  if (!found) throw importUnavailable();
  return earlier;
}

}  // namespace companies
