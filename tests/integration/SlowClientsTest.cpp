// Slow and idle clients hold no worker: connections that trickle a request
// head (slowloris) or sit idle do not keep a legitimate request waiting, are
// closed when their head takes longer than server.head_timeout_s, and are
// bounded per client address (503 with Retry-After beyond).
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <Poco/Net/NetException.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>

#include "HostProcess.hpp"

namespace tabhost::test {
namespace {

class SlowClientsTest : public ::testing::Test {
 protected:
  // The test configuration's 16 workers: the slow connections below outnumber them many times.
  void start(const std::string& server = "") {
    config_.addFixturePlugin("basic");
    config_.writeHostConfig({.server = server});
    config_.writeTenant("a");
    host_ = std::make_unique<HostProcess>(config_);
    ASSERT_TRUE(host_->waitReady()) << host_->output();
  }

  std::unique_ptr<Poco::Net::StreamSocket> slowClient() const {
    auto socket = std::make_unique<Poco::Net::StreamSocket>(
        Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(host_->port())));
    const std::string part = "GET /t/a/api/v1/basic/ping HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    socket->sendBytes(part.data(), static_cast<int>(part.size()));
    return socket;
  }

  // What the host sent on `socket` until it closed it (or 5 s passed). A
  // close with the client's bytes unread arrives as a reset.
  static std::string drained(Poco::Net::StreamSocket& socket) {
    socket.setReceiveTimeout(Poco::Timespan(5, 0));
    std::string received;
    char buffer[4096];
    try {
      for (int got; (got = socket.receiveBytes(buffer, sizeof buffer)) > 0;) received.append(buffer, got);
    } catch (const Poco::TimeoutException&) {
      received += "(still open)";
    } catch (const Poco::Net::ConnectionResetException&) {
    }
    return received;
  }

  TempConfig config_;
  std::unique_ptr<HostProcess> host_;
};

TEST_F(SlowClientsTest, ConnectionsSendingTheirHeadSlowlyHoldNoWorker) {
  start();
  std::vector<std::unique_ptr<Poco::Net::StreamSocket>> slow;
  for (int i = 0; i < 200; ++i) slow.push_back(slowClient());
  // Each sends another header line, never the end of its head.
  for (auto& socket : slow) socket->sendBytes("X-Slow: 1\r\n", 11);
  const auto before = std::chrono::steady_clock::now();
  EXPECT_EQ(host_->get("/t/a/api/v1/basic/ping").status, 200);
  EXPECT_EQ(host_->get("/healthz").status, 200);
  EXPECT_LT(std::chrono::steady_clock::now() - before, std::chrono::seconds(3)) << "answered while they wait";
  // And a slow one that finishes its head is answered too.
  slow.front()->sendBytes("Connection: close\r\n\r\n", 21);
  EXPECT_EQ(drained(*slow.front()).substr(0, 15), "HTTP/1.1 200 OK");
}

TEST_F(SlowClientsTest, AHeadThatTakesLongerThanTheHeadTimeoutIsClosed) {
  start("  head_timeout_s: 1\n");
  auto slow = slowClient();
  std::this_thread::sleep_for(std::chrono::milliseconds(1600));
  EXPECT_EQ(drained(*slow), "") << "closed without an answer";
}

TEST_F(SlowClientsTest, ConnectionsFromOneAddressAreBounded) {
  start("  max_connections_per_address: 20\n");
  std::vector<std::unique_ptr<Poco::Net::StreamSocket>> slow;
  for (int i = 0; i < 20; ++i) slow.push_back(slowClient());
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  // Past the bound, a connection from the same address is refused with a
  // reason and a time to come back.
  auto refused = slowClient();
  const std::string answer = drained(*refused);
  EXPECT_EQ(answer.substr(0, 12), "HTTP/1.1 503") << answer;
  EXPECT_NE(answer.find("Retry-After: 1"), std::string::npos) << answer;
  EXPECT_NE(answer.find("too_many_connections"), std::string::npos) << answer;
  // They close: there is room again.
  slow.clear();
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_EQ(host_->get("/healthz").status, 200);
  // Logged (the log is written out within a second).
  EXPECT_TRUE(waitUntil([&] {
    return host_->output().find("refused a connection because 127.0.0.1 has 20 connections open") != std::string::npos;
  })) << host_->output();
}

}  // namespace
}  // namespace tabhost::test
