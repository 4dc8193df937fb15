// The CSV import's routes: run one, follow it, read its report.
#include "CompaniesRoutes.hpp"
#include "CsvImport.hpp"
#include "ImportProgress.hpp"

namespace companies {

namespace {

using namespace tabhost::sdk;

constexpr const char* kImportColumns =
    "batch_id, mode, on_conflict, status, rows_read, created, updated, unchanged, skipped, invalid, bytes, actor_id, "
    "started_at, finished_at";

Json importJson(const Json& row) {
  return Json::object({{"batch_id", *row.find("batch_id")},
                       {"mode", *row.find("mode")},
                       {"on_conflict", *row.find("on_conflict")},
                       {"status", *row.find("status")},
                       {"rows", *row.find("rows_read")},
                       {"created", *row.find("created")},
                       {"updated", *row.find("updated")},
                       {"unchanged", *row.find("unchanged")},
                       {"skipped", *row.find("skipped")},
                       {"invalid", *row.find("invalid")},
                       {"bytes", *row.find("bytes")},
                       {"actor_id", *row.find("actor_id")},
                       {"started_at", *row.find("started_at")},
                       {"finished_at", *row.find("finished_at")}});
}

// A finished import from the database; one in flight (or refused part-way,
// which leaves no row) from the progress registry.
Response one(RequestContext& ctx) {
  const std::string batch = *ctx.param("batch_id");
  auto rows = ctx.db().query(std::string("SELECT ") + kImportColumns + " FROM companies_imports WHERE batch_id = ?",
                             {batch});
  if (rows.empty()) {
    if (auto figures = ImportProgress::instance().find(ctx.tenant().id, batch))
      return Response::json(Json::object({{"import", Json::object({{"batch_id", batch}})},
                                          {"progress", figuresJson(*figures)}}));
    throw Error::notFound("import_not_found", "no import " + batch);
  }
  Json shown = importJson(rows.front());
  Json errors = Json::array();
  for (const auto& e : ctx.db().query("SELECT line, column_number, column_name, message FROM companies_import_errors "
                                      "WHERE batch_id = ? ORDER BY seq LIMIT 100",
                                      {batch}))
    errors.push_back(Json::object({{"line", *e.find("line")},
                                   {"column", *e.find("column_number")},
                                   {"field", e.find("column_name")->asString().empty() ? Json() : *e.find("column_name")},
                                   {"message", *e.find("message")}}));
  shown["errors"] = std::move(errors);
  shown["report_url"] = "companies/imports/" + batch + "/report.csv";
  return Response::json(Json::object({{"import", std::move(shown)}}));
}

Response list(RequestContext& ctx) {
  const Page page = readPage(ctx);
  Params params;
  std::string after;
  if (page.after) {
    after = " WHERE (started_at, batch_id) < (?, ?)";
    params = {page.after->sortValue, page.after->id};
  }
  params.emplace_back(page.limit + 1);
  auto rows = ctx.db().query(std::string("SELECT ") + kImportColumns + " FROM companies_imports" + after +
                                 " ORDER BY started_at DESC, batch_id DESC LIMIT ?",
                             params);
  Json body = pageBody(std::move(rows), page, "started_at", "batch_id");
  for (auto& item : body["items"].asArray()) item = importJson(item);
  return Response::json(std::move(body));
}

// Every refused row as CSV: line, column, field, message.
Response reportCsv(RequestContext& ctx) {
  const std::string batch = *ctx.param("batch_id");
  if (ctx.db().query("SELECT 1 AS x FROM companies_imports WHERE batch_id = ?", {batch}).empty())
    throw Error::notFound("import_not_found", "no import " + batch);
  std::string csv = "line,column,field,message\r\n";
  for (const auto& e : ctx.db().query("SELECT line, column_number, column_name, message FROM companies_import_errors "
                                      "WHERE batch_id = ? ORDER BY seq",
                                      {batch})) {
    csv += std::to_string(e.find("line")->asInt()) + ',' + std::to_string(e.find("column_number")->asInt()) + ',';
    appendCsvField(csv, e.find("column_name")->asString());
    csv += ',';
    appendCsvField(csv, e.find("message")->asString());
    csv += "\r\n";
  }
  Response r = Response::bytes(std::move(csv), "text/csv; charset=utf-8");
  r.headers.emplace_back("Content-Disposition", "attachment; filename=\"import-" + batch + "-report.csv\"");
  return r;
}

}  // namespace

void registerImportRoutes(Registrar& r) {
  const Access importer = Access::require("companies.import");
  r.route(Method::Post, "/companies/import", importer, importCompanies);
  r.streamBody(Method::Post, "/companies/import");
  r.route(Method::Get, "/companies/imports", importer, list);
  r.route(Method::Get, "/companies/imports/{batch_id}", importer, one);
  r.route(Method::Get, "/companies/imports/{batch_id}/report.csv", importer, reportCsv);
}

}  // namespace companies
