// One contract, two drivers: every test runs on SQLite files and on the
// PostgreSQL server named by TABHOST_TEST_PG_DSN (scripts/test.sh starts one).
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <algorithm>
#include <random>
#include <set>
#include <thread>

#include <Poco/Data/Session.h>

#include "../common/TestPostgres.hpp"
#include "core/storage/PocoDatabase.hpp"
#include "core/storage/TenantDatabases.hpp"
#include "tabhost/sdk/error.hpp"
#include "tabhost/sdk/pagination.hpp"
#include "tabhost/sdk/time.hpp"

namespace tabhost::core {
namespace {

namespace fs = std::filesystem;
using sdk::Json;

std::string uniqueSuffix() {
  static std::atomic<int> counter{0};
  thread_local std::mt19937 random{std::random_device{}()};
  return std::to_string(::getpid()) + "-" + std::to_string(counter++) + "-" + std::to_string(random() % 100000);
}

RegisteredMigration migration(const std::string& plugin, int version, std::string sql, std::string pg = {}) {
  return {plugin, {version, "m" + std::to_string(version), std::move(sql), std::move(pg)}};
}

std::vector<RegisteredMigration> contractSchema() {
  return {migration("contract", 1,
                    "CREATE TABLE things (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL UNIQUE, "
                    "amount INTEGER, ratio REAL, flag BOOLEAN, note TEXT, data BLOB)",
                    "CREATE TABLE things (id BIGSERIAL PRIMARY KEY, name TEXT NOT NULL UNIQUE, "
                    "amount BIGINT, ratio DOUBLE PRECISION, flag BOOLEAN, note TEXT, data BYTEA)")};
}

class StorageContract : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    driver_ = GetParam();
    if (driver_ == "postgresql") {
      TABHOST_REQUIRE_POSTGRES(config_.dsn);
      config_.driver = "postgresql";
    } else {
      dir_ = (fs::temp_directory_path() / ("tabhost-storage-" + uniqueSuffix())).string();
      config_.path = dir_;
    }
    config_.poolSize = 4;
    config_.poolWaitMilliseconds = 2000;
  }

  void TearDown() override {
    if (!dir_.empty()) fs::remove_all(dir_);
    for (const auto& tenant : tenants_) dropSchema(tenant);
  }

  // A fresh tenant id, so runs never see each other's data.
  std::string newTenant() {
    tenants_.push_back("t" + uniqueSuffix());
    return tenants_.back();
  }

  std::unique_ptr<TenantDatabases> open(std::vector<RegisteredMigration> migrations = contractSchema()) {
    return std::make_unique<TenantDatabases>(config_, std::move(migrations));
  }

  // The database as a plugin sees it (the SDK interface, with its defaults,
  // over the pooled connection: SQLite statements come from its cache).
  std::unique_ptr<sdk::Database> view(ConnectionPool::Lease& lease) const {
    return std::make_unique<PocoDatabase>(lease, driver_);
  }

  std::string begin() const { return driver_ == "sqlite" ? "BEGIN IMMEDIATE" : "BEGIN"; }

  void dropSchema(const std::string& tenant) {
    if (driver_ != "postgresql") return;
    Poco::Data::Session session("PostgreSQL", config_.dsn);
    session << "DROP SCHEMA IF EXISTS \"" + TenantDatabases::schemaOf(tenant) + "\" CASCADE", Poco::Data::Keywords::now;
  }

  std::string driver_;
  StorageConfig config_;
  std::string dir_;
  std::vector<std::string> tenants_;
};

TEST_P(StorageContract, ValuesRoundTripWithTheirTypes) {
  auto dbs = open();
  std::string tenant = newTenant();
  auto lease = dbs->acquire(tenant);
  auto db = view(lease);
  const std::string unicode = "Zoë – 東京 – 🚀 – \"quotes\" 'and' \\ ?";
  db->execute("INSERT INTO things (name, amount, ratio, flag, note) VALUES (?, ?, ?, ?, ?)",
             {unicode, INT64_MAX, 0.125, true, nullptr});
  db->execute("INSERT INTO things (name, amount, ratio, flag, note) VALUES (?, ?, ?, ?, ?)",
             {"", INT64_MIN, -1.5, false, "?"});
  auto rows = db->query("SELECT name, amount, ratio, flag, note FROM things ORDER BY id");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0]["name"], Json(unicode));
  EXPECT_EQ(rows[0]["amount"].asInt(), INT64_MAX);
  EXPECT_DOUBLE_EQ(rows[0]["ratio"].asDouble(), 0.125);
  EXPECT_TRUE(rows[0]["note"].isNull());
  EXPECT_EQ(rows[1]["name"], Json(""));
  EXPECT_EQ(rows[1]["amount"].asInt(), INT64_MIN);
  EXPECT_EQ(rows[1]["note"], Json("?"));
  // Booleans: SQLite stores 0/1, PostgreSQL a boolean; both read as truthy values.
  auto truthy = [](const Json& v) { return v.isBool() ? v.asBool() : v.asInt() != 0; };
  EXPECT_TRUE(truthy(rows[0]["flag"]));
  EXPECT_FALSE(truthy(rows[1]["flag"]));
}

