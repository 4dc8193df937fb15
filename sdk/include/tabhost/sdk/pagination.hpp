// Tabhost plugin SDK — cursor pagination.
//
// Keyset pagination: a page continues after the (sort value, id) of the last
// row of the previous page, so it stays fast at any depth and never skips or
// repeats rows when others are inserted meanwhile. Both drivers compare row
// values, so one query serves:
//
//   Page page = readPage(ctx);                      // ?limit=&cursor=
//   auto rows = page.after
//       ? db.query("SELECT id, name FROM things WHERE (name, id) > (?, ?) ORDER BY name, id LIMIT ?",
//                  {page.after->sortValue, page.after->id, page.limit + 1})
//       : db.query("SELECT id, name FROM things ORDER BY name, id LIMIT ?", {page.limit + 1});
//   return Response::json(pageBody(std::move(rows), page, "name", "id"));
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "tabhost/sdk/error.hpp"
#include "tabhost/sdk/json.hpp"
#include "tabhost/sdk/request.hpp"

namespace tabhost::sdk {

/// Where a page starts: after this sort value and id.
struct Cursor {
  /// The last row's sort column value (a string or an integer).
  Json sortValue;
  /// The last row's id (integer or string), the tie-breaker.
  Json id;
};

/// A requested page.
struct Page {
  /// Rows to return (1..maxLimit).
  int limit = 50;
  /// Continue after this row; nullopt for the first page.
  std::optional<Cursor> after;
};

namespace detail {

inline std::string toHex(std::string_view bytes) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  return out;
}

inline std::optional<std::string> fromHex(std::string_view hex) {
  if (hex.size() % 2) return std::nullopt;
  auto value = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  std::string out;
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    int hi = value(hex[i]), lo = value(hex[i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out += static_cast<char>(hi * 16 + lo);
  }
  return out;
}

// One part of a cursor: a kind ('i' integer, 's' string), the payload's
// length, ':' and the payload — length-prefixed, so any text round-trips.
inline std::string encodePart(const Json& v) {
  std::string payload;
  char kind;
  if (v.isInt()) {
    kind = 'i';
    payload = std::to_string(v.asInt());
  } else if (v.isString()) {
    kind = 's';
    payload = v.asString();
  } else {
    throw std::logic_error("cursor values must be integers or strings");
  }
  return kind + std::to_string(payload.size()) + ':' + payload;
}

// Reads one part from the front of `text` and drops it from `text`.
inline std::optional<Json> takePart(std::string_view& text) {
  if (text.size() < 3 || (text.front() != 'i' && text.front() != 's')) return std::nullopt;
  const char kind = text.front();
  const std::size_t colon = text.find(':');
  if (colon == std::string_view::npos || colon < 2) return std::nullopt;
  std::size_t length = 0;
  for (char c : text.substr(1, colon - 1)) {
    if (c < '0' || c > '9' || length > text.size()) return std::nullopt;
    length = length * 10 + static_cast<std::size_t>(c - '0');
  }
  if (text.size() - colon - 1 < length) return std::nullopt;
  const std::string payload(text.substr(colon + 1, length));
  text.remove_prefix(colon + 1 + length);
  if (kind == 's') return Json(payload);
  try {
    std::size_t used = 0;
    long long n = std::stoll(payload, &used);
    if (used != payload.size()) return std::nullopt;
    return Json(n);
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

}  // namespace detail

/// An opaque cursor text for `after`.
inline std::string encodeCursor(const Cursor& after) {
  return detail::toHex(detail::encodePart(after.sortValue) + detail::encodePart(after.id));
}

/// The cursor in `text`, or nullopt when it is not one this SDK wrote.
inline std::optional<Cursor> decodeCursor(std::string_view text) {
  auto raw = detail::fromHex(text);
  if (!raw) return std::nullopt;
  std::string_view rest(*raw);
  auto sortValue = detail::takePart(rest);
  auto id = sortValue ? detail::takePart(rest) : std::nullopt;
  if (!id || !rest.empty()) return std::nullopt;
  return Cursor{*sortValue, *id};
}

/// Reads ?limit= and ?cursor=; a bad value answers 400 naming the parameter.
inline Page readPage(const RequestContext& ctx, int defaultLimit = 50, int maxLimit = 200) {
  Page page;
  page.limit = defaultLimit;
  if (auto limit = ctx.query("limit")) {
    std::size_t used = 0;
    int n = 0;
    try {
      n = std::stoi(*limit, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used == 0 || used != limit->size() || n < 1 || n > maxLimit)
      throw Error::badRequest("invalid_limit", "limit must be a whole number from 1 to " + std::to_string(maxLimit),
                              "limit");
    page.limit = n;
  }
  if (auto cursor = ctx.query("cursor"); cursor && !cursor->empty()) {
    page.after = decodeCursor(*cursor);
    if (!page.after) throw Error::badRequest("invalid_cursor", "cursor is not one this API returned", "cursor");
  }
  return page;
}

/// {"items": rows (at most page.limit), "next_cursor": text or null}. Query
/// page.limit + 1 rows: the extra one only tells that another page exists.
inline Json pageBody(std::vector<Json> rows, const Page& page, std::string_view sortKey, std::string_view idKey) {
  Json next;
  if (rows.size() > static_cast<std::size_t>(page.limit)) {
    rows.resize(static_cast<std::size_t>(page.limit));
    const Json& last = rows.back();
    next = encodeCursor({*last.find(sortKey), *last.find(idKey)});
  }
  // Built member by member: an initializer list would copy the whole page.
  Json::Object body;
  body.reserve(2);
  body.emplace_back("items", Json(std::move(rows)));
  body.emplace_back("next_cursor", std::move(next));
  return Json(std::move(body));
}

}  // namespace tabhost::sdk
