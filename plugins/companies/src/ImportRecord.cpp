#include "ImportRecord.hpp"

namespace companies {

using tabhost::sdk::Json;

const char* const kImportColumns =
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

std::optional<Json> importReport(tabhost::sdk::Database& db, const std::string& batchId) {
  auto rows = db.query(std::string("SELECT ") + kImportColumns + " FROM companies_imports WHERE batch_id = ?",
                       {batchId});
  if (rows.empty()) return std::nullopt;
  Json shown = importJson(rows.front());
  Json errors = Json::array();
  for (const auto& e : db.query("SELECT line, column_number, column_name, message FROM companies_import_errors "
                                "WHERE batch_id = ? ORDER BY seq LIMIT 100",
                                {batchId}))
    errors.push_back(Json::object({{"line", *e.find("line")},
                                   {"column", *e.find("column_number")},
                                   {"field", e.find("column_name")->asString().empty() ? Json() : *e.find("column_name")},
                                   {"message", *e.find("message")}}));
  shown["errors"] = std::move(errors);
  shown["report_url"] = "companies/imports/" + batchId + "/report.csv";
  return shown;
}

}  // namespace companies
