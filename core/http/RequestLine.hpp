// What is wrong with a request's line before anything routes it: the HTTP
// version and the percent-escapes of its target. Such requests come from
// broken clients and scanners; each gets a 4xx/5xx answer it can read, and
// none is an error of the host's (no error-level log line).
#pragma once

#include <optional>
#include <string_view>

#include <Poco/Net/HTTPServerRequest.h>

#include "tabhost/sdk/error.hpp"

namespace tabhost::core {

/// Whether every '%' in `target` starts an escape of two hex digits.
bool percentEscapesValid(std::string_view target);

/// 505 http_version_not_supported for a version other than HTTP/1.0 and
/// HTTP/1.1 ("HTTP/0.9", "HTTP/2.0"), 400 invalid_request for a version that
/// is no HTTP version at all, 400 invalid_uri for a bad percent-escape in
/// the path or the query.
std::optional<sdk::Error> requestLineProblem(const Poco::Net::HTTPServerRequest& request);

}  // namespace tabhost::core
