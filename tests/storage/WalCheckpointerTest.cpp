// WalCheckpointer: a watched connection's commit leaves the log to the
// background thread, which copies it into the database file once it is past
// the threshold, and never brings a deleted file back.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <unistd.h>

#include <filesystem>
#include <random>
#include <string>

#include "core/storage/WalCheckpointer.hpp"

namespace tabhost::core {
namespace {

namespace fs = std::filesystem;

class WalCheckpointerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("tabhost-checkpoint-" + std::to_string(::getpid()) + "-" + std::to_string(std::random_device{}() % 100000));
    fs::create_directories(dir_);
    file_ = (dir_ / "t.db").string();
  }
  void TearDown() override {
    if (db_) sqlite3_close(db_);
    fs::remove_all(dir_);
  }

  // A connection as the pools open them: WAL, fsync at every commit.
  void open(WalCheckpointer& checkpointer) {
    ASSERT_EQ(sqlite3_open(file_.c_str(), &db_), SQLITE_OK);
    exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; CREATE TABLE t (v BLOB)");
    checkpointer.watch(db_);
  }
  void exec(const std::string& sql) { ASSERT_EQ(sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db_); }
  // About 2,500 pages of 4 KiB in one commit: past SQLite's own threshold.
  void writeTenMebibytes() {
    exec("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2500) "
         "INSERT INTO t SELECT randomblob(4000) FROM n");
  }
  std::uintmax_t fileBytes() const { return fs::file_size(file_); }
  // The rows of a copy of the database file without its log, taken while
  // the connection is still open (closing the last one checkpoints anyway).
  int rowsInTheFileAlone() const {
    const std::string copy = (dir_ / "copy.db").string();
    fs::copy_file(file_, copy, fs::copy_options::overwrite_existing);
    sqlite3* reader = nullptr;
    int rows = -1;
    sqlite3_stmt* count = nullptr;
    if (sqlite3_open(copy.c_str(), &reader) == SQLITE_OK &&
        sqlite3_prepare_v2(reader, "SELECT count(*) FROM t", -1, &count, nullptr) == SQLITE_OK &&
        sqlite3_step(count) == SQLITE_ROW)
      rows = sqlite3_column_int(count, 0);
    sqlite3_finalize(count);
    sqlite3_close(reader);
    return rows;
  }

  fs::path dir_;
  std::string file_;
  sqlite3* db_ = nullptr;
};

TEST_F(WalCheckpointerTest, ACommitDoesNotCheckpointOnItsOwnThread) {
  WalCheckpointer checkpointer(1 << 30);  // never queues
  open(checkpointer);
  const auto before = fileBytes();
  writeTenMebibytes();
  checkpointer.drain();
  // SQLite's automatic checkpoint would have copied the pages in during COMMIT.
  EXPECT_EQ(fileBytes(), before);
}

TEST_F(WalCheckpointerTest, ALogPastTheThresholdIsCopiedIntoTheFile) {
  WalCheckpointer checkpointer(100);
  open(checkpointer);
  writeTenMebibytes();
  checkpointer.drain();
  EXPECT_GT(fileBytes(), 10'000'000u);
  EXPECT_EQ(rowsInTheFileAlone(), 2500);
}

// Under a steady stream of commits the background checkpoint may never
// catch the log all copied; past the backstop the commit checkpoints it.
TEST_F(WalCheckpointerTest, ALogPastTheBackstopIsCopiedByTheCommitItself) {
  WalCheckpointer checkpointer(1 << 30, 100);  // the thread is never asked
  open(checkpointer);
  writeTenMebibytes();
  EXPECT_GT(fileBytes(), 10'000'000u);
  EXPECT_EQ(rowsInTheFileAlone(), 2500);
}

TEST_F(WalCheckpointerTest, BelowTheThresholdTheLogStays) {
  WalCheckpointer checkpointer(100);
  open(checkpointer);
  const auto before = fileBytes();
  exec("INSERT INTO t VALUES (randomblob(10))");
  checkpointer.drain();
  EXPECT_EQ(fileBytes(), before);
}

TEST_F(WalCheckpointerTest, AFileDeletedBeforeItsTurnIsNotCreatedAgain) {
  WalCheckpointer checkpointer(100);
  open(checkpointer);
  // Deleted while the connection is open, as a tenant deletion does; the
  // commit still reports the path.
  fs::remove(file_);
  writeTenMebibytes();
  checkpointer.drain();
  EXPECT_FALSE(fs::exists(file_));
}

}  // namespace
}  // namespace tabhost::core
