// GET /companies/export?format=csv: the catalog, or the companies GET
// /companies's q, status, country, industry and call_tree_verified select,
// streamed a page at a time in id order, in the columns the import reads (so
// export → import round-trips), each cell guarded against spreadsheet formulas.
#include <memory>

#include "CompaniesRoutes.hpp"
#include "CompanySearch.hpp"
#include "CompanyStore.hpp"

namespace companies {

namespace {

using namespace tabhost::sdk;

constexpr int kRowsPerPiece = 500;

Response exportCsv(RequestContext& ctx) {
  if (ctx.query("format").value_or("csv") != "csv")
    throw Error::badRequest("invalid_format", "format must be csv", "format");
  // Built (and its filters checked) before the answer starts: a bad filter is a 400, not a broken stream.
  auto selection = std::make_shared<const CatalogSelection>(selectCatalog(ctx, catalogWords(ctx), false));
  auto afterId = std::make_shared<std::int64_t>(-1);
  Response r = Response::streamed("text/csv; charset=utf-8", [&ctx, selection, afterId](std::string& out) {
    if (*afterId < 0) {
      for (std::size_t i = 0; i < kFieldCount; ++i) out.append(i ? "," : "").append(kFields[i].name);
      out += "\r\n";
      *afterId = 0;
    }
    Params params = selection->params;
    params.emplace_back(*afterId);
    params.emplace_back(kRowsPerPiece);
    const auto rows = ctx.db().query(std::string("SELECT ") + kRowColumns + " FROM " + selection->from +
                                         selection->where + (selection->where.empty() ? " WHERE " : " AND ") +
                                         selection->id + " > ? ORDER BY " + selection->id + " LIMIT ?",
                                     params);
    for (const auto& row : rows) {
      const CompanyText company = companyFromRow(row);
      for (std::size_t i = 0; i < kFieldCount; ++i) {
        if (i) out += ',';
        appendCsvField(out, company[i]);
      }
      out += "\r\n";
    }
    if (!rows.empty()) *afterId = rows.back().find("id")->asInt();
    return rows.size() == static_cast<std::size_t>(kRowsPerPiece);
  });
  r.headers.emplace_back("Content-Disposition", "attachment; filename=\"companies.csv\"");
  return r;
}

}  // namespace

void registerExportRoutes(Registrar& r) {
  r.route(Method::Get, "/companies/export", Access::require("companies.import"), exportCsv);
}

}  // namespace companies
