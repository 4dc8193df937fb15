// Runs one statement on a PostgreSQL connection through libpq.
//
// Why not Poco's statements: each one costs several round trips (prepare,
// describe, execute, deallocate) — 1.8 ms for SELECT 1 on loopback here —
// where PQexecParams needs one. The connection itself still comes from
// Poco::Data (pooling, search_path, transactions).
#pragma once

#include <string_view>
#include <vector>

#include <libpq-fe.h>

#include "tabhost/sdk/db.hpp"

namespace tabhost::core {

/// Executes `sql` (with $n placeholders) and `params`; returns the rows and
/// fills `result.affectedRows`. Throws sdk::Error: 409 on a constraint
/// (SQLSTATE class 23), 507 on a full disk (53100), 503 otherwise.
std::vector<sdk::Json> runPostgres(PGconn* connection, std::string_view sql, const sdk::Params& params,
                                   sdk::ExecResult& result);

}  // namespace tabhost::core
