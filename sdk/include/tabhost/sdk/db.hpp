// Tabhost plugin SDK — the tenant's database.
//
// A handler reaches only the current tenant's database (one SQLite file or one
// PostgreSQL schema per tenant), so one tenant's rows cannot be read while
// serving another. Write portable SQL with `?` placeholders (docs/sql.md).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "tabhost/sdk/json.hpp"

namespace tabhost::sdk {

/// Binary data to bind (SQLite BLOB, PostgreSQL BYTEA). Read back, such a
/// column is a Json string holding the raw bytes: send it with
/// Response::bytes, never inside a JSON body.
struct Blob {
  std::string bytes;
};

/// One positional parameter for a `?` placeholder: anything a Json can hold
/// (null, bool, integer, real, string — bound as the matching SQL type) or a
/// Blob. Timestamps are bound as text in UTC (see time.hpp); JSON documents
/// as text (RequestContext::jsonText).
class Param {
 public:
  template <class T, class = std::enable_if_t<std::is_constructible_v<Json, T&&>>>
  Param(T&& value) : value_(Json(std::forward<T>(value))) {}
  Param(Blob blob) : value_(std::move(blob)) {}

  /// The value, unless this is a Blob.
  const Json* json() const { return std::get_if<Json>(&value_); }
  /// The bytes, if this is a Blob.
  const Blob* blob() const { return std::get_if<Blob>(&value_); }

 private:
  std::variant<Json, Blob> value_;
};

/// Positional parameters, in placeholder order.
using Params = std::vector<Param>;

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
  /// Runs `work` as one unit: kept when it returns, undone when it throws
  /// (the exception then goes on). Inside a mutating route's transaction it is
  /// a savepoint, so a failed step can be undone and the route carry on; on
  /// its own (a GET route, later a job) it is a transaction of its own.
  virtual void transaction(const std::function<void()>& work) = 0;
};

}  // namespace tabhost::sdk
