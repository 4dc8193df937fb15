#include "CsvImport.hpp"

#include <cctype>
#include <chrono>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "CompaniesRoutes.hpp"
#include "CompanySchema.hpp"
#include "CompanyStore.hpp"
#include "ImportProgress.hpp"
#include "ImportRecord.hpp"

namespace companies {

namespace {

using namespace tabhost::sdk;

// Valid rows written per round: enough to amortise each statement, few
// enough that a round's rows and lookups stay small.
constexpr std::size_t kRowsPerRound = 500;
// Refused rows kept (in the report and the database); all are counted.
constexpr std::size_t kErrorsKept = 1000;
constexpr std::size_t kReadBytes = 64 * 1024;

enum class OnConflict { Skip, Update, Fail };

struct Options {
  bool apply = false;
  OnConflict onConflict = OnConflict::Skip;
  std::string onConflictText = "skip";
  bool allOrNothing = true;
  std::string batchId;
};

Options optionsOf(RequestContext& ctx) {
  Options o;
  const std::string mode = ctx.query("mode").value_or("");
  if (mode != "dry_run" && mode != "apply")
    throw Error::badRequest("invalid_mode", "mode must be dry_run or apply", "mode");
  o.apply = mode == "apply";
  o.onConflictText = ctx.query("on_conflict").value_or("skip");
  if (o.onConflictText == "skip") o.onConflict = OnConflict::Skip;
  else if (o.onConflictText == "update") o.onConflict = OnConflict::Update;
  else if (o.onConflictText == "fail") o.onConflict = OnConflict::Fail;
  else throw Error::badRequest("invalid_on_conflict", "on_conflict must be skip, update or fail", "on_conflict");
  const std::string atomic = ctx.query("all_or_nothing").value_or("true");
  if (atomic != "true" && atomic != "false")
    throw Error::badRequest("invalid_input", "all_or_nothing must be true or false", "all_or_nothing");
  o.allOrNothing = atomic == "true";
  o.batchId = ctx.query("batch_id").value_or("");
  // Time-ordered, and unique by the host's random request id.
  if (o.batchId.empty())
    o.batchId = "imp_" +
                std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(now().time_since_epoch()).count()) +
                "_" + ctx.requestId();
  bool ok = o.batchId.size() >= 8 && o.batchId.size() <= 64;
  for (char c : o.batchId) ok = ok && (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-');
  if (!ok) throw Error::badRequest("invalid_batch_id", "batch_id is 8-64 of A-Z a-z 0-9 _ -", "batch_id");
  return o;
}

struct RowError {
  std::size_t line;
  std::size_t column;
  std::string columnName;
  std::string message;
};

struct PendingRow {
  std::size_t line;
  CompanyText company;
};

class Importer {
 public:
  Importer(RequestContext& ctx, const Options& options)
      : ctx_(ctx), db_(ctx.db()), options_(options), rules_(rulesFor(ctx)), now_(formatUtc(now())) {
    figures_.bytesExpected = ctx.bodyReader().declaredLength();
  }

  void record(const CsvRecord& record) {
    if (!header_) return readHeader(record);
    ++figures_.rowsRead;
    if (record.fields.size() != columns_.size()) {
      return refuse(record.line, std::min(record.fields.size(), columns_.size()) + 1, "",
                    "row has " + std::to_string(record.fields.size()) + " fields; the header has " +
                        std::to_string(columns_.size()));
    }
    PendingRow row{record.line, {}};
    bool valid = true;
    for (std::size_t c = 0; c < columns_.size(); ++c) {
      const std::size_t field = columns_[c];
      row.company[field] = std::string(unguardCsvField(record.fields[c]));
      if (auto problem = fieldProblem(field, row.company[field], rules_)) {
        refuse(record.line, c + 1, kFields[field].name, *problem);
        valid = false;
      }
    }
    if (!valid) return;
    const std::string& status = row.company[kStatus];
    if (!status.empty() && status != "pending" && !ctx_.principal().can("companies.review"))
      return refuse(record.line, columnOf(kStatus), "status",
                    "only reviewers (companies.review) import verified or rejected companies");
    for (std::size_t field : {kName, kDomain})
      if (row.company[field].empty()) return refuse(record.line, columnOf(field), kFields[field].name,
                                                    std::string(kFields[field].name) + " is required");
    auto [seen, fresh] = domains_.try_emplace(row.company[kDomain], record.line);
    if (!fresh)
      return refuse(record.line, columnOf(kDomain), "domain",
                    "domain " + row.company[kDomain] + " is also on line " + std::to_string(seen->second));
    pending_.push_back(std::move(row));
    if (pending_.size() >= kRowsPerRound) flush();
  }

