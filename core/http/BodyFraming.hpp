// Where a request's body begins and ends, and what is done with it outside
// a route: read whole, read and dropped, or refused when its end is
// ambiguous. The connection carries the next request right after the body,
// so a body read short, or framed differently than a proxy in front frames
// it, would let one request hide inside another (request smuggling).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include <Poco/Net/HTTPServerRequest.h>

#include "tabhost/sdk/error.hpp"

namespace tabhost::core {

/// Whether the request carries a body (chunked, or a Content-Length above 0).
bool hasBody(const Poco::Net::HTTPServerRequest& request);

/// Why the body's end is ambiguous, if it is: Transfer-Encoding together
/// with Content-Length, Content-Lengths that differ or are not numbers (400),
/// a transfer coding other than chunked (501). Such a request is answered
/// with the error and its connection closed, its body left unread.
std::optional<sdk::Error> framingProblem(const Poco::Net::HTTPServerRequest& request);

/// The error for a body that ended, or stopped arriving, after `got` of its
/// bytes: 400 incomplete_body (the client's failure, not the host's).
sdk::Error bodyBrokeOff(std::int64_t got);

/// The whole body, at most `limit` bytes; 413 payload_too_large beyond it
/// (declared or sent), 400 incomplete_body when it breaks off.
std::string readWholeBody(Poco::Net::HTTPServerRequest& request, std::size_t limit);

/// Reads and drops what is left of the request's body, up to `limit` bytes
/// and for at most a few seconds; whether the connection may carry another
/// request after it. Only when the body ended cleanly: what was left unread
/// would be parsed as the next request (a body sent with GET /healthz could
/// smuggle one in). Never after a chunked body: Poco 1.11 takes a malformed
/// chunk size for the body's end, so what follows it may be the rest of the
/// body. Reading the rest also lets a client still sending a refused body
/// read the answer instead of a reset.
bool dropUnreadBody(Poco::Net::HTTPServerRequest& request, std::int64_t limit);

}  // namespace tabhost::core
