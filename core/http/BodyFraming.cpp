#include "core/http/BodyFraming.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <istream>

#include <Poco/String.h>

namespace tabhost::core {

bool hasBody(const Poco::Net::HTTPServerRequest& request) {
  return request.getChunkedTransferEncoding() || (request.hasContentLength() && request.getContentLength64() > 0);
}

std::optional<sdk::Error> framingProblem(const Poco::Net::HTTPServerRequest& request) {
  // Every header of each name counts: Poco reads the first one only, a
  // proxy may read the last.
  std::optional<std::string> length;
  std::string codings;
  bool lengthsDiffer = false;
  bool encodingSeen = false;
  for (const auto& [name, value] : request) {
    if (Poco::icompare(name, Poco::Net::HTTPMessage::CONTENT_LENGTH) == 0) {
      const std::string trimmed = Poco::trim(value);
      const bool digits = !trimmed.empty() && std::all_of(trimmed.begin(), trimmed.end(), [](unsigned char c) {
        return std::isdigit(c) != 0;
      });
      if (!digits) return sdk::Error::badRequest("invalid_request", "Content-Length is not a number");
      lengthsDiffer = lengthsDiffer || (length && *length != trimmed);
      length = trimmed;
    } else if (Poco::icompare(name, Poco::Net::HTTPMessage::TRANSFER_ENCODING) == 0) {
      codings += (codings.empty() ? "" : ",") + Poco::toLower(Poco::trim(value));
      encodingSeen = true;
    }
  }
  if (lengthsDiffer) return sdk::Error::badRequest("invalid_request", "the request has differing Content-Lengths");
  if (!encodingSeen) return std::nullopt;
  if (length) return sdk::Error::badRequest("invalid_request", "the request has both Transfer-Encoding and Content-Length");
  if (codings != "chunked")
    return sdk::Error(501, "unsupported_transfer_encoding", "the only Transfer-Encoding understood is chunked");
  return std::nullopt;
}

sdk::Error bodyBrokeOff(std::int64_t got) {
  return sdk::Error::badRequest("incomplete_body", "the request body broke off after " + std::to_string(got) +
                                                       " bytes, before the end its framing announced");
}

std::string readWholeBody(Poco::Net::HTTPServerRequest& request, std::size_t limit) {
  const auto tooLarge = [limit] {
    return sdk::Error(413, "payload_too_large", "request body exceeds " + std::to_string(limit) + " bytes");
  };
  if (request.hasContentLength() && request.getContentLength64() > static_cast<Poco::Int64>(limit)) throw tooLarge();
  std::string body;
  if (!hasBody(request)) return body;
  char buffer[8192];
  auto& in = request.stream();
  while (in.read(buffer, sizeof buffer), in.gcount() > 0) {
    body.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (body.size() > limit) throw tooLarge();
  }
  // A read that failed (the receive timeout, a reset) or a body shorter than
  // its Content-Length: the client stopped sending.
  if (in.bad() || (request.hasContentLength() && static_cast<Poco::Int64>(body.size()) < request.getContentLength64()))
    throw bodyBrokeOff(static_cast<std::int64_t>(body.size()));
  return body;
}

bool dropUnreadBody(Poco::Net::HTTPServerRequest& request, std::int64_t limit) {
  if (!hasBody(request)) return true;
  // Known to be too long to read out: no use starting.
  if (request.hasContentLength() && request.getContentLength64() > limit) return false;
  // Each read waits for at most the server's receive timeout; the deadline
  // keeps a client that trickles its body from holding the thread longer.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  std::istream& body = request.stream();
  char buffer[16384];
  for (std::int64_t dropped = 0; dropped <= limit && body.good() && std::chrono::steady_clock::now() < deadline;) {
    body.read(buffer, sizeof buffer);
    dropped += body.gcount();
  }
  // The end of the body, not a timeout or a connection broken off (bad).
  return body.eof() && !body.bad() && !request.getChunkedTransferEncoding();
}

}  // namespace tabhost::core
