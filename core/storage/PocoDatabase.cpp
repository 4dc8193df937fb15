#include "core/storage/PocoDatabase.hpp"

#include <Poco/Data/LOB.h>
#include <Poco/Data/RecordSet.h>
#include <Poco/Data/SQLite/Utility.h>
#include <Poco/Data/Statement.h>
#include <Poco/Nullable.h>

#include "core/log/Logging.hpp"
#include "core/storage/Placeholders.hpp"
#include "core/storage/SqliteStatement.hpp"
#include "tabhost/sdk/error.hpp"

namespace tabhost::core {

namespace {

using Poco::Data::Keywords::bind;

void bindAll(Poco::Data::Statement& statement, const sdk::Params& params) {
  for (const auto& param : params) {
    if (const sdk::Blob* blob = param.blob()) {
      statement.addBind(bind(Poco::Data::BLOB(reinterpret_cast<const unsigned char*>(blob->bytes.data()),
                                              blob->bytes.size())));
      continue;
    }
    const sdk::Json& p = *param.json();
    if (p.isNull())
      statement.addBind(bind(Poco::Nullable<std::string>()));
    else if (p.isBool())
      statement.addBind(bind(p.asBool()));
    else if (p.isInt())
      statement.addBind(bind(static_cast<Poco::Int64>(p.asInt())));
    else if (p.isNumber())
      statement.addBind(bind(p.asDouble()));
    else if (p.isString())
      statement.addBind(bind(p.asString()));
    else
      throw sdk::Error::badRequest("invalid_parameter", "arrays and objects cannot be bound; store JSON as text");
  }
}

sdk::Json toJson(const Poco::Dynamic::Var& v) {
  if (v.isEmpty()) return sdk::Json();
  if (v.type() == typeid(Poco::Data::BLOB)) {
    const auto& blob = v.extract<Poco::Data::BLOB>();
    return sdk::Json(std::string(reinterpret_cast<const char*>(blob.rawContent()), blob.size()));
  }
  if (v.isBoolean()) return sdk::Json(v.convert<bool>());
  if (v.isInteger()) return sdk::Json(static_cast<std::int64_t>(v.convert<Poco::Int64>()));
  if (v.isNumeric()) return sdk::Json(v.convert<double>());
  return sdk::Json(v.convert<std::string>());
}

// PostgreSQL failures are logged with the statement's first words (never the
// parameters, which may be personal data). A broken constraint (SQLSTATE
// class 23) is the caller's conflict (409); anything else is 503.
[[noreturn]] void fail(std::string_view sql, const Poco::Exception& e) {
  // SQLSTATE class 23 is PostgreSQL's "integrity constraint violation".
  if (e.displayText().find("State: 23") != std::string::npos)
    throw sdk::Error::conflict("constraint_violation", "the change conflicts with existing data");
  hostLog().error("storage: statement failed ({}...): {}", sql.substr(0, 60), e.displayText());
  throw sdk::Error(503, "storage_error", "the database could not complete the request");
}

}  // namespace

std::string PocoDatabase::sqlFor(std::string_view sql) const {
  return driver_ == "postgresql" ? numberPlaceholders(sql) : std::string(sql);
}

std::vector<sdk::Json> PocoDatabase::query(std::string_view sql, const sdk::Params& params) {
  if (driver_ == "sqlite") {
    sdk::ExecResult ignored;
    return runSqlite(Poco::Data::SQLite::Utility::dbHandle(session_), sql, params, ignored);
  }
  try {
    Poco::Data::Statement statement(session_);
    statement << sqlFor(sql);
    bindAll(statement, params);
    statement.execute();
    Poco::Data::RecordSet rows(statement);
    std::vector<sdk::Json> result;
    result.reserve(rows.rowCount());
    const std::size_t columns = rows.columnCount();
    for (std::size_t r = 0; r < rows.rowCount(); ++r) {
      sdk::Json::Object row;
      row.reserve(columns);
      for (std::size_t c = 0; c < columns; ++c) row.emplace_back(rows.columnName(c), toJson(rows.value(c, r)));
      result.emplace_back(std::move(row));
    }
    return result;
  } catch (const Poco::Exception& e) {
    fail(sql, e);
  }
}

sdk::ExecResult PocoDatabase::execute(std::string_view sql, const sdk::Params& params) {
  if (driver_ == "sqlite") {
    sdk::ExecResult result;
    runSqlite(Poco::Data::SQLite::Utility::dbHandle(session_), sql, params, result);
    return result;
  }
  try {
    Poco::Data::Statement statement(session_);
    statement << sqlFor(sql);
    bindAll(statement, params);
    sdk::ExecResult result;
    result.affectedRows = static_cast<std::int64_t>(statement.execute());
    return result;
  } catch (const Poco::Exception& e) {
    fail(sql, e);
  }
}

}  // namespace tabhost::core
