// The companies plugin's routes, by concern (each registered from CompaniesPlugin.cpp).
#pragma once

#include <tabhost/sdk/sdk.hpp>

#include "CompanyFields.hpp"

namespace companies {

/// The rules the tenant's settings give the field checks.
FieldRules rulesFor(tabhost::sdk::RequestContext& ctx);

/// GET/POST /companies, GET/PATCH/DELETE /companies/{id}, approve, reject, follow.
void registerCatalogRoutes(tabhost::sdk::Registrar& r);
/// GET/POST/DELETE /companies/{id}/members.
void registerMemberRoutes(tabhost::sdk::Registrar& r);
/// POST /companies/import, GET /companies/imports[/{batch_id}[/report.csv]].
void registerImportRoutes(tabhost::sdk::Registrar& r);
/// GET /companies/export.
void registerExportRoutes(tabhost::sdk::Registrar& r);

}  // namespace companies
