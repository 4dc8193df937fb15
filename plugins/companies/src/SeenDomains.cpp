#include "SeenDomains.hpp"

#include <sqlite3.h>

#include <stdexcept>

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
  if (opened != SQLITE_OK) fail(opened);
  sqlite3_stmt* remember = nullptr;
  sqlite3_stmt* lineOf = nullptr;
  if (const int rc = sqlite3_exec(db, kSetUp, nullptr, nullptr, nullptr); rc != SQLITE_OK) fail(rc);
  if (const int rc = sqlite3_prepare_v2(db, kRemember, -1, &remember, nullptr); rc != SQLITE_OK) fail(rc);
  remember_.reset(remember);
  if (const int rc = sqlite3_prepare_v2(db, kLineOf, -1, &lineOf, nullptr); rc != SQLITE_OK) fail(rc);
  lineOf_.reset(lineOf);
}

std::optional<std::size_t> SeenDomains::earlierLine(const std::string& domain, std::size_t line) {
  sqlite3_stmt* remember = remember_.get();
  sqlite3_bind_text(remember, 1, domain.data(), static_cast<int>(domain.size()), SQLITE_STATIC);
  sqlite3_bind_int64(remember, 2, static_cast<sqlite3_int64>(line));
  const int stepped = sqlite3_step(remember);
  const bool kept = stepped == SQLITE_DONE && sqlite3_changes(db_.get()) == 1;
  sqlite3_reset(remember);
  if (stepped != SQLITE_DONE) fail(stepped);
  if (kept) return std::nullopt;
  sqlite3_stmt* lineOf = lineOf_.get();
  sqlite3_bind_text(lineOf, 1, domain.data(), static_cast<int>(domain.size()), SQLITE_STATIC);
  const int found = sqlite3_step(lineOf);
  const std::size_t earlier = found == SQLITE_ROW ? static_cast<std::size_t>(sqlite3_column_int64(lineOf, 0)) : 0;
  sqlite3_reset(lineOf);
  if (found != SQLITE_ROW) fail(found);
  return earlier;
}

void SeenDomains::fail(int code) const {
  // A full disk is the client's to retry; anything else (the temporary
  // directory not writable, say) is the operator's, and goes to the log.
  if ((code & 0xff) == SQLITE_FULL) throw importUnavailable();
  throw std::runtime_error(std::string("the import's list of domains (a temporary SQLite database): ") +
                           (db_ ? sqlite3_errmsg(db_.get()) : sqlite3_errstr(code)));
}

}  // namespace companies
