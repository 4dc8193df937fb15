#include "ImportWriter.hpp"

#include <string_view>
#include <unordered_set>

#include "CompanyStore.hpp"

namespace companies {

using tabhost::sdk::Json;
using tabhost::sdk::Params;

ImportWriter::ImportWriter(tabhost::sdk::Database& db, const ImportOptions& options, const RowChecker& rows,
                           std::atomic<std::int64_t>& refused, std::string actorId, std::string now)
    : db_(db), options_(options), rows_(rows), refused_(refused), actorId_(std::move(actorId)), now_(std::move(now)) {}

bool ImportWriter::writing() const { return options_.apply && !(options_.allOrNothing && refused_.load() > 0); }

void ImportWriter::write(RowChecker::Batch batch) {
  if (batch.empty()) return;
  // Decided once per batch: the reading thread may refuse a row meanwhile,
  // and a batch is written whole or not at all (an all-or-nothing apply is
  // undone as a whole anyway).
  const bool writes = writing();
  if (writes && options_.onConflict != OnConflict::Update) insertBatch(batch);
  else compareBatch(batch, writes);
}

// Skip and fail: the insert itself passes over taken domains, so only
// the rows it did not create are looked at.
void ImportWriter::insertBatch(RowChecker::Batch& batch) {
  std::vector<CompanyText> rows;
  rows.reserve(batch.size());
  for (auto& row : batch) {
    rows.push_back(std::move(row.company));
    row.company[kDomain] = rows.back()[kDomain];  // to find the rows passed over
  }
  const auto inserted = insertCompanies(db_, std::move(rows), actorId_, now_, TakenDomain::Pass);
  created += static_cast<std::int64_t>(inserted.size());
  Links links;
  links.reserve(inserted.size());
  for (const auto& company : inserted) links.emplace_back(company.id, "created");
  writeLinks(links);
  if (inserted.size() == batch.size()) return;
  std::unordered_set<std::string_view> fresh;
  for (const auto& company : inserted) fresh.insert(company.domain);
  std::vector<const PendingRow*> taken;
  for (const auto& row : batch)
    if (!fresh.count(row.company[kDomain])) taken.push_back(&row);
  if (options_.onConflict == OnConflict::Skip) {
    skipped += static_cast<std::int64_t>(taken.size());
    return;
  }
  auto owners = existingByDomain(taken, "c.id, c.domain");
  for (const PendingRow* row : taken) {
    // Gone since the insert passed it over (deleted meanwhile): still refused.
    const auto owner = owners.find(row->company[kDomain]);
    refuseTaken(*row, owner == owners.end() ? "another company"
                                            : "company " + std::to_string(owner->second.find("id")->asInt()));
  }
}

// A dry run counts against what is there; an update compares with it.
void ImportWriter::compareBatch(RowChecker::Batch& batch, bool writes) {
  std::vector<const PendingRow*> all;
  all.reserve(batch.size());
  for (const auto& row : batch) all.push_back(&row);
  auto existing = existingByDomain(all, options_.onConflict == OnConflict::Update ? kRowColumns : "c.id, c.domain");
  std::vector<CompanyText> inserts;
  Links links;
  for (auto& row : batch) {
    auto match = existing.find(row.company[kDomain]);
    if (match == existing.end()) {
      ++created;
      if (writes) inserts.push_back(std::move(row.company));
      continue;
    }
    const std::int64_t id = match->second.find("id")->asInt();
    if (options_.onConflict == OnConflict::Skip) {
      ++skipped;
      continue;
    }
    if (options_.onConflict == OnConflict::Fail) {
      refuseTaken(row, "company " + std::to_string(id));
      continue;
    }
    const CompanyText before = companyFromRow(match->second);
    bool differs = false;
    for (std::size_t i = 0; i < kFieldCount; ++i)
      differs = differs || (rows_.present()[i] && before[i] != row.company[i] && !(i == kStatus && row.company[i].empty()));
    if (!differs) {
      ++unchanged;
      continue;
    }
    ++updated;
    if (writes) {
      std::array<bool, kFieldCount> present = rows_.present();
      unverifyChangedCallTree(before, row.company, present);
      updateCompany(db_, id, before, row.company, now_, &present);
      links.emplace_back(id, "updated");
    }
  }
  if (!writes) return;
  for (const auto& company : insertCompanies(db_, std::move(inserts), actorId_, now_))
    links.emplace_back(company.id, "created");
  writeLinks(links);
}

// The catalog rows (`columns`) that have the domains of `rows`, by domain.
std::unordered_map<std::string, Json> ImportWriter::existingByDomain(const std::vector<const PendingRow*>& rows,
                                                                   const char* columns) {
  std::string sql = std::string("SELECT ") + columns + " FROM companies c WHERE c.domain IN (";
  Params params;
  params.reserve(rows.size());
  for (const PendingRow* row : rows) {
    sql += params.empty() ? "?" : ", ?";
    params.emplace_back(row->company[kDomain]);
  }
  std::unordered_map<std::string, Json> found;
  for (auto& company : db_.query(sql + ")", params)) {
    std::string domain = company.find("domain")->asString();
    found.emplace(std::move(domain), std::move(company));
  }
  return found;
}

void ImportWriter::refuseTaken(const PendingRow& row, const std::string& owner) {
  ++refused_;
  keepError(errors_, {row.line, rows_.columnOf(kDomain), "domain",
                      "domain " + row.company[kDomain] + " already belongs to " + owner});
}

void ImportWriter::writeLinks(const Links& links) {
  constexpr std::size_t kPerStatement = 300;
  for (std::size_t start = 0; start < links.size(); start += kPerStatement) {
    std::string sql = "INSERT INTO companies_import_links (company_id, batch_id, outcome) VALUES ";
    Params params;
    for (std::size_t i = start; i < std::min(links.size(), start + kPerStatement); ++i) {
      sql += i == start ? "(?, ?, ?)" : ", (?, ?, ?)";
      params.emplace_back(links[i].first);
      params.emplace_back(options_.batchId);
      params.emplace_back(links[i].second);
    }
    db_.execute(sql, params);
  }
}

}  // namespace companies
