#include "core/http/OutboundHttp.hpp"

#include <algorithm>
#include <chrono>
#include <memory>

#include <Poco/Exception.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/URI.h>

namespace tabhost::core {

namespace {

using Failure = sdk::HttpReply::Failure;

sdk::HttpReply failed(Failure failure, std::string message) {
  sdk::HttpReply reply;
  reply.failure = failure;
  reply.message = std::move(message);
  return reply;
}

// Verifies the peer against the system's CA store, as a client should.
Poco::Net::Context::Ptr clientTlsContext() {
  static const Poco::Net::Context::Ptr context = new Poco::Net::Context(
      Poco::Net::Context::TLS_CLIENT_USE, "", Poco::Net::Context::VERIFY_RELAXED, 9, true);
  return context;
}

std::unique_ptr<Poco::Net::HTTPClientSession> sessionFor(const Poco::URI& uri) {
  if (uri.getScheme() == "https")
    return std::make_unique<Poco::Net::HTTPSClientSession>(uri.getHost(), uri.getPort(), clientTlsContext());
  return std::make_unique<Poco::Net::HTTPClientSession>(uri.getHost(), uri.getPort());
}

}  // namespace

sdk::HttpReply outboundRequest(const sdk::HttpCall& call) {
  Poco::URI uri;
  try {
    uri = Poco::URI(call.url);
  } catch (const Poco::Exception& e) {
    return failed(Failure::Invalid, "not a URL: " + e.message());
  }
  if ((uri.getScheme() != "http" && uri.getScheme() != "https") || uri.getHost().empty())
    return failed(Failure::Invalid, "only http:// and https:// URLs can be called");
  const int timeoutMs = std::clamp(call.timeoutMs, 1, kMaxOutboundTimeoutMs);
  const Poco::Timespan timeout(static_cast<Poco::Timespan::TimeDiff>(timeoutMs) * 1000);
  // Each step is bounded by the timeout; a server trickling its answer is bounded by this.
  const auto deadline = std::chrono::steady_clock::now() + 2 * std::chrono::milliseconds(timeoutMs);
  try {
    auto session = sessionFor(uri);
    session->setTimeout(timeout, timeout, timeout);
    Poco::Net::HTTPRequest request(call.method, uri.getPathAndQuery(), Poco::Net::HTTPMessage::HTTP_1_1);
    for (const auto& [name, value] : call.headers) request.set(name, value);
    if (!call.body.empty()) {
      request.setContentType(call.contentType);
      request.setContentLength(static_cast<std::streamsize>(call.body.size()));
    }
    session->sendRequest(request) << call.body;
    Poco::Net::HTTPResponse response;
    std::istream& in = session->receiveResponse(response);
    sdk::HttpReply reply;
    reply.status = static_cast<int>(response.getStatus());
    for (const auto& [name, value] : response) reply.headers.emplace_back(name, value);
    char buffer[16384];
    while (reply.body.size() < kMaxOutboundBodyBytes && in.read(buffer, sizeof buffer).gcount() > 0) {
      reply.body.append(buffer, static_cast<std::size_t>(in.gcount()));
      if (std::chrono::steady_clock::now() > deadline)
        return failed(Failure::Timeout, "the answer took over " + std::to_string(2 * timeoutMs) + " ms");
    }
    if (reply.body.size() > kMaxOutboundBodyBytes) reply.body.resize(kMaxOutboundBodyBytes);
    return reply;
  } catch (const Poco::TimeoutException&) {
    return failed(Failure::Timeout, "no answer within " + std::to_string(timeoutMs) + " ms");
  } catch (const Poco::Exception& e) {
    return failed(Failure::Unreachable, e.displayText());
  } catch (const std::exception& e) {
    return failed(Failure::Unreachable, e.what());
  }
}

}  // namespace tabhost::core
