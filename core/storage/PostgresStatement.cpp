#include "core/storage/PostgresStatement.hpp"

#include <cstdlib>
#include <memory>
#include <string>

#include "core/log/Logging.hpp"
#include "tabhost/sdk/error.hpp"

namespace tabhost::core {

namespace {

// Type OIDs from PostgreSQL's pg_type catalogue (stable across versions).
constexpr Oid kBool = 16, kBytea = 17, kInt8 = 20, kInt2 = 21, kInt4 = 23, kFloat4 = 700, kFloat8 = 701,
              kNumeric = 1700;

[[noreturn]] void fail(PGconn* connection, const PGresult* res, std::string_view sql) {
  const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  const std::string sqlState = state ? state : "";
  hostLog().error("storage: postgresql statement failed ({}...): {} (SQLSTATE {})", sql.substr(0, 60),
                  res ? PQresultErrorMessage(res) : PQerrorMessage(connection), sqlState.empty() ? "-" : sqlState);
  if (sqlState.rfind("23", 0) == 0)
    throw sdk::Error::conflict("constraint_violation", "the change conflicts with existing data");
  if (sqlState == "53100") throw sdk::Error(507, "storage_full", "the database has no space left; nothing was saved");
  throw sdk::Error(503, "storage_error", "the database could not complete the request");
}

sdk::Json columnValue(const PGresult* res, int row, int column) {
  if (PQgetisnull(res, row, column)) return sdk::Json();
  const char* text = PQgetvalue(res, row, column);
  switch (PQftype(res, column)) {
    case kInt2:
    case kInt4:
    case kInt8: return sdk::Json(static_cast<std::int64_t>(std::strtoll(text, nullptr, 10)));
    case kFloat4:
    case kFloat8:
    case kNumeric: return sdk::Json(std::strtod(text, nullptr));
    case kBool: return sdk::Json(text[0] == 't');
    case kBytea: {
      std::size_t length = 0;
      std::unique_ptr<unsigned char, void (*)(void*)> bytes(
          PQunescapeBytea(reinterpret_cast<const unsigned char*>(text), &length), PQfreemem);
      return sdk::Json(std::string(reinterpret_cast<const char*>(bytes.get()), length));
    }
    default: return sdk::Json(std::string(text, static_cast<std::size_t>(PQgetlength(res, row, column))));
  }
}

}  // namespace

std::vector<sdk::Json> runPostgres(PGconn* connection, std::string_view sql, const sdk::Params& params,
                                   sdk::ExecResult& result) {
  // Text parameters with unspecified types let the server infer each from its
  // use, as it does for literals; blobs go binary as bytea.
  std::vector<std::string> texts(params.size());
  std::vector<const char*> values(params.size(), nullptr);
  std::vector<int> lengths(params.size(), 0), formats(params.size(), 0);
  std::vector<Oid> types(params.size(), 0);
  for (std::size_t i = 0; i < params.size(); ++i) {
    if (const sdk::Blob* blob = params[i].blob()) {
      values[i] = blob->bytes.data();
      lengths[i] = static_cast<int>(blob->bytes.size());
      formats[i] = 1;
      types[i] = kBytea;
      continue;
    }
    const sdk::Json& p = *params[i].json();
    if (p.isNull()) continue;
    if (p.isBool()) {
      texts[i] = p.asBool() ? "true" : "false";
      types[i] = kBool;
    } else if (p.isInt()) {
      texts[i] = std::to_string(p.asInt());
      types[i] = kInt8;
    } else if (p.isNumber()) {
      char buffer[32];
      std::snprintf(buffer, sizeof buffer, "%.17g", p.asDouble());
      texts[i] = buffer;
      types[i] = kFloat8;
    } else if (p.isString()) {
      texts[i] = p.asString();
    } else {
      throw sdk::Error::badRequest("invalid_parameter", "arrays and objects cannot be bound; store JSON as text");
    }
    values[i] = texts[i].c_str();
    lengths[i] = static_cast<int>(texts[i].size());
  }
  const std::string statement(sql);
  std::unique_ptr<PGresult, void (*)(PGresult*)> res(
      PQexecParams(connection, statement.c_str(), static_cast<int>(params.size()), types.data(), values.data(),
                   lengths.data(), formats.data(), 0),
      PQclear);
  const ExecStatusType status = res ? PQresultStatus(res.get()) : PGRES_FATAL_ERROR;
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) fail(connection, res.get(), sql);

  std::vector<sdk::Json> rows;
  const int rowCount = PQntuples(res.get()), columns = PQnfields(res.get());
  rows.reserve(static_cast<std::size_t>(rowCount));
  for (int r = 0; r < rowCount; ++r) {
    sdk::Json::Object row;
    row.reserve(static_cast<std::size_t>(columns));
    for (int c = 0; c < columns; ++c) row.emplace_back(PQfname(res.get(), c), columnValue(res.get(), r, c));
    rows.emplace_back(std::move(row));
  }
  const char* affected = PQcmdTuples(res.get());
  result.affectedRows = affected && *affected ? std::strtoll(affected, nullptr, 10) : 0;
  return rows;
}

}  // namespace tabhost::core
