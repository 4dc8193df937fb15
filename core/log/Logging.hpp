// spdlog set-up and the adapter that gives plugins a tabhost::sdk::Logger.
#pragma once

#include <memory>
#include <string>

#include <spdlog/logger.h>

#include "core/config/ConfigModel.hpp"
#include "tabhost/sdk/logger.hpp"

namespace tabhost::core {

/// Configures the process-wide "tabhost" logger (file or stderr, level).
/// Call once at start-up, before serving: sinks are not swapped while logging.
void configureLogging(const LoggingConfig& config);

/// Changes the level (what a reload may change while serving).
void setLogLevel(const std::string& level);

/// The host's logger.
spdlog::logger& hostLog();

/// An sdk::Logger writing to the host log with a fixed tag, e.g.
/// "plugin=hello tenant=demo request_id=…".
class TaggedLogger final : public sdk::Logger {
 public:
  explicit TaggedLogger(std::string tag) : tag_(std::move(tag)) {}
  void write(sdk::LogLevel level, std::string_view message) override;

 private:
  std::string tag_;
};

}  // namespace tabhost::core
