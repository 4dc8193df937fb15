// POST /companies/import?mode=dry_run|apply&on_conflict=skip|update|fail
//                       [&all_or_nothing=true|false][&batch_id=...]
//
// The CSV body (a header row naming columns as the export writes them) is
// received into a temporary file first (SpooledBody: a slow sender keeps no
// writer waiting), then read back and checked row by row (ImportRows, on a
// thread of its own, its domains kept in SeenDomains to find repeats);
// valid rows are written in groups of a few hundred (ImportWriter, on the
// request's thread), inside one savepoint, so that a file of any size takes
// the same memory and "apply" is all or nothing: a single bad row (or a
// refused conflict) undoes every row, unless all_or_nothing=false.
// Rows are matched to the catalog by domain, which makes a re-import of the
// same file change nothing. The import itself is one audit entry
// (companies.import, target company_import/{batch_id}) and one row in
// companies_imports with its refused rows, recorded even when nothing was
// applied.
#pragma once

#include <tabhost/sdk/sdk.hpp>

namespace companies {

tabhost::sdk::Response importCompanies(tabhost::sdk::RequestContext& ctx);

}  // namespace companies
