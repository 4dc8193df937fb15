#include "core/storage/TenantLifecycle.hpp"

#include <filesystem>
#include <memory>
#include <stdexcept>

#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>
#include <sqlite3.h>

#include "core/audit/AuditCheckpoints.hpp"
#include "core/audit/AuditLog.hpp"
#include "core/storage/PocoDatabase.hpp"

namespace tabhost::core {

namespace fs = std::filesystem;

namespace {

using SqliteHandle = std::unique_ptr<sqlite3, int (*)(sqlite3*)>;

SqliteHandle openSqlite(const std::string& file, int flags) {
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(file.c_str(), &raw, flags, nullptr);
  SqliteHandle handle(raw, sqlite3_close);
  if (rc != SQLITE_OK) throw std::runtime_error(file + ": " + (raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)));
  sqlite3_busy_timeout(raw, 10000);
  return handle;
}

// SQLite's online backup: a consistent snapshot of `from`, page by page,
// while other connections keep writing.
void copySqlite(const std::string& from, const std::string& to, bool createTarget) {
  auto source = openSqlite(from, SQLITE_OPEN_READONLY);
  auto target = openSqlite(to, SQLITE_OPEN_READWRITE | (createTarget ? SQLITE_OPEN_CREATE : 0));
  sqlite3_backup* backup = sqlite3_backup_init(target.get(), "main", source.get(), "main");
  if (!backup) throw std::runtime_error(to + ": " + sqlite3_errmsg(target.get()));
  int rc = sqlite3_backup_step(backup, -1);
  sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE)
    throw std::runtime_error(from + " → " + to + ": " + (rc == SQLITE_NOTADB ? "not a SQLite database"
                                                                              : sqlite3_errmsg(target.get())));
}

// Runs a PostgreSQL client tool; throws with its output when it fails.
void runTool(const std::string& tool, const std::vector<std::string>& args) {
  Poco::Pipe output;
  Poco::ProcessHandle process = Poco::Process::launch(tool, args, nullptr, &output, &output);
  Poco::PipeInputStream stream(output);
  std::string text;
  Poco::StreamCopier::copyToString(stream, text);
  if (int code = process.wait(); code != 0) throw std::runtime_error(tool + " failed (" + std::to_string(code) + "): " + text);
}

}  // namespace

TenantLifecycle::TenantLifecycle(TenantDatabases& databases, std::string actor)
    : databases_(databases), actor_(std::move(actor)) {}

void TenantLifecycle::audit(const std::string& action, const std::string& tenantId, const std::string& file) {
  auto lease = databases_.acquire(TenantDatabases::kSystem);
  PocoDatabase db(lease, databases_.driver());
  sdk::Json details = sdk::Json::object({{"driver", databases_.driver()}});
  if (!file.empty()) details["file"] = fs::absolute(file).string();
  appendAuditEntry(db, cliAuditEntry(actor_, action, "tenant", tenantId, std::move(details)));
}

void TenantLifecycle::forgetCheckpoints(const std::string& tenantId) {
  auto lease = databases_.acquire(TenantDatabases::kSystem);
  PocoDatabase db(lease, databases_.driver());
  forgetAuditCheckpoints(db, tenantId);
}

bool TenantLifecycle::exists(const std::string& tenantId) {
  if (databases_.driver() == "sqlite") return fs::exists(databases_.fileOf(tenantId));
  auto lease = databases_.acquire(TenantDatabases::kSystem);
  PocoDatabase db(lease, databases_.driver());
  return !db.query("SELECT 1 FROM information_schema.schemata WHERE schema_name = ?",
                      {TenantDatabases::schemaOf(tenantId)})
              .empty();
}

void TenantLifecycle::drop(const std::string& tenantId) {
  if (!exists(tenantId)) throw std::runtime_error("tenant '" + tenantId + "' has no stored data");
  audit("tenant.drop", tenantId, "");
  forgetCheckpoints(tenantId);
  if (databases_.driver() == "sqlite") {
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(databases_.fileOf(tenantId) + suffix);
    return;
  }
  auto lease = databases_.acquire(TenantDatabases::kSystem);
  PocoDatabase(lease, databases_.driver()).execute("DROP SCHEMA " + TenantDatabases::quotedSchemaOf(tenantId) + " CASCADE");
}

void TenantLifecycle::backup(const std::string& tenantId, const std::string& file) {
  if (!exists(tenantId)) throw std::runtime_error("tenant '" + tenantId + "' has no stored data");
  if (fs::exists(file)) throw std::runtime_error(file + " already exists; choose a new file");
  audit("tenant.backup", tenantId, file);
  if (databases_.driver() == "sqlite") return copySqlite(databases_.fileOf(tenantId), file, true);
  runTool("pg_dump", {"--format=custom", "--schema=" + TenantDatabases::schemaOf(tenantId), "--file=" + file,
                      "--dbname=" + databases_.config().dsn});
}

void TenantLifecycle::restore(const std::string& tenantId, const std::string& file) {
  if (!fs::exists(file)) throw std::runtime_error(file + " does not exist");
  audit("tenant.restore", tenantId, file);
  // The restored chain is older than what was signed since; the system log
  // records the restore, and checkpoints start again from the restored head.
  forgetCheckpoints(tenantId);
  if (databases_.driver() == "sqlite") return copySqlite(file, databases_.fileOf(tenantId), true);
  runTool("pg_restore", {"--clean", "--if-exists", "--single-transaction", "--dbname=" + databases_.config().dsn,
                         file});
}

}  // namespace tabhost::core
