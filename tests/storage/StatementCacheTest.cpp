// SQLite connections keep their prepared statements (StatementCache). What
// a cached statement must never do: keep a stale view of the database, hold
// the WAL back, outlive a schema change, or be used twice at once. And a
// writer's larger page cache does not outlive its loan.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <random>

#include "core/storage/PocoDatabase.hpp"
#include "core/storage/StatementCache.hpp"
#include "core/storage/TenantDatabases.hpp"

namespace tabhost::core {
namespace {

namespace fs = std::filesystem;

class SqliteStatementCache : public ::testing::Test {
 protected:
  void SetUp() override {
    static std::atomic<int> counter{0};
    dir_ = fs::temp_directory_path() /
           ("tabhost-statements-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + "-" +
            std::to_string(std::random_device{}() % 100000));
    config_.path = dir_.string();
    config_.poolSize = 2;
    dbs_ = std::make_unique<TenantDatabases>(
        config_, std::vector<RegisteredMigration>{
                     {"cache", {1, "things", "CREATE TABLE things (id INTEGER PRIMARY KEY, name TEXT NOT NULL)", ""}}});
  }
  void TearDown() override {
    dbs_.reset();
    fs::remove_all(dir_);
  }

  StorageConfig config_;
  fs::path dir_;
  std::unique_ptr<TenantDatabases> dbs_;
};

TEST_F(SqliteStatementCache, AReusedStatementSeesOtherConnectionsCommits) {
  auto reader = dbs_->acquire("t");
  auto writer = dbs_->acquire("t");
  PocoDatabase read(reader, "sqlite"), write(writer, "sqlite");
  const std::string count = "SELECT count(*) AS n FROM things";
  EXPECT_EQ(read.query(count).at(0)["n"].asInt(), 0);
  write.execute("INSERT INTO things (name) VALUES (?)", {"a"});
  EXPECT_EQ(read.query(count).at(0)["n"].asInt(), 1);
}

// A cached statement goes back finished: one that kept its read
// transaction would show the connection's next statements the database as
// it was, and the log could never be checkpointed past it.
TEST_F(SqliteStatementCache, AStatementStoppedEarlyKeepsNoSnapshot) {
  auto reader = dbs_->acquire("t");
  auto writer = dbs_->acquire("t");
  PocoDatabase read(reader, "sqlite"), write(writer, "sqlite");
  for (int i = 0; i < 20; ++i) write.execute("INSERT INTO things (name) VALUES (?)", {"n" + std::to_string(i)});
  // LIMIT 1 of 20 rows: the statement stops early.
  EXPECT_EQ(read.query("SELECT name FROM things ORDER BY id LIMIT 1").size(), 1u);
  write.execute("INSERT INTO things (name) VALUES (?)", {"later"});
  EXPECT_EQ(read.query("SELECT count(*) AS n FROM things").at(0)["n"].asInt(), 21);
  write.execute("INSERT INTO things (name) VALUES (?)", {"last"});
  auto checkpoint = write.query("PRAGMA wal_checkpoint(TRUNCATE)").at(0);
  EXPECT_EQ(checkpoint["busy"].asInt(), 0) << "a cached statement still reads an old snapshot";
}

TEST_F(SqliteStatementCache, AStatementFollowsASchemaChange) {
  auto lease = dbs_->acquire("t");
  PocoDatabase db(lease, "sqlite");
  db.execute("INSERT INTO things (name) VALUES (?)", {"a"});
  const std::string all = "SELECT * FROM things";
  EXPECT_EQ(db.query(all).at(0).size(), 2u);
  db.execute("ALTER TABLE things ADD COLUMN note TEXT NOT NULL DEFAULT 'x'");
  auto row = db.query(all).at(0);
  EXPECT_EQ(row.size(), 3u);
  EXPECT_EQ(row["note"].asString(), "x");
}

TEST_F(SqliteStatementCache, AFailedRunLeavesTheStatementReusable) {
  auto lease = dbs_->acquire("t");
  PocoDatabase db(lease, "sqlite");
  const std::string insert = "INSERT INTO things (id, name) VALUES (?, ?)";
  db.execute(insert, {1, "a"});
  EXPECT_THROW(db.execute(insert, {1, "again"}), sdk::Error);  // the primary key is taken
  db.execute(insert, {2, "b"});
  EXPECT_EQ(db.query("SELECT name FROM things ORDER BY id").size(), 2u);
}

// A writer's connection may hold storage.cache_mb of pages; back in the
// pool it shrinks, so idle connections do not keep the largest working set.
TEST_F(SqliteStatementCache, AWritersLargerCacheShrinksWhenReturned) {
  auto cacheOf = [](ConnectionPool::Lease& lease) {
    return PocoDatabase(lease, "sqlite").query("PRAGMA cache_size").at(0)["cache_size"].asInt();
  };
  {
    auto writer = dbs_->acquireForWriting("t");
    EXPECT_EQ(cacheOf(writer), -config_.cacheMebibytes * 1024);
  }
  auto again = dbs_->acquire("t");  // the same connection: the pool hands back the last returned
  EXPECT_EQ(cacheOf(again), -2000);
}

// The cache on its own: taking removes (a nested use prepares its own),
// the least recently used statement goes first.
TEST(StatementCache, KeepsTheMostRecentlyUsedAndHandsEachOutOnce) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(":memory:", &db), SQLITE_OK);
  {
    StatementCache cache(2);
    auto prepare = [&](const char* sql) {
      sqlite3_stmt* statement = nullptr;
      EXPECT_EQ(sqlite3_prepare_v2(db, sql, -1, &statement, nullptr), SQLITE_OK);
      return statement;
    };
    sqlite3_stmt* one = prepare("SELECT 1");
    cache.put("SELECT 1", one);
    cache.put("SELECT 2", prepare("SELECT 2"));
    EXPECT_EQ(cache.take("SELECT 1"), one);
    EXPECT_EQ(cache.take("SELECT 1"), nullptr) << "handed out twice";
    cache.put("SELECT 1", one);                  // now the most recent
    cache.put("SELECT 3", prepare("SELECT 3"));  // pushes out SELECT 2
    EXPECT_EQ(cache.take("SELECT 2"), nullptr);
    sqlite3_stmt* three = cache.take("SELECT 3");
    ASSERT_NE(three, nullptr);
    EXPECT_EQ(sqlite3_step(three), SQLITE_ROW);
    EXPECT_EQ(sqlite3_column_int(three, 0), 3);
    cache.put("SELECT 3", three);
  }
  // Every statement was finalized with the cache: the connection closes.
  EXPECT_EQ(sqlite3_close(db), SQLITE_OK);
}

}  // namespace
}  // namespace tabhost::core
