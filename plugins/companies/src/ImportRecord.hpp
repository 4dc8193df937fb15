// An import as companies_imports holds it and the API shows it: the same
// answer from the POST that ran it, GET /companies/imports/{batch_id} and
// the list, and the same facts in its audit entry.
#pragma once

#include <optional>
#include <string>

#include <tabhost/sdk/sdk.hpp>

namespace companies {

/// The SELECT list of a companies_imports row.
extern const char* const kImportColumns;

/// A companies_imports row as the API shows it (mode, status, counts, who, when).
tabhost::sdk::Json importJson(const tabhost::sdk::Json& row);

/// The import `batchId` with its first 100 refused rows and the report's
/// address; nullopt when there is no such import.
std::optional<tabhost::sdk::Json> importReport(tabhost::sdk::Database& db, const std::string& batchId);

}  // namespace companies
