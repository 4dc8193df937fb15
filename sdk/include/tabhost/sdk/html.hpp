// Tabhost plugin SDK — text into HTML (header only, since SDK 0.2.5).
//
// Whatever a plugin puts into a page or a mail goes through these, so that
// text from users or YAML can never become markup.
#pragma once

#include <string>
#include <string_view>

namespace tabhost::sdk {

/// Appends `text` with & < > " ' replaced by entities: safe between tags and
/// inside a quoted attribute.
inline void appendHtmlEscaped(std::string& out, std::string_view text) {
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
}

/// `text` escaped as appendHtmlEscaped does.
inline std::string htmlEscaped(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  appendHtmlEscaped(out, text);
  return out;
}

}  // namespace tabhost::sdk