  // A problem that stops the reading (bad CSV, a bad header).
  void fatal(std::size_t line, std::size_t column, const std::string& message) {
    refuse(line, column, "", message);
    fatal_ = true;
  }

  void finish() {
    if (!header_ && !fatal_) fatal(1, 1, "the file is empty: it needs a header row (name,domain,...)");
    flush();
  }

  bool stopped() const { return fatal_; }
  ImportFigures& figures() { return figures_; }
  bool refusedAny() const { return figures_.invalid > 0; }
  // Whether rows are still being written (a dry run, or an all-or-nothing
  // apply after a refusal, only counts).
  bool writing() const { return options_.apply && !(options_.allOrNothing && refusedAny()); }

  std::int64_t created = 0, updated = 0, unchanged = 0, skipped = 0;
  std::vector<RowError> errors;

 private:
  void readHeader(const CsvRecord& record) {
    std::vector<bool> seen(kFieldCount, false);
    for (std::size_t c = 0; c < record.fields.size(); ++c) {
      const std::string name(unguardCsvField(record.fields[c]));
      const auto field = fieldIndex(name);
      if (!field) return fatal(record.line, c + 1, "unknown column '" + name + "'");
      if (seen[*field]) return fatal(record.line, c + 1, "column '" + name + "' appears twice");
      seen[*field] = true;
      columns_.push_back(*field);
      present_[*field] = true;
    }
    for (std::size_t field : {kName, kDomain})
      if (!seen[field]) return fatal(record.line, 1, std::string("the header has no '") + kFields[field].name + "' column");
    header_ = true;
  }

  std::size_t columnOf(std::size_t field) const {
    for (std::size_t c = 0; c < columns_.size(); ++c)
      if (columns_[c] == field) return c + 1;
    return 0;
  }

  void refuse(std::size_t line, std::size_t column, const std::string& name, std::string message) {
    ++figures_.invalid;
    if (errors.size() < kErrorsKept) errors.push_back({line, column, name, std::move(message)});
  }

  void flush() {
    if (pending_.empty()) return;
    if (writing() && options_.onConflict != OnConflict::Update) insertPending();
    else comparePending();
    pending_.clear();
  }

  // Skip and fail: the insert itself passes over taken domains, so only
  // the rows it did not create are looked at.
  void insertPending() {
    std::vector<CompanyText> rows;
    rows.reserve(pending_.size());
    for (auto& row : pending_) {
      rows.push_back(std::move(row.company));
      row.company[kDomain] = rows.back()[kDomain];  // to find the rows passed over
    }
    const auto inserted = insertCompanies(db_, std::move(rows), ctx_.principal().id, now_, TakenDomain::Pass);
    created += static_cast<std::int64_t>(inserted.size());
    std::vector<std::pair<std::int64_t, const char*>> links;
    links.reserve(inserted.size());
    for (const auto& company : inserted) links.emplace_back(company.id, "created");
    writeLinks(links);
    if (inserted.size() == pending_.size()) return;
    std::unordered_set<std::string_view> fresh;
    for (const auto& company : inserted) fresh.insert(company.domain);
    std::vector<const PendingRow*> taken;
    for (const auto& row : pending_)
      if (!fresh.count(row.company[kDomain])) taken.push_back(&row);
    if (options_.onConflict == OnConflict::Skip) {
      skipped += static_cast<std::int64_t>(taken.size());
      return;
    }
    auto owners = existingByDomain(taken, "c.id, c.domain");
    for (const PendingRow* row : taken) refuseTaken(*row, owners.at(row->company[kDomain]).find("id")->asInt());
  }

