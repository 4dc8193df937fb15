#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <thread>

#include <unistd.h>

#include "core/log/AccessLog.hpp"

using namespace tabhost::core;
namespace fs = std::filesystem;

namespace {
std::vector<std::string> linesOf(const std::string& file) {
  std::ifstream in(file);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}
}  // namespace

// Many threads, small buffers (many batch writes): every line arrives whole,
// exactly once, and nothing acknowledged to the log is lost at shutdown.
TEST(AccessLog, ConcurrentLinesArriveWholeAndNoneIsLost) {
  const std::string file = (fs::temp_directory_path() / ("access-" + std::to_string(::getpid()) + ".log")).string();
  fs::remove(file);
  constexpr int kThreads = 8, kLines = 2000;
  {
    AccessLog log(file, std::chrono::milliseconds(5), 256);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t)
      threads.emplace_back([&log, t] {
        for (int i = 0; i < kLines; ++i)
          log.write("thread=" + std::to_string(t) + " line=" + std::to_string(i) + " padding=" + std::string(40, 'x'));
      });
    for (auto& th : threads) th.join();
  }
  auto lines = linesOf(file);
  ASSERT_EQ(lines.size(), std::size_t(kThreads * kLines));
  std::set<std::string> unique(lines.begin(), lines.end());
  EXPECT_EQ(unique.size(), lines.size());
  for (const auto& line : lines) EXPECT_EQ(line.substr(line.size() - 40), std::string(40, 'x')) << line;
  fs::remove(file);
}

TEST(AccessLog, FlushesWithinTheIntervalWithoutMoreTraffic) {
  const std::string file = (fs::temp_directory_path() / ("access-idle-" + std::to_string(::getpid()) + ".log")).string();
  fs::remove(file);
  AccessLog log(file, std::chrono::milliseconds(20), 1 << 20);
  log.write("only line");
  for (int i = 0; i < 100 && linesOf(file).empty(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EXPECT_EQ(linesOf(file), std::vector<std::string>{"only line"});
  fs::remove(file);
}

TEST(AccessLog, TimestampIsUtcIsoWithMilliseconds) {
  std::string out;
  appendUtcTimestamp(out);
  ASSERT_EQ(out.size(), 24u) << out;
  EXPECT_EQ(out[10], 'T');
  EXPECT_EQ(out[19], '.');
  EXPECT_EQ(out.back(), 'Z');
}
