#include "core/log/Logging.hpp"

#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

namespace tabhost::core {

namespace {
std::shared_ptr<spdlog::logger>& current() {
  static std::shared_ptr<spdlog::logger> logger = spdlog::stderr_logger_mt("tabhost");
  return logger;
}
}  // namespace

void configureLogging(const LoggingConfig& config) {
  auto& logger = current();
  if (!config.file.empty()) logger->sinks() = {std::make_shared<spdlog::sinks::basic_file_sink_mt>(config.file)};
  logger->set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %l %v", spdlog::pattern_time_type::utc);
  setLogLevel(config.level);
  // Every line is flushed, i.e. written by one write(): the access log appends
  // to the same file, and a line split by stdio's buffer could interleave.
  // The busy per-request lines go through AccessLog, so this stays cheap.
  logger->flush_on(spdlog::level::trace);
}

void setLogLevel(const std::string& level) { current()->set_level(spdlog::level::from_str(level)); }

spdlog::logger& hostLog() { return *current(); }

void TaggedLogger::write(sdk::LogLevel level, std::string_view message) {
  spdlog::level::level_enum spdLevel = spdlog::level::info;
  switch (level) {
    case sdk::LogLevel::Debug: spdLevel = spdlog::level::debug; break;
    case sdk::LogLevel::Info: spdLevel = spdlog::level::info; break;
    case sdk::LogLevel::Warn: spdLevel = spdlog::level::warn; break;
    case sdk::LogLevel::Error: spdLevel = spdlog::level::err; break;
  }
  hostLog().log(spdLevel, "{} {}", tag_, message);
}

}  // namespace tabhost::core