  // A dry run counts against what is there; an update compares with it.
  void comparePending() {
    std::vector<const PendingRow*> all;
    all.reserve(pending_.size());
    for (const auto& row : pending_) all.push_back(&row);
    auto existing = existingByDomain(all, options_.onConflict == OnConflict::Update ? kRowColumns : "c.id, c.domain");
    std::vector<CompanyText> inserts;
    std::vector<std::pair<std::int64_t, const char*>> links;
    for (auto& row : pending_) {
      auto match = existing.find(row.company[kDomain]);
      if (match == existing.end()) {
        ++created;
        if (writing()) inserts.push_back(std::move(row.company));
        continue;
      }
      const std::int64_t id = match->second.find("id")->asInt();
      if (options_.onConflict == OnConflict::Skip) {
        ++skipped;
        continue;
      }
      if (options_.onConflict == OnConflict::Fail) {
        refuseTaken(row, id);
        continue;
      }
      const CompanyText before = companyFromRow(match->second);
      bool differs = false;
      for (std::size_t i = 0; i < kFieldCount; ++i)
        differs = differs || (present_[i] && before[i] != row.company[i] && !(i == kStatus && row.company[i].empty()));
      if (!differs) {
        ++unchanged;
        continue;
      }
      ++updated;
      if (writing()) {
        std::array<bool, kFieldCount> present = present_;
        unverifyChangedCallTree(before, row.company, present);
        updateCompany(db_, id, before, row.company, now_, &present);
        links.emplace_back(id, "updated");
      }
    }
    if (!writing()) return;
    for (const auto& company : insertCompanies(db_, std::move(inserts), ctx_.principal().id, now_))
      links.emplace_back(company.id, "created");
    writeLinks(links);
  }

