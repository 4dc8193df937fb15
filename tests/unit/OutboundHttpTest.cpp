// RequestContext::fetch's failures come back as values, each of its kind:
// real sockets on loopback, no mock.
#include <gtest/gtest.h>

#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>

#include "core/http/OutboundHttp.hpp"
#include "tabhost/sdk/http_client.hpp"

namespace tabhost::core {
namespace {

using Failure = sdk::HttpReply::Failure;

TEST(OutboundHttp, AClosedPortIsUnreachableAtOnce) {
  int port = 0;
  {
    Poco::Net::ServerSocket probe(Poco::Net::SocketAddress("127.0.0.1", 0));
    port = probe.address().port();
  }
  sdk::HttpCall call;
  call.url = "http://127.0.0.1:" + std::to_string(port) + "/x";
  call.timeoutMs = 5000;
  const sdk::HttpReply reply = outboundRequest(call);
  EXPECT_EQ(reply.failure, Failure::Unreachable) << reply.message;
  EXPECT_EQ(reply.status, 0);
}

TEST(OutboundHttp, AListenerThatNeverAnswersIsATimeout) {
  // Accepted by the kernel's backlog, never read: the wait for the answer times out.
  Poco::Net::ServerSocket silent(Poco::Net::SocketAddress("127.0.0.1", 0));
  sdk::HttpCall call;
  call.url = "http://127.0.0.1:" + std::to_string(silent.address().port()) + "/x";
  call.timeoutMs = 200;
  const sdk::HttpReply reply = outboundRequest(call);
  EXPECT_EQ(reply.failure, Failure::Timeout) << reply.message;
  EXPECT_EQ(reply.message, "no answer within 200 ms");
}

TEST(OutboundHttp, OnlyHttpUrlsAreCalled) {
  for (const char* url : {"ftp://example.com/", "file:///etc/passwd", "javascript:alert(1)", "::"}) {
    sdk::HttpCall call;
    call.url = url;
    EXPECT_EQ(outboundRequest(call).failure, Failure::Invalid) << url;
  }
}

TEST(OutboundHttp, BasicAuthIsBase64OfUserColonPassword) {
  EXPECT_EQ(sdk::basicAuth("Aladdin", "open sesame"), "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
  EXPECT_EQ(sdk::basicAuth("a", ""), "Basic YTo=");
  EXPECT_EQ(sdk::basicAuth("ab", "c"), "Basic YWI6Yw==");
}

}  // namespace
}  // namespace tabhost::core
