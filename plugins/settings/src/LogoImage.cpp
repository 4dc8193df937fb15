#include "LogoImage.hpp"

#include <algorithm>
#include <cctype>

#include <tabhost/sdk/error.hpp>
#include <tabhost/sdk/formats.hpp>

namespace settings {

namespace {

std::string lowered(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// Skips what may precede the root element: BOM, blanks, the XML
// declaration, comments and a doctype.
std::string_view rootElement(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  while (true) {
    const std::size_t start = text.find_first_not_of(" \t\r\n");
    if (start == std::string_view::npos) return {};
    text.remove_prefix(start);
    std::string_view close;
    if (text.starts_with("<?"))
      close = "?>";
    else if (text.starts_with("<!--"))
      close = "-->";
    else if (text.starts_with("<!DOCTYPE") || text.starts_with("<!doctype"))
      close = ">";
    else
      return text;
    const std::size_t end = text.find(close);
    if (end == std::string_view::npos) return {};
    text.remove_prefix(end + close.size());
  }
}

bool isSvg(std::string_view bytes) {
  if (!tabhost::sdk::isUtf8(bytes)) return false;
  const std::string_view root = rootElement(bytes);
  return root.starts_with("<svg") && root.size() > 4 && std::string_view(" \t\r\n>").find(root[4]) != std::string_view::npos;
}

// An attribute such as onload= (after a blank, quote or slash, as an attribute starts).
bool hasEventHandler(const std::string& text) {
  for (std::size_t at = text.find("on", 1); at != std::string::npos; at = text.find("on", at + 1)) {
    if (std::string_view(" \t\r\n\"'/").find(text[at - 1]) == std::string_view::npos) continue;
    std::size_t end = at + 2;
    while (end < text.size() && text[end] >= 'a' && text[end] <= 'z') ++end;
    if (end == at + 2) continue;
    while (end < text.size() && std::string_view(" \t\r\n").find(text[end]) != std::string_view::npos) ++end;
    if (end < text.size() && text[end] == '=') return true;
  }
  return false;
}

bool svgCanRunScript(std::string_view bytes) {
  const std::string text = lowered(bytes);
  for (const char* marker : {"<script", "javascript:", "<foreignobject", "<!entity", "data:text/html"})
    if (text.find(marker) != std::string::npos) return true;
  return hasEventHandler(text);
}

}  // namespace

std::optional<std::string> logoContentType(std::string_view bytes) {
  if (bytes.size() > 24 && bytes.starts_with("\x89PNG\r\n\x1a\n") && bytes.substr(12, 4) == "IHDR") return "image/png";
  if (bytes.size() > 4 && bytes.starts_with("\xFF\xD8\xFF")) return "image/jpeg";
  if (isSvg(bytes)) {
    if (svgCanRunScript(bytes))
      throw tabhost::sdk::Error::badRequest("unsafe_svg",
                                            "the SVG holds script, event handlers, entities or javascript: URLs");
    return "image/svg+xml";
  }
  return std::nullopt;
}

}  // namespace settings
