#include "CsvImport.hpp"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <optional>
#include <thread>
#include <tuple>

#include "BatchQueue.hpp"
#include "CompaniesRoutes.hpp"
#include "CompanySchema.hpp"
#include "ImportProgress.hpp"
#include "ImportRecord.hpp"
#include "ImportRows.hpp"
#include "ImportWriter.hpp"
#include "SpooledBody.hpp"

namespace companies {

namespace {

using namespace tabhost::sdk;

constexpr std::size_t kReadBytes = 64 * 1024;
// Batches the reading thread may be ahead of the writer.
constexpr std::size_t kBatchesAhead = 4;

ImportOptions optionsOf(RequestContext& ctx) {
  ImportOptions o;
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

// Raised inside the savepoint to undo an all-or-nothing apply that refused rows.
struct UndoImport {};

// One import of a received upload. Its rows are read and checked on a
// thread of their own while the request's thread writes the rows that
// passed: parsing and checking were an eighth of an import, now done beside
// the writing.
class Import {
 public:
  // `body`: the upload, received already (SpooledBody).
  Import(RequestContext& ctx, const ImportOptions& options, BodyReader& body)
      : tenantId_(ctx.tenant().id),
        options_(options),
        body_(body),
        rows_(rulesFor(ctx), ctx.principal().can("companies.review"), refused_,
              [this](RowChecker::Batch batch) {
                if (!batches_.push(std::move(batch))) throw WriterLeft{};
              }),
        writer_(ctx.db(), options, rows_, refused_, ctx.principal().id, formatUtc(now())) {}

  // Reads, checks and writes the whole file (inside the import's savepoint).
  void run() {
    std::thread reading([this] { readAll(); });
    struct Join {
      BatchQueue<RowChecker::Batch>& batches;
      std::thread& reading;
      ~Join() {
        batches.cancel();
        reading.join();
      }
    } join{batches_, reading};
    while (auto batch = batches_.pop()) writer_.write(std::move(*batch));
  }

  bool refusedAny() const { return refused_.load() > 0; }
  bool stopped() const { return rows_.stopped(); }
  const ImportWriter& writer() const { return writer_; }

  ImportFigures figures() const {
    ImportFigures f;
    f.bytesRead = body_.bytesRead();
    f.bytesExpected = body_.declaredLength();
    f.rowsRead = rows_.rowsRead();
    f.invalid = refused_.load();
    return f;
  }

  // The first kErrorsKept problems of the reading and the writing, in line order.
  std::vector<RowError> errors() const {
    std::vector<RowError> all = rows_.errors();
    all.insert(all.end(), writer_.errors().begin(), writer_.errors().end());
    std::stable_sort(all.begin(), all.end(), [](const RowError& a, const RowError& b) {
      return std::tie(a.line, a.column) < std::tie(b.line, b.column);
    });
    if (all.size() > kErrorsKept) all.resize(kErrorsKept);
    return all;
  }

 private:
  // The writer has left (it failed); the reading stops.
  struct WriterLeft {};

  // The reading thread: anything it throws is thrown again on the request's
  // thread, after the batches before it are written. It uses no tenant
  // database (only the file's own SeenDomains) and nothing of the
  // request's context but the body (the field rules' JSON parsing keeps no
  // state).
  void readAll() {
    try {
      CsvReader reader;
      auto onRecord = [&](const CsvRecord& record) {
        if (!rows_.stopped()) rows_.record(record);
      };
      std::string chunk(kReadBytes, '\0');
      try {
        for (std::size_t got; !rows_.stopped() && !batches_.cancelled() &&
                              (got = body_.read(chunk.data(), chunk.size())) > 0;) {
          reader.feed(std::string_view(chunk.data(), got), onRecord);
          ImportProgress::instance().update(tenantId_, options_.batchId, figures());
        }
        if (!rows_.stopped()) reader.finish(onRecord);
      } catch (const CsvSyntaxError& e) {
        rows_.fatal(e.line(), e.column(), e.what());
      }
      rows_.finish();
      batches_.close();
    } catch (const WriterLeft&) {
      batches_.close();
    } catch (...) {
      batches_.close(std::current_exception());
    }
  }

  const std::string tenantId_;
  const ImportOptions& options_;
  BodyReader& body_;
  std::atomic<std::int64_t> refused_{0};
  BatchQueue<RowChecker::Batch> batches_{kBatchesAhead};
  RowChecker rows_;
  ImportWriter writer_;
};

std::string statusOf(const ImportOptions& options, const Import& import) {
  if (!options.apply) return import.refusedAny() ? "invalid" : "valid";
  if (!import.refusedAny()) return "applied";
  return options.allOrNothing || import.stopped() ? "failed" : "partially_applied";
}

// The import's row and refused rows (outside the undone savepoint).
void recordImport(RequestContext& ctx, const ImportOptions& options, const Import& import, const std::string& status,
                  const std::string& startedAt) {
  const ImportFigures f = import.figures();
  const ImportWriter& w = import.writer();
  ctx.db().execute(
      "INSERT INTO companies_imports (batch_id, mode, on_conflict, status, rows_read, created, updated, unchanged, "
      "skipped, invalid, bytes, actor_id, started_at, finished_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {options.batchId, options.apply ? "apply" : "dry_run", options.onConflictText, status, f.rowsRead, w.created,
       w.updated, w.unchanged, w.skipped, f.invalid, f.bytesRead, ctx.principal().id, startedAt, formatUtc(now())});
  const std::vector<RowError> errors = import.errors();
  for (std::size_t i = 0; i < errors.size(); ++i) {
    const RowError& e = errors[i];
    ctx.db().execute("INSERT INTO companies_import_errors (batch_id, seq, line, column_number, column_name, message) "
                     "VALUES (?, ?, ?, ?, ?, ?)",
                     {options.batchId, static_cast<std::int64_t>(i), static_cast<std::int64_t>(e.line),
                      static_cast<std::int64_t>(e.column), e.columnName, e.message});
  }
}

}  // namespace

Response importCompanies(RequestContext& ctx) {
  const ImportOptions options = optionsOf(ctx);
  BodyReader& body = ctx.bodyReader();
  const std::int64_t limit = ctx.settings().find("import_max_bytes")->asInt();
  if (body.declaredLength() > limit) throw uploadTooLarge(limit);
  auto& progress = ImportProgress::instance();
  if (!progress.begin(ctx.tenant().id, options.batchId, body.declaredLength()))
    throw Error::conflict("batch_exists", "an import with batch_id " + options.batchId + " is running", "batch_id");
  const std::string startedAt = formatUtc(now());
  std::string status = "aborted";
  struct EndProgress {
    ImportProgress& progress;
    const std::string& tenant;
    const std::string& batch;
    std::string& status;
    ~EndProgress() { progress.end(tenant, batch, status); }
  } endProgress{progress, ctx.tenant().id, options.batchId, status};

  // Received whole before the first use of the database, which takes the
  // tenant's writer turn.
  SpooledBody upload(body, limit, [&](std::int64_t received) {
    ImportFigures figures;
    figures.bytesRead = received;
    figures.bytesExpected = body.declaredLength();
    progress.update(ctx.tenant().id, options.batchId, figures);
  });
  if (!ctx.db().query("SELECT 1 AS x FROM companies_imports WHERE batch_id = ?", {options.batchId}).empty())
    throw Error::conflict("batch_exists", "an import with batch_id " + options.batchId + " exists", "batch_id");
  Import import(ctx, options, upload);
  try {
    ctx.db().transaction([&] {
      std::optional<SearchIndexDeferral> deferral;
      if (options.apply) deferral.emplace(ctx.db());
      import.run();
      if (deferral) deferral->catchUp();
      if (options.apply && import.refusedAny() && (options.allOrNothing || import.stopped())) throw UndoImport{};
    });
  } catch (const UndoImport&) {
    // The savepoint is rolled back; the import's own record follows.
  }
  status = statusOf(options, import);
  recordImport(ctx, options, import, status, startedAt);
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
                                            {"message", "the import refused " + std::to_string(import.figures().invalid) +
                                                            " rows; nothing was applied"}})},
                    {"import", std::move(report)}}),
      422);
}

}  // namespace companies
