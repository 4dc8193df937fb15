// Tabhost plugin SDK — timestamps.
//
// The portable rule: store instants as TEXT in UTC, ISO 8601 with
// milliseconds ("2026-11-22T19:13:26.123Z"). Such text sorts in time order
// on every driver and reads the same in exports and the audit log.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <optional>
#include <string>
#include <string_view>

namespace tabhost::sdk {

/// A point in time, UTC.
using Instant = std::chrono::time_point<std::chrono::system_clock, std::chrono::milliseconds>;

/// The current time, to the millisecond.
inline Instant now() { return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now()); }

/// "2026-11-22T19:13:26.123Z".
inline std::string formatUtc(Instant instant) {
  const auto ms = instant.time_since_epoch().count();
  const auto millis = ((ms % 1000) + 1000) % 1000;
  const std::time_t seconds = static_cast<std::time_t>((ms - millis) / 1000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(millis));
  return text;
}

/// Parses what formatUtc writes (the milliseconds are optional); nullopt for
/// anything else, including impossible dates.
inline std::optional<Instant> parseUtc(std::string_view text) {
  int year, month, day, hour, minute, second, millis = 0, consumed = 0;
  std::string copy(text);
  if (std::sscanf(copy.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &year, &month, &day, &hour, &minute, &second,
                  &consumed) != 6 || consumed != 19)
    return std::nullopt;
  std::string_view rest = text.substr(19);
  if (rest.size() == 5 && rest[0] == '.') {
    for (char c : rest.substr(1, 3)) {
      if (c < '0' || c > '9') return std::nullopt;
      millis = millis * 10 + (c - '0');
    }
    rest.remove_prefix(4);
  }
  if (rest != "Z") return std::nullopt;
  std::tm tm{};
  tm.tm_year = year - 1900;
  tm.tm_mon = month - 1;
  tm.tm_mday = day;
  tm.tm_hour = hour;
  tm.tm_min = minute;
  tm.tm_sec = second;
  const std::time_t seconds = timegm(&tm);
  // timegm normalises 2026-02-30 into March: a round trip catches it.
  std::tm check{};
  gmtime_r(&seconds, &check);
  if (check.tm_mday != day || check.tm_mon != month - 1 || check.tm_hour != hour || check.tm_min != minute ||
      check.tm_sec != second)
    return std::nullopt;
  return Instant(std::chrono::milliseconds(static_cast<std::int64_t>(seconds) * 1000 + millis));
}

}  // namespace tabhost::sdk
