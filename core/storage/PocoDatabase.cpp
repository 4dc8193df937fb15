#include "core/storage/PocoDatabase.hpp"

#include <Poco/Data/PostgreSQL/SessionImpl.h>
#include <Poco/Data/SQLite/Utility.h>

#include <memory>
#include <stdexcept>

#include "core/storage/Placeholders.hpp"
#include "core/storage/PostgresStatement.hpp"
#include "core/storage/SqliteStatement.hpp"

namespace tabhost::core {

std::vector<sdk::Json> PocoDatabase::run(std::string_view sql, const sdk::Params& params, sdk::ExecResult& result) {
  if (driver_ == "sqlite") return runSqlite(Poco::Data::SQLite::Utility::dbHandle(session_), sql, params, result, statements_);
  auto* impl = static_cast<Poco::Data::PostgreSQL::SessionImpl*>(session_.impl());
  return runPostgres(impl->handle(), numberPlaceholders(sql), params, result);
}

void PocoDatabase::executeScript(const std::string& sql) {
  if (driver_ == "sqlite") {
    char* error = nullptr;
    if (sqlite3_exec(Poco::Data::SQLite::Utility::dbHandle(session_), sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
      const std::string message = error ? error : "unknown error";
      sqlite3_free(error);
      throw std::runtime_error("SQLite: " + message);
    }
    return;
  }
  auto* impl = static_cast<Poco::Data::PostgreSQL::SessionImpl*>(session_.impl());
  std::unique_ptr<PGresult, void (*)(PGresult*)> res(PQexec(impl->handle(), sql.c_str()), PQclear);
  const ExecStatusType status = res ? PQresultStatus(res.get()) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    throw std::runtime_error(std::string("PostgreSQL: ") +
                             (res ? PQresultErrorMessage(res.get()) : PQerrorMessage(impl->handle())));
}

void PocoDatabase::begin() { execute(driver_ == "sqlite" ? "BEGIN IMMEDIATE" : "BEGIN"); }

bool PocoDatabase::inTransaction() {
  if (driver_ == "sqlite") return sqlite3_get_autocommit(Poco::Data::SQLite::Utility::dbHandle(session_)) == 0;
  auto* impl = static_cast<Poco::Data::PostgreSQL::SessionImpl*>(session_.impl());
  return PQtransactionStatus(impl->handle()) != PQTRANS_IDLE;
}

void PocoDatabase::transaction(const std::function<void()>& work) {
  if (inTransaction()) {
    // Nested: a savepoint, named by depth so nested calls nest correctly.
    const std::string name = "tabhost_sp" + std::to_string(++savepoints_);
    execute("SAVEPOINT " + name);
    try {
      work();
    } catch (...) {
      --savepoints_;
      if (inTransaction()) {
        execute("ROLLBACK TO SAVEPOINT " + name);
        execute("RELEASE SAVEPOINT " + name);
      }
      throw;
    }
    --savepoints_;
    execute("RELEASE SAVEPOINT " + name);
    return;
  }
  begin();
  try {
    work();
  } catch (...) {
    if (inTransaction()) execute("ROLLBACK");
    throw;
  }
  execute("COMMIT");
}

std::vector<sdk::Json> PocoDatabase::query(std::string_view sql, const sdk::Params& params) {
  sdk::ExecResult ignored;
  return run(sql, params, ignored);
}

sdk::ExecResult PocoDatabase::execute(std::string_view sql, const sdk::Params& params) {
  sdk::ExecResult result;
  run(sql, params, result);
  return result;
}

}  // namespace tabhost::core
