#include "CompanySchema.hpp"

#include <string>

namespace companies {

namespace {

// The catalog's columns after the id, the same on both drivers.
constexpr const char* kCatalogColumns =
    "name TEXT NOT NULL, domain TEXT NOT NULL UNIQUE, status TEXT NOT NULL DEFAULT 'pending', "
    "logo_url TEXT NOT NULL DEFAULT '', description TEXT NOT NULL DEFAULT '', industry TEXT NOT NULL DEFAULT '', "
    "website TEXT NOT NULL DEFAULT '', support_email TEXT NOT NULL DEFAULT '', "
    "support_phone TEXT NOT NULL DEFAULT '', support_hours TEXT NOT NULL DEFAULT '', "
    "street TEXT NOT NULL DEFAULT '', city TEXT NOT NULL DEFAULT '', region TEXT NOT NULL DEFAULT '', "
    "postal_code TEXT NOT NULL DEFAULT '', country TEXT NOT NULL DEFAULT '', size TEXT NOT NULL DEFAULT '', "
    "call_tree TEXT NOT NULL DEFAULT '', call_tree_verified INTEGER NOT NULL DEFAULT 0, "
    "followers_count INTEGER NOT NULL DEFAULT 0, review_reason TEXT NOT NULL DEFAULT '', "
    "created_by TEXT NOT NULL DEFAULT '', created_at TEXT NOT NULL, updated_at TEXT NOT NULL";

// The search index's triggers: a row's words in, its old words out.
const std::string kIndexNew =
    "INSERT INTO companies_fts (rowid, name, domain, city, industry) "
    "VALUES (new.id, new.name, new.domain, new.city, new.industry);";
const std::string kUnindexOld =
    "INSERT INTO companies_fts (companies_fts, rowid, name, domain, city, industry) "
    "VALUES ('delete', old.id, old.name, old.domain, old.city, old.industry);";

// Every change of the search index's words draws a new random version, so
// that a vocabulary read can be reused while the version stays (a counter
// could come back with a restored backup whose words differ).
const std::string kNewVersion = "UPDATE companies_fts_version SET version = random();";

// Replaces the three search-index triggers with ones that an import's row
// in companies_fts_paused holds back (see migration 3); `alsoDo` ends each
// trigger's body (migration 4 adds the version change).
std::string pausableTriggers(const std::string& alsoDo) {
  const std::string notCreatedSincePause =
      "WHEN NOT EXISTS (SELECT 1 FROM companies_fts_paused WHERE old.id > last_id) ";
  return "DROP TRIGGER companies_fts_insert;\n"
         "DROP TRIGGER companies_fts_delete;\n"
         "DROP TRIGGER companies_fts_update;\n"
         "CREATE TRIGGER companies_fts_insert AFTER INSERT ON companies "
         "WHEN NOT EXISTS (SELECT 1 FROM companies_fts_paused) BEGIN " + kIndexNew + alsoDo + " END;\n"
         "CREATE TRIGGER companies_fts_delete AFTER DELETE ON companies " + notCreatedSincePause + "BEGIN " +
         kUnindexOld + alsoDo + " END;\n"
         "CREATE TRIGGER companies_fts_update AFTER UPDATE OF name, domain, city, industry ON companies " +
         notCreatedSincePause + "BEGIN " + kUnindexOld + " " + kIndexNew + alsoDo + " END;\n";
}

constexpr const char* kSideTables =
    "CREATE INDEX companies_status ON companies (status, id);\n"
    "CREATE INDEX companies_country ON companies (country, id);\n"
    "CREATE INDEX companies_industry ON companies (industry, id);\n"
    "CREATE INDEX companies_name ON companies (name, id);\n"
    "CREATE TABLE companies_follows (company_id BIGINT NOT NULL, user_id TEXT NOT NULL, created_at TEXT NOT NULL, "
    "PRIMARY KEY (company_id, user_id));\n"
    "CREATE INDEX companies_follows_user ON companies_follows (user_id);\n"
    "CREATE TABLE companies_imports (batch_id TEXT PRIMARY KEY, mode TEXT NOT NULL, on_conflict TEXT NOT NULL, "
    "status TEXT NOT NULL, rows_read INTEGER NOT NULL, created INTEGER NOT NULL, updated INTEGER NOT NULL, "
    "unchanged INTEGER NOT NULL, skipped INTEGER NOT NULL, invalid INTEGER NOT NULL, bytes BIGINT NOT NULL, "
    "actor_id TEXT NOT NULL, started_at TEXT NOT NULL, finished_at TEXT NOT NULL);\n"
    "CREATE INDEX companies_imports_started ON companies_imports (started_at, batch_id);\n"
    "CREATE TABLE companies_import_errors (batch_id TEXT NOT NULL, seq INTEGER NOT NULL, line BIGINT NOT NULL, "
    "column_number INTEGER NOT NULL, column_name TEXT NOT NULL, message TEXT NOT NULL, PRIMARY KEY (batch_id, seq));\n"
    "CREATE TABLE companies_import_links (company_id BIGINT NOT NULL, batch_id TEXT NOT NULL, outcome TEXT NOT NULL, "
    "PRIMARY KEY (company_id, batch_id));\n";

}  // namespace

void registerTables(tabhost::sdk::Registrar& r) {
  const std::string sqlite =
      std::string("CREATE TABLE companies (id INTEGER PRIMARY KEY AUTOINCREMENT, ") + kCatalogColumns + ");\n" + kSideTables +
      "CREATE VIRTUAL TABLE companies_fts USING fts5(name, domain, city, industry, content='companies', "
      "content_rowid='id', tokenize='unicode61 remove_diacritics 2');\n"
      "CREATE TRIGGER companies_fts_insert AFTER INSERT ON companies BEGIN " + kIndexNew + " END;\n"
      "CREATE TRIGGER companies_fts_delete AFTER DELETE ON companies BEGIN " + kUnindexOld + " END;\n"
      "CREATE TRIGGER companies_fts_update AFTER UPDATE OF name, domain, city, industry ON companies BEGIN " +
      kUnindexOld + " " + kIndexNew + " END;\n";
  // 'simple' keeps words as typed (no stemming: these are names); dots in
  // domains become spaces so that "acme" finds acme.example.
  const std::string postgres =
      std::string("CREATE TABLE companies (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, ") +
      kCatalogColumns +
      ", search tsvector GENERATED ALWAYS AS ("
      "setweight(to_tsvector('simple', name), 'A') || "
      "setweight(to_tsvector('simple', replace(domain, '.', ' ')), 'B') || "
      "setweight(to_tsvector('simple', city), 'C') || "
      "setweight(to_tsvector('simple', industry), 'D')) STORED);\n" +
      kSideTables + "CREATE INDEX companies_search ON companies USING GIN (search);\n";
  r.migration(1, "create companies, follows, imports", sqlite, postgres);
  // The words of the search index, one row per occurrence and read in word
  // order without counting (CompanySearch expands a prefix with it).
  // PostgreSQL's index needs nothing of the kind.
  r.migration(2, "search index vocabulary",
              "CREATE VIRTUAL TABLE companies_fts_terms USING fts5vocab(companies_fts, instance);", "SELECT 1");
  // An import indexes the rows it creates at its end
  // (SearchIndexDeferral); meanwhile a row in companies_fts_paused, inside
  // its transaction only, holds the triggers back for rows above its
  // last_id: not yet indexed, so there is nothing to take out either.
  r.migration(3, "search index deferral for imports",
              "CREATE TABLE companies_fts_paused (paused INTEGER PRIMARY KEY CHECK (paused = 1), "
              "last_id INTEGER NOT NULL);\n" +
                  pausableTriggers(""),
              "SELECT 1");
  r.migration(4, "search index version",
              "CREATE TABLE companies_fts_version (one INTEGER PRIMARY KEY CHECK (one = 1), version INTEGER NOT NULL);\n"
              "INSERT INTO companies_fts_version (one, version) VALUES (1, random());\n" +
                  pausableTriggers(" " + kNewVersion),
              "SELECT 1");
}

SearchIndexDeferral::SearchIndexDeferral(tabhost::sdk::Database& db) : db_(db), sqlite_(db.driver() == "sqlite") {
  if (!sqlite_) return;
  // Ids grow and the transaction is the only writer: what it creates lies above this.
  lastIdBefore_ = db_.query("SELECT coalesce(max(id), 0) AS id FROM companies").at(0).find("id")->asInt();
  db_.execute("INSERT INTO companies_fts_paused (paused, last_id) VALUES (1, ?)", {lastIdBefore_});
}

void SearchIndexDeferral::catchUp() {
  if (!sqlite_) return;
  // From the first id created, not from lastIdBefore_: ids an AUTOINCREMENT
  // does not reuse (the newest rows deleted) may lie between them.
  constexpr std::int64_t kIdsPerStatement = 50000;
  const auto created = db_.query("SELECT coalesce(min(id) - 1, 0) AS before_first, coalesce(max(id), 0) AS last "
                                 "FROM companies WHERE id > ?",
                                 {lastIdBefore_})
                           .at(0);
  std::int64_t from = created.find("before_first")->asInt();
  const std::int64_t lastId = created.find("last")->asInt();
  while (from < lastId) {
    const std::int64_t to = lastId - from <= kIdsPerStatement ? lastId : from + kIdsPerStatement;
    db_.execute("INSERT INTO companies_fts (rowid, name, domain, city, industry) "
                "SELECT id, name, domain, city, industry FROM companies WHERE id > ? AND id <= ?",
                {from, to});
    from = to;
  }
  db_.execute(kNewVersion);
  db_.execute("DELETE FROM companies_fts_paused");
}

}  // namespace companies
