// When a connection's request is complete enough for a worker: the
// connection gate waits (holding no thread) until then.
#include <gtest/gtest.h>

#include <string>

#include "core/http/RequestReadiness.hpp"

namespace tabhost::core {
namespace {

bool ready(const std::string& received) { return requestReadiness(received).ready; }

const std::string head = "POST /t/a/api/v1/x HTTP/1.1\r\nHost: h\r\n";

TEST(RequestReadinessTest, AHeadIsReadyOnlyWhenItsEmptyLineHasArrived) {
  EXPECT_FALSE(ready(""));
  EXPECT_FALSE(ready("GET / HTTP/1.1\r\nHost: h\r\n"));
  EXPECT_FALSE(ready("GET / HTTP/1.1\r\nHost: h\r\nX-Slow: a"));
  EXPECT_TRUE(ready("GET / HTTP/1.1\r\nHost: h\r\n\r\n"));
  // One too long to be a head goes on to be refused by the parser.
  EXPECT_TRUE(ready("GET / HTTP/1.1\r\nX: " + std::string(kMaxHeadBytes, 'a')));
}

TEST(RequestReadinessTest, ABodyIsWaitedForUpToItsLengthOrTheHandOffSize) {
  EXPECT_FALSE(ready(head + "Content-Length: 10\r\n\r\n12345"));
  EXPECT_TRUE(ready(head + "content-length:  10 \r\n\r\n1234567890"));
  const std::string big = head + "Content-Length: 1000000\r\n\r\n";
  EXPECT_FALSE(ready(big + std::string(kBodyHandOffBytes - 1, 'x')));
  EXPECT_TRUE(ready(big + std::string(kBodyHandOffBytes, 'x')));
}

TEST(RequestReadinessTest, AChunkedBodyIsReadyAtItsLastChunkOrWhenMalformed) {
  const std::string chunked = head + "Transfer-Encoding: chunked\r\n\r\n";
  EXPECT_FALSE(ready(chunked));
  EXPECT_FALSE(ready(chunked + "5\r\nhel"));
  EXPECT_FALSE(ready(chunked + "5\r\nhello\r\n"));
  EXPECT_FALSE(ready(chunked + "5\r\nhello\r\n0\r\n"));
  EXPECT_TRUE(ready(chunked + "5\r\nhello\r\n0\r\n\r\n"));
  EXPECT_TRUE(ready(chunked + "5;ext=1\r\nhello\r\n0\r\nTrailer: t\r\n\r\n"));
  // Data where a size belongs, or a chunk longer than it said: refused at once.
  EXPECT_TRUE(ready(chunked + "zz\r\n"));
  EXPECT_TRUE(ready(chunked + "2\r\nhello\r\n"));
  // A size near 2^64 once wrapped the offset back to an earlier chunk: the check never ended.
  EXPECT_FALSE(ready(chunked + "1\r\nX\r\nFFFFFFFFFFFFFFEC\r\n"));
  EXPECT_TRUE(ready(chunked + "1\r\nX\r\nFFFFFFFFFFFFFFEC\r\n" + std::string(kBodyHandOffBytes, 'x')));
}

TEST(RequestReadinessTest, AnAmbiguousFramingIsHandedOnAtOnceToBeRefused) {
  EXPECT_TRUE(ready(head + "Content-Length: 5\r\nContent-Length: 6\r\n\r\n"));
  EXPECT_TRUE(ready(head + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"));
  EXPECT_TRUE(ready(head + "Content-Length: five\r\n\r\n"));
  EXPECT_TRUE(ready(head + "Transfer-Encoding: gzip\r\n\r\n"));
}

TEST(RequestReadinessTest, AnExpectationOfContinueIsSeen) {
  const Readiness waiting = requestReadiness(head + "Expect: 100-continue\r\nContent-Length: 3\r\n\r\n");
  EXPECT_FALSE(waiting.ready);
  EXPECT_TRUE(waiting.expectsContinue);
  EXPECT_FALSE(requestReadiness(head + "Content-Length: 3\r\n\r\n").expectsContinue);
}

}  // namespace
}  // namespace tabhost::core
