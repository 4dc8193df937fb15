#include "SafeMarkdown.hpp"

#include <functional>
#include <vector>

#include <tabhost/sdk/formats.hpp>
#include <tabhost/sdk/html.hpp>

namespace settings {

namespace {

using tabhost::sdk::appendHtmlEscaped;

// A link target is kept only when it is an http(s) URL that cannot break out of the attribute.
bool safeLinkTarget(std::string_view url) {
  return tabhost::sdk::isHttpUrl(url) && url.find_first_of("\"'<> \t\n\\`") == std::string_view::npos;
}

// Inline markup; each nested call gets a strictly shorter text.
std::string inlineHtml(std::string_view s) {
  std::string out;
  std::size_t i = 0;
  const auto wrap = [&](std::string_view open, std::size_t markLength, const char* tag, bool nested) {
    const std::size_t end = s.find(open, i + markLength);
    if (end == std::string_view::npos || end == i + markLength) return false;
    const std::string_view inner = s.substr(i + markLength, end - i - markLength);
    out += std::string("<") + tag + ">";
    if (nested)
      out += inlineHtml(inner);
    else
      appendHtmlEscaped(out, inner);
    out += std::string("</") + tag + ">";
    i = end + markLength;
    return true;
  };
  while (i < s.size()) {
    if (s[i] == '`' && wrap("`", 1, "code", false)) continue;
    if (s.substr(i, 2) == "**" && wrap("**", 2, "strong", true)) continue;
    if (s[i] == '*' && s.substr(i, 2) != "**" && wrap("*", 1, "em", true)) continue;
    if (s[i] == '[') {
      const std::size_t close = s.find("](", i + 1);
      const std::size_t end = close == std::string_view::npos ? close : s.find(')', close + 2);
      if (end != std::string_view::npos && close > i + 1) {
        const std::string_view url = s.substr(close + 2, end - close - 2);
        if (safeLinkTarget(url)) {
          out += "<a href=\"";
          appendHtmlEscaped(out, url);
          out += "\" rel=\"nofollow noopener noreferrer\">" + inlineHtml(s.substr(i + 1, close - i - 1)) + "</a>";
          i = end + 1;
          continue;
        }
      }
    }
    appendHtmlEscaped(out, s.substr(i, 1));
    ++i;
  }
  return out;
}

std::vector<std::vector<std::string_view>> blocksOf(std::string_view text) {
  std::vector<std::vector<std::string_view>> blocks(1);
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    if (line.find_first_not_of(" \t") == std::string_view::npos) {
      if (!blocks.back().empty()) blocks.emplace_back();
    } else {
      blocks.back().push_back(line);
    }
  }
  if (blocks.back().empty()) blocks.pop_back();
  return blocks;
}

std::string paragraphs(std::string_view text, const std::function<std::string(std::string_view)>& lineHtml,
                       bool lists) {
  std::string out;
  for (const auto& block : blocksOf(text)) {
    const bool list = lists && std::all_of(block.begin(), block.end(), [](std::string_view l) {
      return l.starts_with("- ") || l.starts_with("* ");
    });
    out += list ? "<ul>" : "<p>";
    for (std::size_t n = 0; n < block.size(); ++n) {
      if (list)
        out += "<li>" + lineHtml(block[n].substr(2)) + "</li>";
      else
        out += (n ? "<br>" : "") + lineHtml(block[n]);
    }
    out += list ? "</ul>" : "</p>";
  }
  return out;
}

}  // namespace

std::string plainTextHtml(std::string_view text) {
  return paragraphs(
      text,
      [](std::string_view line) {
        std::string out;
        appendHtmlEscaped(out, line);
        return out;
      },
      false);
}

std::string markdownHtml(std::string_view text) { return paragraphs(text, inlineHtml, true); }

}  // namespace settings
