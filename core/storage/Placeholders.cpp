#include "core/storage/Placeholders.hpp"

#include <cctype>

namespace tabhost::core {

namespace {

// Length of a dollar-quote tag ("$$" or "$name$") starting at `at`, or 0.
std::size_t dollarTagLength(std::string_view sql, std::size_t at) {
  std::size_t i = at + 1;
  while (i < sql.size() && (std::isalnum(static_cast<unsigned char>(sql[i])) || sql[i] == '_')) ++i;
  // "$1" is a parameter, not a tag: tags do not start with a digit.
  if (i < sql.size() && sql[i] == '$' && !(i > at + 1 && std::isdigit(static_cast<unsigned char>(sql[at + 1]))))
    return i - at + 1;
  return 0;
}

}  // namespace

std::string numberPlaceholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 8);
  int next = 1;
  std::size_t i = 0;
  // Copies from `i` up to and including the first `close` found at or after `from`.
  auto copyThrough = [&](std::string_view close, std::size_t from) {
    std::size_t end = sql.find(close, from);
    end = end == std::string_view::npos ? sql.size() : end + close.size();
    out.append(sql.substr(i, end - i));
    i = end;
  };
  while (i < sql.size()) {
    const char c = sql[i];
    if (c == '?') {
      out += '$';
      out += std::to_string(next++);
      ++i;
    } else if (c == '\'' || c == '"') {
      // A doubled quote inside is an escaped quote: the scan simply resumes.
      copyThrough(std::string_view(&sql[i], 1), i + 1);
    } else if (c == '-' && sql.substr(i, 2) == "--") {
      copyThrough("\n", i + 2);
    } else if (c == '/' && sql.substr(i, 2) == "/*") {
      copyThrough("*/", i + 2);
    } else if (std::size_t tag = c == '$' ? dollarTagLength(sql, i) : 0) {
      copyThrough(sql.substr(i, tag), i + tag);
    } else {
      out += c;
      ++i;
    }
  }
  return out;
}

}  // namespace tabhost::core
