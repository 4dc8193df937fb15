// The CSV import's routes: run one, follow it, read its report.
#include "CompaniesRoutes.hpp"
#include "CsvImport.hpp"
#include "ImportProgress.hpp"
#include "ImportRecord.hpp"

namespace companies {

namespace {

using namespace tabhost::sdk;

// A finished import from the database; one in flight (or refused part-way,
// which leaves no row) from the progress registry.
Response one(RequestContext& ctx) {
  const std::string batch = *ctx.param("batch_id");
  if (auto report = importReport(ctx.db(), batch)) return Response::json(Json::object({{"import", std::move(*report)}}));
  if (auto figures = ImportProgress::instance().find(ctx.tenant().id, batch))
    return Response::json(
        Json::object({{"import", Json::object({{"batch_id", batch}})}, {"progress", figuresJson(*figures)}}));
  throw Error::notFound("import_not_found", "no import " + batch);
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
