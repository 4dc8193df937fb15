// Where a request's body ends, the next request on the connection begins.
// What a request leaves of its body unread is never taken for the next one:
// the host reads and drops it (up to 1 MiB) and keeps the connection, or
// closes it. A body whose end a proxy could see elsewhere is refused and
// the connection closed. Raw bytes over one socket (HostProcess::exchange).
// Malformed request lines and bodies that break off are the client's
// failures: a 4xx (or 505) answer, never a 500 or an error-level log line.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "HostProcess.hpp"

namespace tabhost::test {
namespace {

class RequestFramingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    config_.addFixturePlugin("basic");
    config_.writeHostConfig();
    config_.writeTenant("a");
    host_ = std::make_unique<HostProcess>(config_);
    ASSERT_TRUE(host_->waitReady()) << host_->output();
  }

  // Sends `bytes` on one connection and reads until the host closes it;
  // the status line of each answer that came back.
  std::vector<std::string> statusLinesFor(const std::string& bytes) const {
    const std::string received = host_->exchange(bytes);
    // Answers one after another, each header ended by an empty line and its
    // body Content-Length long (the host's error and health answers have one).
    std::vector<std::string> lines;
    for (std::size_t at = 0; at < received.size();) {
      const std::size_t headerEnd = received.find("\r\n\r\n", at);
      if (headerEnd == std::string::npos) break;
      const std::string header = received.substr(at, headerEnd - at);
      lines.push_back(header.substr(0, header.find("\r\n")));
      const std::size_t length = header.find("Content-Length: ");
      at = headerEnd + 4 + (length == std::string::npos ? 0 : std::stoul(header.substr(length + 16)));
    }
    return lines;
  }

  static std::string request(const std::string& method, const std::string& path, const std::string& body,
                             bool last) {
    std::string text = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    if (!body.empty()) text += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    if (last) text += "Connection: close\r\n";
    return text + "\r\n" + body;
  }

  TempConfig config_;
  std::unique_ptr<HostProcess> host_;
};

TEST_F(RequestFramingTest, ABodyNothingReadsIsNotAnsweredAsARequest) {
  // /healthz never reads a body; this one is a whole request of its own.
  const std::string smuggled = request("GET", "/t/a/api/v1/basic/boom", "", false);
  const auto answers = statusLinesFor(request("GET", "/healthz", smuggled, false) +
                                      request("GET", "/healthz", "", true));
  ASSERT_EQ(answers.size(), 2u);
  EXPECT_EQ(answers[0], "HTTP/1.1 200 OK");
  EXPECT_EQ(answers[1], "HTTP/1.1 200 OK");
}

TEST_F(RequestFramingTest, ARefusedRequestsBodyIsDroppedAndTheConnectionCarriesOn) {
  // Refused (401) before the route reads its body: half a MiB it never reads.
  const std::string body = "{\"pad\":\"" + std::string(512 * 1024, 'x') + "\"}";
  const auto answers =
      statusLinesFor(request("GET", "/t/a/api/v1/basic/secure", body, false) + request("GET", "/healthz", "", true));
  ASSERT_EQ(answers.size(), 2u);
  EXPECT_EQ(answers[0].substr(0, 12), "HTTP/1.1 401");
  EXPECT_EQ(answers[1], "HTTP/1.1 200 OK");
}

TEST_F(RequestFramingTest, ABodyWhoseEndIsAmbiguousIsRefusedAndTheConnectionClosed) {
  // Each body ends where a chunked reading ends it, and a request hides
  // after that: a proxy reading the other header would forward it inside
  // the body, we would answer it as a request of its own.
  const std::string smuggled = request("GET", "/t/a/api/v1/basic/boom", "", false);
  const std::string chunkedThenSmuggled = "0\r\n\r\n" + smuggled;
  const std::string length = std::to_string(chunkedThenSmuggled.size());
  struct Case {
    std::string headers;
    std::string status;
  };
  const std::vector<Case> cases = {
      {"Content-Length: " + length + "\r\nTransfer-Encoding: chunked\r\n", "HTTP/1.1 400"},
      {"Transfer-Encoding: chunked\r\nContent-Length: " + length + "\r\n", "HTTP/1.1 400"},
      {"Transfer-Encoding: gzip, chunked\r\n", "HTTP/1.1 501"},
      {"Transfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n", "HTTP/1.1 501"},
      {"Content-Length: 5\r\nContent-Length: " + length + "\r\n", "HTTP/1.1 400"},
  };
  for (const Case& c : cases) {
    const auto answers = statusLinesFor("POST /t/a/api/v1/basic/items HTTP/1.1\r\nHost: 127.0.0.1\r\n" + c.headers +
                                        "\r\n" + chunkedThenSmuggled + request("GET", "/healthz", "", true));
    ASSERT_EQ(answers.size(), 1u) << c.headers;
    EXPECT_EQ(answers[0].substr(0, 12), c.status) << c.headers;
  }
  EXPECT_EQ(host_->get("/t/a/api/v1/basic/items/1").status, 404) << "a refused request wrote nothing";
}