  // The catalog rows (`columns`) that have the domains of `rows`, by domain.
  std::unordered_map<std::string, Json> existingByDomain(const std::vector<const PendingRow*>& rows,
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

  void refuseTaken(const PendingRow& row, std::int64_t owner) {
    refuse(row.line, columnOf(kDomain), "domain",
           "domain " + row.company[kDomain] + " already belongs to company " + std::to_string(owner));
  }

  void writeLinks(const std::vector<std::pair<std::int64_t, const char*>>& links) {
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

  RequestContext& ctx_;
  Database& db_;
  const Options& options_;
  FieldRules rules_;
  std::string now_;
  bool header_ = false;
  bool fatal_ = false;
  std::vector<std::size_t> columns_;
  std::array<bool, kFieldCount> present_{};
  std::unordered_map<std::string, std::size_t> domains_;
  std::vector<PendingRow> pending_;
  ImportFigures figures_;
};

// Raised inside the savepoint to undo an all-or-nothing apply that refused rows.
struct UndoImport {};

std::string statusOf(const Options& options, const Importer& importer) {
  if (!options.apply) return importer.refusedAny() ? "invalid" : "valid";
  if (!importer.refusedAny()) return "applied";
  return options.allOrNothing || importer.stopped() ? "failed" : "partially_applied";
}

// The import's row and refused rows (outside the undone savepoint).
void recordImport(RequestContext& ctx, const Options& options, Importer& importer, const std::string& status,
                  const std::string& startedAt) {
  const ImportFigures& f = importer.figures();
  ctx.db().execute(
      "INSERT INTO companies_imports (batch_id, mode, on_conflict, status, rows_read, created, updated, unchanged, "
      "skipped, invalid, bytes, actor_id, started_at, finished_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {options.batchId, options.apply ? "apply" : "dry_run", options.onConflictText, status, f.rowsRead,
       importer.created, importer.updated, importer.unchanged, importer.skipped, f.invalid, f.bytesRead,
       ctx.principal().id, startedAt, formatUtc(now())});
  for (std::size_t i = 0; i < importer.errors.size(); ++i) {
    const RowError& e = importer.errors[i];
    ctx.db().execute("INSERT INTO companies_import_errors (batch_id, seq, line, column_number, column_name, message) "
                     "VALUES (?, ?, ?, ?, ?, ?)",
                     {options.batchId, static_cast<std::int64_t>(i), static_cast<std::int64_t>(e.line),
                      static_cast<std::int64_t>(e.column), e.columnName, e.message});
  }
}

}  // namespace

Response importCompanies(RequestContext& ctx) {
  const Options options = optionsOf(ctx);
  BodyReader& body = ctx.bodyReader();
  const std::int64_t limit = ctx.settings().find("import_max_bytes")->asInt();
  if (body.declaredLength() > limit)
    throw Error(413, "payload_too_large", "the upload is over the import limit of " + std::to_string(limit) + " bytes");
  if (!ctx.db().query("SELECT 1 AS x FROM companies_imports WHERE batch_id = ?", {options.batchId}).empty())
    throw Error::conflict("batch_exists", "an import with batch_id " + options.batchId + " exists", "batch_id");
  auto& progress = ImportProgress::instance();
  if (!progress.begin(ctx.tenant().id, options.batchId, body.declaredLength()))
    throw Error::conflict("batch_exists", "an import with batch_id " + options.batchId + " is running", "batch_id");
  const std::string startedAt = formatUtc(now());
  Importer importer(ctx, options);
  std::string status = "aborted";
  struct EndProgress {
    ImportProgress& progress;
    const std::string& tenant;
    const std::string& batch;
    std::string& status;
    ~EndProgress() { progress.end(tenant, batch, status); }
  } endProgress{progress, ctx.tenant().id, options.batchId, status};

  try {
    ctx.db().transaction([&] {
      std::optional<SearchIndexDeferral> deferral;
      if (options.apply) deferral.emplace(ctx.db());
      CsvReader reader;
      auto onRecord = [&](const CsvRecord& record) {
        if (!importer.stopped()) importer.record(record);
      };
      std::string chunk(kReadBytes, '\0');
      try {
        for (std::size_t got; !importer.stopped() && (got = body.read(chunk.data(), chunk.size())) > 0;) {
          importer.figures().bytesRead = body.bytesRead();
          if (body.bytesRead() > limit)
            throw Error(413, "payload_too_large",
                        "the upload is over the import limit of " + std::to_string(limit) + " bytes");
          reader.feed(std::string_view(chunk.data(), got), onRecord);
          progress.update(ctx.tenant().id, options.batchId, importer.figures());
        }
        if (!importer.stopped()) reader.finish(onRecord);
      } catch (const CsvSyntaxError& e) {
        importer.fatal(e.line(), e.column(), e.what());
      }
      importer.finish();
      if (deferral) deferral->catchUp();
      if (options.apply && importer.refusedAny() && (options.allOrNothing || importer.stopped())) throw UndoImport{};
    });
  } catch (const UndoImport&) {
    // The savepoint is rolled back; the import's own record follows.
  }
  status = statusOf(options, importer);
  recordImport(ctx, options, importer, status, startedAt);
  // Answered as GET /companies/imports/{batch_id} will show it.
  Json report = *importReport(ctx.db(), options.batchId);
  Json facts = Json::object();
  for (const auto& [key, value] : report.asObject())
    if (key != "errors" && key != "report_url") facts[key] = value;
  facts["all_or_nothing"] = options.allOrNothing;
  ctx.audit().record("companies.import", "company_import", options.batchId, facts);
  if (status != "failed") return Response::json(Json::object({{"import", std::move(report)}}));
  return Response::json(
      Json::object({{"error", Json::object({{"code", "import_failed"},
                                            {"message", "the import refused " + std::to_string(importer.figures().invalid) +
                                                            " rows; nothing was applied"}})},
                    {"import", std::move(report)}}),
      422);
}

}  // namespace companies