TEST_P(StorageContract, BlobsAndTimestampsRoundTrip) {
  auto dbs = open();
  auto lease = dbs->acquire(newTenant());
  auto db = view(lease);
  const std::string bytes("\x89PNG\r\n\x1a\n\0\xff binary", 18);
  const std::string at = sdk::formatUtc(sdk::now());
  db->execute("INSERT INTO things (name, data, note) VALUES (?, ?, ?)", {"img", sdk::Blob{bytes}, at});
  auto row = db->query("SELECT data, note FROM things WHERE name = ?", {"img"}).at(0);
  EXPECT_EQ(row["data"].asString(), bytes);
  EXPECT_EQ(sdk::parseUtc(row["note"].asString()), sdk::parseUtc(at));
}

// Keyset pages over the same rows on both drivers: no row twice, none missed.
TEST_P(StorageContract, CursorPagesWalkEveryRowOnce) {
  auto dbs = open();
  auto lease = dbs->acquire(newTenant());
  auto db = view(lease);
  for (int i = 0; i < 23; ++i) db->execute("INSERT INTO things (name) VALUES (?)", {"n" + std::to_string(i % 7) + "-" + std::to_string(i)});
  sdk::Page page;
  page.limit = 5;
  std::vector<std::string> seen;
  for (int guard = 0; guard < 10; ++guard) {
    auto rows = page.after ? db->query("SELECT id, name FROM things WHERE (name, id) > (?, ?) ORDER BY name, id LIMIT ?",
                                       {page.after->sortValue, page.after->id, page.limit + 1})
                           : db->query("SELECT id, name FROM things ORDER BY name, id LIMIT ?", {page.limit + 1});
    sdk::Json body = sdk::pageBody(std::move(rows), page, "name", "id");
    for (const auto& item : body.find("items")->asArray()) seen.push_back(item.find("name")->asString());
    if (body.find("next_cursor")->isNull()) break;
    page.after = sdk::decodeCursor(body.find("next_cursor")->asString());
    ASSERT_TRUE(page.after);
  }
  ASSERT_EQ(seen.size(), 23u);
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), 23u);
}

TEST_P(StorageContract, QuestionMarksInLiteralsAreNotParameters) {
  auto dbs = open();
  auto lease = dbs->acquire(newTenant());
  auto db = view(lease);
  auto rows = db->query("SELECT '?' AS literal, ? AS bound", {"value"});
  EXPECT_EQ(rows.at(0)["literal"], Json("?"));
  EXPECT_EQ(rows.at(0)["bound"], Json("value"));
}

TEST_P(StorageContract, CommitKeepsAndRollbackDiscards) {
  auto dbs = open();
  std::string tenant = newTenant();
  {
    auto lease = dbs->acquire(tenant);
    auto db = view(lease);
    db->execute(begin());
    db->execute("INSERT INTO things (name) VALUES (?)", {"kept"});
    db->execute("COMMIT");
    db->execute(begin());
    db->execute("INSERT INTO things (name) VALUES (?)", {"discarded"});
    db->execute("ROLLBACK");
  }
  auto lease = dbs->acquire(tenant);
  auto db = view(lease);
  auto rows = db->query("SELECT name FROM things ORDER BY name");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0]["name"], Json("kept"));
}

TEST_P(StorageContract, ExplicitTransactionsKeepOrUndoTheirWork) {
  auto dbs = open();
  auto lease = dbs->acquire(newTenant());
  auto db = view(lease);
  db->transaction([&] { db->execute("INSERT INTO things (name) VALUES (?)", {"kept"}); });
  EXPECT_THROW(db->transaction([&] {
    db->execute("INSERT INTO things (name) VALUES (?)", {"undone"});
    throw sdk::Error::conflict("test.abort", "abort on purpose");
  }),
               sdk::Error);
  auto names = db->query("SELECT name FROM things ORDER BY name");
  ASSERT_EQ(names.size(), 1u);
  EXPECT_EQ(names[0]["name"], Json("kept"));
}

