#include "core/web/ShellPage.hpp"

#include "tabhost/sdk/html.hpp"

namespace tabhost::core {

std::string shellPageHtml(const std::string& base, const std::string& title, const std::string& shellUrl,
                          const std::string& tabModuleUrl) {
  // The base and URL are the host's own (a tenant id is [a-z0-9-]); the
  // title comes from YAML and is escaped like everything else.
  std::string html =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta name=\"tabhost-base\" content=\"";
  sdk::appendHtmlEscaped(html, base);
  html += "\">\n<title>";
  sdk::appendHtmlEscaped(html, title);
  // An empty icon: browsers would otherwise ask for /favicon.ico.
  // crossorigin: the shell's fetch() is a CORS-mode request, and a preload
  // is used only by a request of the same mode.
  html += "</title>\n<link rel=\"icon\" href=\"data:,\">\n<link rel=\"preload\" as=\"fetch\" crossorigin href=\"";
  sdk::appendHtmlEscaped(html, base + "api/v1/auth/session");
  if (!tabModuleUrl.empty()) {
    html += "\">\n<link rel=\"modulepreload\" href=\"";
    sdk::appendHtmlEscaped(html, tabModuleUrl);
  }
  html += "\">\n<script type=\"module\" src=\"";
  sdk::appendHtmlEscaped(html, shellUrl);
  html +=
      "\"></script>\n</head>\n<body>\n<tabhost-shell></tabhost-shell>\n"
      "<noscript>This dashboard needs JavaScript.</noscript>\n</body>\n</html>\n";
  return html;
}

std::vector<std::pair<std::string, std::string>> shellPageHeaders(const std::vector<std::string>& frameAncestors) {
  std::string ancestors;
  for (const auto& origin : frameAncestors) ancestors += (ancestors.empty() ? "" : " ") + origin;
  std::vector<std::pair<std::string, std::string>> headers{
      {"Content-Security-Policy",
       "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; "
       "connect-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors " +
           (ancestors.empty() ? std::string("'none'") : ancestors)},
      {"Referrer-Policy", "no-referrer"},
      {"Cross-Origin-Opener-Policy", "same-origin"},
      // The page itself may change with every release; its modules never do.
      {"Cache-Control", "no-cache"},
  };
  // For browsers older than frame-ancestors; it cannot list origins.
  if (frameAncestors.empty()) headers.emplace_back("X-Frame-Options", "DENY");
  return headers;
}

}  // namespace tabhost::core
