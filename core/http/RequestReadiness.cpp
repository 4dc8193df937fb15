#include "core/http/RequestReadiness.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <optional>

namespace tabhost::core {

namespace {

bool sameName(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) text.remove_suffix(1);
  return text;
}

// Whether a chunked body is complete (its last chunk and trailer end are
// here) or malformed (the parser will refuse it): either way, nothing more
// to wait for. Chunk extensions and trailers are skipped, not read.
bool chunkedBodyDecided(std::string_view body) {
  for (std::size_t at = 0;;) {
    const std::size_t lineEnd = body.find("\r\n", at);
    if (lineEnd == std::string_view::npos) return body.size() - at > 1024;  // a size line that long is no size
    std::string_view sizeText = body.substr(at, lineEnd - at);
    sizeText = sizeText.substr(0, sizeText.find(';'));
    std::size_t size = 0;
    const auto [last, error] = std::from_chars(sizeText.data(), sizeText.data() + sizeText.size(), size, 16);
    if (sizeText.empty() || error != std::errc() || last != sizeText.data() + sizeText.size()) return true;
    if (size == 0) return body.find("\r\n\r\n", lineEnd) != std::string_view::npos;
    // A chunk longer than what has arrived: wait (the hand-off size bounds it);
    // compared before adding, so that a huge size cannot wrap the offset around.
    if (size > body.size() - (lineEnd + 2)) return false;
    at = lineEnd + 2 + size;
    if (at + 2 > body.size()) return false;
    if (body.substr(at, 2) != "\r\n") return true;
    at += 2;
  }
}

}  // namespace

Readiness requestReadiness(std::string_view received) {
  Readiness result;
  const std::size_t headEnd = received.find("\r\n\r\n");
  if (headEnd == std::string_view::npos) {
    result.ready = received.size() >= kMaxHeadBytes;
    return result;
  }
  const std::string_view head = received.substr(0, headEnd + 2);
  const std::string_view body = received.substr(headEnd + 4);
  int lengths = 0;
  std::optional<std::size_t> length;
  bool chunked = false, coded = false;
  for (std::size_t at = head.find("\r\n") + 2; at < head.size();) {
    const std::size_t end = head.find("\r\n", at);
    const std::string_view line = head.substr(at, end - at);
    at = end + 2;
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    const std::string_view name = line.substr(0, colon), value = trimmed(line.substr(colon + 1));
    if (sameName(name, "Content-Length")) {
      ++lengths;
      std::size_t parsed = 0;
      const auto [last, error] = std::from_chars(value.data(), value.data() + value.size(), parsed);
      if (error == std::errc() && last == value.data() + value.size()) length = parsed;
    } else if (sameName(name, "Transfer-Encoding")) {
      // Any other coding is refused (501) at once.
      coded = true;
      chunked = sameName(value, "chunked");
    } else if (sameName(name, "Expect")) {
      result.expectsContinue = sameName(value, "100-continue");
    }
  }
  // A framing the host refuses (several lengths, a length and a coding, no
  // number) is refused at once: nothing to wait for.
  if (lengths > 1 || (lengths == 1 && (!length || coded)) || (coded && !chunked)) result.ready = true;
  else if (chunked) result.ready = body.size() >= kBodyHandOffBytes || chunkedBodyDecided(body);
  else result.ready = body.size() >= std::min(length.value_or(0), kBodyHandOffBytes);
  return result;
}

}  // namespace tabhost::core
