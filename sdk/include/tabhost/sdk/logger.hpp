// Tabhost plugin SDK — logging.
//
// Plugins log through the host's logger (never their own spdlog: its registry
// is per shared library). Lines carry the plugin id, and within a request the
// tenant and request id, automatically. Never log a secret.
#pragma once

#include <string_view>

namespace tabhost::sdk {

/// Severity of a log line.
enum class LogLevel { Debug, Info, Warn, Error };

/// A sink for log lines, implemented by the host.
class Logger {
 public:
  virtual ~Logger() = default;
  /// Writes one line at `level`.
  virtual void write(LogLevel level, std::string_view message) = 0;

  void debug(std::string_view m) { write(LogLevel::Debug, m); }
  void info(std::string_view m) { write(LogLevel::Info, m); }
  void warn(std::string_view m) { write(LogLevel::Warn, m); }
  void error(std::string_view m) { write(LogLevel::Error, m); }
};

}  // namespace tabhost::sdk
