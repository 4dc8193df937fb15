// Reading and writing catalog rows, for the API and the CSV import alike.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "CompanyFields.hpp"

namespace companies {

/// The SELECT list of a catalog row, from "companies c".
extern const char* const kRowColumns;

/// The id in a path (a positive integer), or 404 "company_not_found".
std::int64_t companyId(const tabhost::sdk::RequestContext& ctx);

/// The catalog row of `id`, or 404 "company_not_found".
tabhost::sdk::Json companyRow(tabhost::sdk::Database& db, std::int64_t id);

/// A catalog row (kRowColumns) as the API shows it.
tabhost::sdk::Json companyJson(tabhost::sdk::RequestContext& ctx, tabhost::sdk::Json row);

/// What insertCompanies does with a row whose domain another company has.
enum class TakenDomain {
  Refuse,  ///< the statement fails (the unique constraint)
  Pass     ///< the row is left out, and left out of the answer
};

/// A company insertCompanies created.
struct CreatedCompany {
  std::string domain;
  std::int64_t id;
};

/// Inserts `rows` (multi-row statements) and returns the companies it
/// created, in no particular order.
std::vector<CreatedCompany> insertCompanies(tabhost::sdk::Database& db, std::vector<CompanyText> rows,
                                            const std::string& actorId, const std::string& now,
                                            TakenDomain taken = TakenDomain::Refuse);

/// Writes the fields of `after` that differ from `before` (only those
/// `present`, when given) and returns the changes, before → after.
std::vector<tabhost::sdk::Change> updateCompany(tabhost::sdk::Database& db, std::int64_t id, const CompanyText& before,
                                                const CompanyText& after, const std::string& now,
                                                const std::array<bool, kFieldCount>* present = nullptr);

/// The changes as audit records them (text values; the flag as a boolean).
tabhost::sdk::Change fieldChange(std::size_t index, const std::string& before, const std::string& after);

}  // namespace companies