// Inside a route's transaction, a nested unit is a savepoint: its failure
// undoes only itself, and the outer work still commits.
TEST_P(StorageContract, NestedTransactionsAreSavepoints) {
  auto dbs = open();
  auto lease = dbs->acquire(newTenant());
  auto db = view(lease);
  db->execute(begin());
  db->execute("INSERT INTO things (name) VALUES (?)", {"outer"});
  try {
    db->transaction([&] {
      db->execute("INSERT INTO things (name) VALUES (?)", {"inner"});
      db->execute("INSERT INTO things (name) VALUES (?)", {"outer"});  // unique: fails
    });
    FAIL() << "expected a conflict";
  } catch (const sdk::Error& e) {
    EXPECT_EQ(e.status(), 409);
  }
  db->transaction([&] { db->execute("INSERT INTO things (name) VALUES (?)", {"second"}); });
  db->execute("COMMIT");
  std::vector<std::string> names;
  for (auto& row : db->query("SELECT name FROM things ORDER BY name")) names.push_back(row["name"].asString());
  EXPECT_EQ(names, (std::vector<std::string>{"outer", "second"}));
}

TEST_P(StorageContract, OneTenantCannotSeeAnothersRows) {
  auto dbs = open();
  std::string a = newTenant(), b = newTenant();
  {
    auto lease = dbs->acquire(a);
    view(lease)->execute("INSERT INTO things (name) VALUES (?)", {"a's secret"});
  }
  auto lease = dbs->acquire(b);
  auto db = view(lease);
  EXPECT_TRUE(db->query("SELECT * FROM things").empty());
  // The same pooled connection, handed to A again, sees A's row again.
  lease.~Lease();
  new (&lease) ConnectionPool::Lease(dbs->acquire(a));
  EXPECT_EQ(view(lease)->query("SELECT name FROM things").size(), 1u);
}

TEST_P(StorageContract, ConstraintViolationIsAConflict) {
  auto dbs = open();
  auto lease = dbs->acquire(newTenant());
  auto db = view(lease);
  db->execute("INSERT INTO things (name) VALUES (?)", {"unique"});
  try {
    db->execute("INSERT INTO things (name) VALUES (?)", {"unique"});
    FAIL() << "expected a conflict";
  } catch (const sdk::Error& e) {
    EXPECT_EQ(e.status(), 409);
    EXPECT_EQ(e.code(), "constraint_violation");
  }
}

TEST_P(StorageContract, MigrationsApplyOnceAndAChangedOneIsRefused) {
  std::string tenant = newTenant();
  open()->acquire(tenant);
  {
    auto again = open();  // a restart: nothing to apply, checksums match
    auto lease = again->acquire(tenant);
    auto rows = view(lease)->query("SELECT plugin, version FROM tabhost_migrations ORDER BY plugin, version");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0]["plugin"], Json("contract"));
  }
  auto edited = contractSchema();
  edited[0].migration.sql += " ";
  edited[0].migration.postgresSql += " ";
  try {
    open(edited)->acquire(tenant);
    FAIL() << "an edited, already applied migration must be refused";
  } catch (const sdk::Error& e) {
    EXPECT_EQ(e.status(), 503);
    EXPECT_EQ(e.code(), "tenant_unavailable");
  }
}

TEST_P(StorageContract, AFailedMigrationLeavesNothingHalfApplied) {
  std::string tenant = newTenant();
  auto broken = contractSchema();
  broken.push_back(migration("contract", 2, "CREATE TABLE second (x INTEGER); THIS IS NOT SQL"));
  EXPECT_THROW(open(broken)->acquire(tenant), sdk::Error);
  auto dbs = open();
  auto lease = dbs->acquire(tenant);
  auto db = view(lease);
  EXPECT_EQ(db->query("SELECT version FROM tabhost_migrations").size(), 1u);
}

