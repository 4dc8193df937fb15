// Tabhost plugin SDK — checks for the text formats admin data is made of.
//
// One definition of "an E.164 number", "an email address", "an http(s) URL"
// for the host and every plugin, so that a value one accepts another does
// not refuse. Each is a plain function of the text (no locale, no regex), so
// they are cheap enough to run on every row of a bulk import.
#pragma once

#include <cstddef>
#include <string_view>

namespace tabhost::sdk {

namespace detail {
inline bool isDigit(char c) { return c >= '0' && c <= '9'; }
inline bool isLower(char c) { return c >= 'a' && c <= 'z'; }
inline bool isUpper(char c) { return c >= 'A' && c <= 'Z'; }
inline bool isSpaceOrControl(char c) { return static_cast<unsigned char>(c) <= ' ' || c == 0x7f; }
}  // namespace detail

/// Whether `text` is well-formed UTF-8 (no overlong forms, no surrogates,
/// nothing above U+10FFFF).
inline bool isUtf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t length;
    unsigned int point;
    if ((c & 0xE0) == 0xC0) length = 2, point = c & 0x1F;
    else if ((c & 0xF0) == 0xE0) length = 3, point = c & 0x0F;
    else if ((c & 0xF8) == 0xF0) length = 4, point = c & 0x07;
    else return false;
    if (i + length > text.size()) return false;
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return false;
      point = (point << 6) | (next & 0x3F);
    }
    static constexpr unsigned int smallest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (point < smallest[length] || point > 0x10FFFF || (point >= 0xD800 && point <= 0xDFFF)) return false;
    i += length;
  }
  return true;
}

/// Whether `text` has a control character (below U+0020, or DEL).
inline bool hasControlCharacter(std::string_view text) {
  for (char c : text)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return true;
  return false;
}

/// An E.164 telephone number: '+', a non-zero digit, 7 to 15 digits in all
/// (e.g. "+14155550100").
inline bool isE164(std::string_view text) {
  if (text.size() < 8 || text.size() > 16 || text[0] != '+' || text[1] == '0') return false;
  for (char c : text.substr(1))
    if (!detail::isDigit(c)) return false;
  return true;
}

/// An email address as admins type them: one '@' with text on both sides,
/// no spaces or control characters, a dot in the domain.
inline bool isEmail(std::string_view text) {
  const auto at = text.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 >= text.size() || text.size() > 254) return false;
  if (text.find('@', at + 1) != std::string_view::npos) return false;
  for (char c : text)
    if (detail::isSpaceOrControl(c)) return false;
  const auto domain = text.substr(at + 1);
  const auto dot = domain.find('.');
  return dot != std::string_view::npos && dot > 0 && domain.back() != '.';
}

/// A lower-case DNS host name with at least two labels, e.g. "acme.example"
/// (letters, digits and '-', no label starting or ending with '-').
inline bool isDomainName(std::string_view text) {
  if (text.empty() || text.size() > 253 || text.find('.') == std::string_view::npos) return false;
  std::size_t labelStart = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == '.') {
      const std::size_t length = i - labelStart;
      if (length == 0 || length > 63 || text[labelStart] == '-' || text[i - 1] == '-') return false;
      labelStart = i + 1;
      continue;
    }
    const char c = text[i];
    if (!detail::isLower(c) && !detail::isDigit(c) && c != '-') return false;
  }
  return true;
}

/// An absolute URL with the given scheme prefix ("https://") and a host.
inline bool isUrlWithScheme(std::string_view url, std::string_view scheme) {
  if (url.substr(0, scheme.size()) != scheme || url.size() > 2048) return false;
  for (char c : url)
    if (detail::isSpaceOrControl(c)) return false;
  const auto rest = url.substr(scheme.size());
  const auto authority = rest.substr(0, rest.find_first_of("/?#"));
  const auto at = authority.rfind('@');
  const auto host = at == std::string_view::npos ? authority : authority.substr(at + 1);
  return !host.empty() && host.front() != ':';
}

/// An absolute http:// or https:// URL with a host.
inline bool isHttpUrl(std::string_view url) {
  return isUrlWithScheme(url, "https://") || isUrlWithScheme(url, "http://");
}

/// An absolute https:// URL with a host.
inline bool isHttpsUrl(std::string_view url) { return isUrlWithScheme(url, "https://"); }

/// Two upper-case letters, the shape of an ISO 3166-1 alpha-2 code ("DE").
inline bool isCountryCode(std::string_view text) {
  return text.size() == 2 && detail::isUpper(text[0]) && detail::isUpper(text[1]);
}

}  // namespace tabhost::sdk
