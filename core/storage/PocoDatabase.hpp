// tabhost::sdk::Database over one pooled Poco::Data session. Statements run
// through the driver's own API on that session's connection (SqliteStatement,
// PostgresStatement: typed values and one round trip per statement).
#pragma once

#include <string>

#include <Poco/Data/Session.h>

#include "core/storage/ConnectionPool.hpp"
#include "tabhost/sdk/db.hpp"

namespace tabhost::core {

class PocoDatabase final : public sdk::Database {
 public:
  PocoDatabase(Poco::Data::Session& session, std::string driver) : session_(session), driver_(std::move(driver)) {}
  /// Over a pooled connection: SQLite statements are kept prepared in it.
  PocoDatabase(ConnectionPool::Lease& lease, std::string driver)
      : session_(lease.session()), driver_(std::move(driver)), statements_(lease.statements()) {}

  // The SDK's defaults, repeated so host code calls these as plugins do.
  std::vector<sdk::Json> query(std::string_view sql, const sdk::Params& params = {}) override;
  sdk::ExecResult execute(std::string_view sql, const sdk::Params& params = {}) override;
  std::string_view driver() const override { return driver_; }
  void transaction(const std::function<void()>& work) override;

  /// Starts a transaction. SQLite: IMMEDIATE takes the write lock now, so a
  /// read-then-write transaction waits for other writers instead of failing
  /// when it upgrades, and racing migrators take turns.
  void begin();

  /// Runs SQL that may hold several statements and no parameters (a
  /// migration): sqlite3_exec on SQLite, the simple query protocol on
  /// PostgreSQL. Throws std::runtime_error with the server's message.
  void executeScript(const std::string& sql);

  /// Whether the connection is inside a transaction. Some failures (SQLite's
  /// full disk, for one) end the transaction by themselves.
  bool inTransaction();

 private:
  std::vector<sdk::Json> run(std::string_view sql, const sdk::Params& params, sdk::ExecResult& result);

  Poco::Data::Session& session_;
  std::string driver_;
  StatementCache* statements_ = nullptr;
  int savepoints_ = 0;
};

}  // namespace tabhost::core