// Two hosts migrating the same new tenant at once: each migration runs once.
TEST_P(StorageContract, RacingHostsMigrateOnce) {
  std::string tenant = newTenant();
  auto migrations = contractSchema();
  migrations.push_back(migration("contract", 2, "CREATE TABLE extra (x INTEGER)"));
  std::vector<std::unique_ptr<TenantDatabases>> hosts;
  for (int i = 0; i < 4; ++i) hosts.push_back(open(migrations));
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (auto& host : hosts)
    threads.emplace_back([h = host.get(), &tenant, &failures] {
      try {
        h->acquire(tenant);
      } catch (...) {
        ++failures;
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  auto lease = hosts[0]->acquire(tenant);
  EXPECT_EQ(view(lease)->query("SELECT version FROM tabhost_migrations").size(), 2u);
}

TEST_P(StorageContract, ConcurrentWritersLoseNothing) {
  auto dbs = open();
  std::string tenant = newTenant();
  dbs->acquire(tenant);
  constexpr int kThreads = 4, kRows = 25;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < kRows; ++i) {
        try {
          auto turn = dbs->writerTurn(tenant);  // as the request pipeline does
          auto lease = dbs->acquire(tenant);
          auto db = view(lease);
          db->execute(begin());
          db->execute("INSERT INTO things (name, amount) VALUES (?, ?)",
                     {"w" + std::to_string(t) + "-" + std::to_string(i), i});
          db->execute("COMMIT");
        } catch (...) {
          ++failures;
        }
      }
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  auto lease = dbs->acquire(tenant);
  EXPECT_EQ(view(lease)->query("SELECT COUNT(*) AS n FROM things").at(0)["n"].asInt(),
            kThreads * kRows);
}

TEST_P(StorageContract, ExhaustedPoolAnswers503AfterABoundedWait) {
  config_.poolSize = 1;
  config_.poolWaitMilliseconds = 100;
  auto dbs = open();
  std::string tenant = newTenant();
  auto held = dbs->acquire(tenant);
  auto started = std::chrono::steady_clock::now();
  try {
    dbs->acquire(tenant);
    FAIL() << "expected storage_busy";
  } catch (const sdk::Error& e) {
    EXPECT_EQ(e.status(), 503);
    EXPECT_EQ(e.code(), "storage_busy");
  }
  EXPECT_GE(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(100));
}

// A full disk is a clear 507 and the transaction leaves nothing behind.
// SQLite's max_page_count gives a real SQLITE_FULL without filling a disk.
TEST(StorageSqlite, AFullDatabaseIs507AndSavesNothing) {
  StorageConfig config;
  config.path = (fs::temp_directory_path() / ("tabhost-full-" + uniqueSuffix())).string();
  TenantDatabases dbs(config, contractSchema());
  auto lease = dbs.acquire("full");
  PocoDatabase pocoDb(lease.session(), "sqlite");
  sdk::Database& db = pocoDb;
  const auto pages = db.query("PRAGMA page_count").at(0)["page_count"].asInt();
  db.query("PRAGMA max_page_count = " + std::to_string(pages + 2));
  db.execute("BEGIN IMMEDIATE");
  db.execute("INSERT INTO things (name) VALUES (?)", {"small"});
  try {
    db.execute("INSERT INTO things (name, data) VALUES (?, ?)", {"big", sdk::Blob{std::string(1 << 20, 'x')}});
    FAIL() << "expected storage_full";
  } catch (const sdk::Error& e) {
    EXPECT_EQ(e.status(), 507);
    EXPECT_EQ(e.code(), "storage_full");
  }
  // SQLite ends the transaction itself on SQLITE_FULL: nothing of it stays.
  EXPECT_FALSE(pocoDb.inTransaction());
  EXPECT_TRUE(db.query("SELECT * FROM things").empty());
  fs::remove_all(config.path);
}

TEST(StorageSqlite, AReadOnlyDatabaseIs503AndSavesNothing) {
  StorageConfig config;
  config.path = (fs::temp_directory_path() / ("tabhost-ro-" + uniqueSuffix())).string();
  TenantDatabases dbs(config, contractSchema());
  auto lease = dbs.acquire("ro");
  PocoDatabase pocoDb(lease.session(), "sqlite");
  sdk::Database& db = pocoDb;
  db.execute("PRAGMA query_only = 1");  // what a read-only mount looks like to SQLite
  try {
    db.execute("INSERT INTO things (name) VALUES (?)", {"x"});
    FAIL() << "expected storage_read_only";
  } catch (const sdk::Error& e) {
    EXPECT_EQ(e.status(), 503);
    EXPECT_EQ(e.code(), "storage_read_only");
  }
  EXPECT_TRUE(db.query("SELECT * FROM things").empty());
  fs::remove_all(config.path);
}

INSTANTIATE_TEST_SUITE_P(Drivers, StorageContract, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

TEST(StoragePostgreSQL, ADsnThatDoesNotConnectStopsStartUp) {
  StorageConfig config;
  config.driver = "postgresql";
  config.dsn = "host=127.0.0.1 port=1 user=nobody dbname=nothing connect_timeout=2";
  EXPECT_THROW(TenantDatabases(config, {}), std::runtime_error);
}

}  // namespace
}  // namespace tabhost::core
