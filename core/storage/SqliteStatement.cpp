#include "core/storage/SqliteStatement.hpp"

#include <memory>

#include "core/log/Logging.hpp"
#include "core/storage/StatementCache.hpp"
#include "tabhost/sdk/error.hpp"

namespace tabhost::core {

namespace {

[[noreturn]] void fail(sqlite3* db, std::string_view sql, int rc) {
  // Log the statement's start only: parameters may be personal data.
  hostLog().error("storage: sqlite statement failed ({}...): {} (code {})", sql.substr(0, 60), sqlite3_errmsg(db),
                  sqlite3_extended_errcode(db));
  switch (rc & 0xff) {
    case SQLITE_CONSTRAINT:
      throw sdk::Error::conflict("constraint_violation", "the change conflicts with existing data");
    case SQLITE_FULL:
      throw sdk::Error(507, "storage_full", "the database has no space left; nothing was saved");
    case SQLITE_READONLY:
      throw sdk::Error(503, "storage_read_only", "the database is read-only; nothing was saved");
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      throw sdk::Error(503, "storage_busy", "the database is busy; retry shortly");
    default:
      throw sdk::Error(503, "storage_error", "the database could not complete the request");
  }
}

// Texts and blobs are bound in place (SQLITE_STATIC), not copied: `params`
// outlives every step, and the statement lets go of them (StatementCache::put
// or finalize) before runSqlite returns.
void bindAll(sqlite3* db, sqlite3_stmt* statement, std::string_view sql, const sdk::Params& params) {
  if (sqlite3_bind_parameter_count(statement) != static_cast<int>(params.size()))
    throw sdk::Error::badRequest("invalid_parameters", "statement has " +
                                                           std::to_string(sqlite3_bind_parameter_count(statement)) +
                                                           " placeholders but " + std::to_string(params.size()) +
                                                           " values were given");
  for (std::size_t i = 0; i < params.size(); ++i) {
    const int at = static_cast<int>(i) + 1;
    int rc;
    if (const sdk::Blob* blob = params[i].blob()) {
      rc = sqlite3_bind_blob64(statement, at, blob->bytes.data(), blob->bytes.size(), SQLITE_STATIC);
      if (rc != SQLITE_OK) fail(db, sql, rc);
      continue;
    }
    const sdk::Json& p = *params[i].json();
    if (p.isNull())
      rc = sqlite3_bind_null(statement, at);
    else if (p.isBool())
      rc = sqlite3_bind_int(statement, at, p.asBool() ? 1 : 0);
    else if (p.isInt())
      rc = sqlite3_bind_int64(statement, at, p.asInt());
    else if (p.isNumber())
      rc = sqlite3_bind_double(statement, at, p.asDouble());
    else if (p.isString())
      rc = sqlite3_bind_text(statement, at, p.asString().data(), static_cast<int>(p.asString().size()),
                             SQLITE_STATIC);
    else
      throw sdk::Error::badRequest("invalid_parameter", "arrays and objects cannot be bound; store JSON as text");
    if (rc != SQLITE_OK) fail(db, sql, rc);
  }
}

sdk::Json columnValue(sqlite3_stmt* statement, int column) {
  switch (sqlite3_column_type(statement, column)) {
    case SQLITE_INTEGER: return sdk::Json(static_cast<std::int64_t>(sqlite3_column_int64(statement, column)));
    case SQLITE_FLOAT: return sdk::Json(sqlite3_column_double(statement, column));
    case SQLITE_NULL: return sdk::Json();
    default: {  // TEXT, and BLOB as its bytes
      const auto* bytes = static_cast<const char*>(sqlite3_column_blob(statement, column));
      return sdk::Json(std::string(bytes ? bytes : "", static_cast<std::size_t>(sqlite3_column_bytes(statement, column))));
    }
  }
}

}  // namespace

std::vector<sdk::Json> runSqlite(sqlite3* db, std::string_view sql, const sdk::Params& params, sdk::ExecResult& result,
                                 StatementCache* cache) {
  sqlite3_stmt* raw = cache ? cache->take(sql) : nullptr;
  if (!raw) {
    const char* tail = nullptr;
    const int prepared = sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &raw, &tail);
    if (prepared != SQLITE_OK) fail(db, sql, prepared);
    if (tail && std::string_view(tail).find_first_not_of(" \t\r\n;") != std::string_view::npos) {
      sqlite3_finalize(raw);
      throw sdk::Error::badRequest("multiple_statements", "one statement at a time");
    }
    if (!raw) return {};  // only whitespace or a comment
  }
  // Back to the cache when done, whether it ran to the end or failed.
  const auto done = [cache, sql](sqlite3_stmt* s) {
    if (cache) cache->put(sql, s);
    else sqlite3_finalize(s);
  };
  std::unique_ptr<sqlite3_stmt, decltype(done)> statement(raw, done);
  int rc;
  bindAll(db, statement.get(), sql, params);

  std::vector<sdk::Json> rows;
  std::vector<std::string> names;
  while ((rc = sqlite3_step(statement.get())) == SQLITE_ROW) {
    // Read after the first step: a statement prepared before a schema
    // change is prepared again by that step, and its columns may differ.
    if (rows.empty())
      for (int c = 0; c < sqlite3_column_count(statement.get()); ++c)
        names.emplace_back(sqlite3_column_name(statement.get(), c));
    sdk::Json::Object row;
    row.reserve(names.size());
    for (std::size_t c = 0; c < names.size(); ++c)
      row.emplace_back(names[c], columnValue(statement.get(), static_cast<int>(c)));
    rows.emplace_back(std::move(row));
  }
  if (rc != SQLITE_DONE) fail(db, sql, rc);
  result.affectedRows = sqlite3_changes64(db);
  result.lastInsertId = sqlite3_last_insert_rowid(db);
  return rows;
}

}  // namespace tabhost::core
