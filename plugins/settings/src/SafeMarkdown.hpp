// Marketing copy as HTML that cannot carry script: everything is escaped,
// then only a small Markdown subset becomes markup — paragraphs, line
// breaks, "- " lists, **bold**, *emphasis*, `code` and [text](http(s) URL).
#pragma once

#include <string>
#include <string_view>

namespace settings {

/// Plain text: escaped, blank lines make paragraphs, line breaks stay.
std::string plainTextHtml(std::string_view text);
/// The Markdown subset above.
std::string markdownHtml(std::string_view text);

}  // namespace settings