TEST_F(RequestFramingTest, RepeatedEqualLengthsFrameAsUsualAndAChunkedBodyEndsTheConnection) {
  const std::string body = R"({"name":"framed"})";
  const std::string post = "POST /t/a/api/v1/basic/items HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n";
  const std::string length = std::to_string(body.size());
  const auto answers = statusLinesFor(post + "Content-Length: " + length + "\r\nContent-Length: " + length +
                                      "\r\n\r\n" + body + post + "Transfer-Encoding: Chunked\r\n\r\n11\r\n" + body +
                                      "\r\n0\r\n\r\n" + request("GET", "/healthz", "", true));
  // The third request is never read: the host closes after a chunked body.
  ASSERT_EQ(answers.size(), 2u);
  EXPECT_EQ(answers[0].substr(0, 12), "HTTP/1.1 201");
  EXPECT_EQ(answers[1].substr(0, 12), "HTTP/1.1 201");
}

TEST_F(RequestFramingTest, WhatFollowsAMalformedChunkIsNotAnsweredAsARequest) {
  // Poco 1.11 ends the body at a chunk size that is not hex; a proxy that
  // refuses it may never have sent what follows as a request of its own.
  const auto answers = statusLinesFor("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                                      "zz\r\n" + request("GET", "/t/a/api/v1/basic/boom", "", false) +
                                      request("GET", "/healthz", "", true));
  ASSERT_EQ(answers.size(), 1u);
  EXPECT_EQ(answers[0], "HTTP/1.1 200 OK");
}

TEST_F(RequestFramingTest, MalformedRequestLinesGetAnAnswerAndNoErrorLine) {
  const auto first = [&](const std::string& line) {
    const auto answers = statusLinesFor(line + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    return answers.empty() ? std::string("(no answer)") : answers.front();
  };
  EXPECT_EQ(first("GET /% HTTP/1.1"), "HTTP/1.1 400 Bad Request");
  EXPECT_EQ(first("GET /t/a/api/v1/basic/%zz/x HTTP/1.1"), "HTTP/1.1 400 Bad Request");
  EXPECT_EQ(first("GET /t/a/api/v1/basic/ping?q=%4 HTTP/1.1"), "HTTP/1.1 400 Bad Request");
  EXPECT_EQ(first("GET /healthz HTTP/0.1"), "HTTP/1.1 505 HTTP Version Not Supported");
  EXPECT_EQ(first("GET /healthz HTTP/2.0"), "HTTP/1.1 505 HTTP Version Not Supported");
  // A well-formed escape still works.
  EXPECT_EQ(first("GET /t/a/api/v1/basic/ping?q=%41 HTTP/1.1"), "HTTP/1.1 200 OK");
  EXPECT_EQ(host_->output().find(" error "), std::string::npos) << host_->output();
}

TEST_F(RequestFramingTest, ABodyThatBreaksOffIs400OnEveryKindOfRoute) {
  // The client sends part of its body and closes its sending side: the
  // answer says what happened, on a route that reads the whole body first
  // and on one that reads it as it arrives.
  for (const std::string path : {"/t/a/api/v1/basic/items", "/t/a/api/v1/basic/count"}) {
    const std::string head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                             "Content-Length: 100\r\n\r\n{\"name\":";
    const std::string received = host_->exchange(head, /*closeSending=*/true);
    EXPECT_EQ(received.substr(0, 12), "HTTP/1.1 400") << path << ": " << received;
    EXPECT_NE(received.find("incomplete_body"), std::string::npos) << path << ": " << received;
  }
  EXPECT_EQ(host_->output().find(" error "), std::string::npos) << host_->output();
}

}  // namespace
}  // namespace tabhost::test
