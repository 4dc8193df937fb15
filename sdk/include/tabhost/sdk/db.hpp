// Tabhost plugin SDK — the tenant's database.
//
// A handler reaches only the current tenant's database (one SQLite file or one
// PostgreSQL schema per tenant), so one tenant's rows cannot be read while
// serving another. Write portable SQL with `?` placeholders (docs/sql.md).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "tabhost/sdk/json.hpp"

namespace tabhost::sdk {

/// Positional parameters for `?` placeholders. null, bool, integer, real and
/// string values bind as the matching SQL types.
using Params = std::vector<Json>;

/// What a statement without a result set did.
struct ExecResult {
  /// Rows inserted, updated or deleted.
  std::int64_t affectedRows = 0;
  /// Row id of the last insert on SQLite (0 on PostgreSQL). Portable code
  /// reads ids with `query("INSERT ... RETURNING id", ...)` instead.
  std::int64_t lastInsertId = 0;
};

/// A connection to the current tenant's database, inside the request's
/// transaction when the route mutates (POST, PUT, PATCH, DELETE): the host
/// commits when the handler returns and rolls back when it throws.
class Database {
 public:
  virtual ~Database() = default;
  /// Runs a query and returns its rows, each a JSON object keyed by column
  /// name (SQL NULL is JSON null).
  virtual std::vector<Json> query(std::string_view sql, const Params& params = {}) = 0;
  /// Runs a statement that returns no rows.
  virtual ExecResult execute(std::string_view sql, const Params& params = {}) = 0;
  /// "sqlite" or "postgresql", for the rare statement that must differ.
  virtual std::string_view driver() const = 0;
};

}  // namespace tabhost::sdk
