#include "core/http/RequestLine.hpp"

#include <cctype>

namespace tabhost::core {

bool percentEscapesValid(std::string_view target) {
  const auto hex = [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; };
  for (std::size_t at = target.find('%'); at != std::string_view::npos; at = target.find('%', at + 3))
    if (at + 2 >= target.size() || !hex(target[at + 1]) || !hex(target[at + 2])) return false;
  return true;
}

std::optional<sdk::Error> requestLineProblem(const Poco::Net::HTTPServerRequest& request) {
  const std::string& version = request.getVersion();
  const bool wellFormed = version.size() == 8 && version.starts_with("HTTP/") &&
                          std::isdigit(static_cast<unsigned char>(version[5])) && version[6] == '.' &&
                          std::isdigit(static_cast<unsigned char>(version[7]));
  if (!wellFormed) return sdk::Error::badRequest("invalid_request", "the request line has no HTTP version");
  if (version != Poco::Net::HTTPMessage::HTTP_1_0 && version != Poco::Net::HTTPMessage::HTTP_1_1)
    return sdk::Error(505, "http_version_not_supported", version + " is not spoken here: use HTTP/1.1");
  if (!percentEscapesValid(request.getURI()))
    return sdk::Error::badRequest("invalid_uri", "the address has a '%' that is not followed by two hex digits");
  return std::nullopt;
}

}  // namespace tabhost::core
