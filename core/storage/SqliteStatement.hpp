// Runs one statement on a SQLite connection through its native handle.
//
// Why not Poco's extraction: Poco types SQLite result columns by their
// declared type, so an expression such as COUNT(*) (no declared type) reads
// back as a string. SQLite types each *value*; reading sqlite3_column_type
// gives plugins the integer they wrote. The connection itself still comes
// from Poco::Data (pooling, pragmas, transactions).
#pragma once

#include <string_view>
#include <vector>

#include <sqlite3.h>

#include "tabhost/sdk/db.hpp"

namespace tabhost::core {

class StatementCache;

/// Executes `sql` with `params`; returns the rows (each a JSON object keyed by
/// column name) and fills `result` (changes, last row id). Throws sdk::Error:
/// 409 on a constraint, 507 when the disk is full, 503 otherwise. With a
/// `cache` (the connection's), the statement is prepared once and reused.
std::vector<sdk::Json> runSqlite(sqlite3* db, std::string_view sql, const sdk::Params& params, sdk::ExecResult& result,
                                 StatementCache* cache = nullptr);

}  // namespace tabhost::core
