// The dashboard's one HTML page (the shell, core/web/src), served for every
// dashboard URL of a tenant, and the headers that lock it down.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace tabhost::core {

/// The page for a tenant reached at `base` ("/t/demo/", or "/" on its custom
/// domain), titled `title`, loading the shell's module from `shellUrl`. The
/// browser starts on GET /auth/session (the shell's first question) while
/// the shell loads, and on `tabModuleUrl` (the module of the tab the URL opens, when
/// not empty), so that neither waits for the other.
std::string shellPageHtml(const std::string& base, const std::string& title, const std::string& shellUrl,
                          const std::string& tabModuleUrl);

/// The dashboard's security headers: a Content-Security-Policy that runs and
/// loads only this origin's files (no inline script or style, nothing
/// remote), framed only by `frameAncestors` (none when empty).
std::vector<std::pair<std::string, std::string>> shellPageHeaders(const std::vector<std::string>& frameAncestors);

}  // namespace tabhost::core
