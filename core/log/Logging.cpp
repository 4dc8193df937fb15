#include "core/log/Logging.hpp"

#include <spdlog/async.h>
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
  if (!config.file.empty()) {
    // Serving threads only enqueue; one background thread formats and
    // writes. A full queue blocks the writer rather than dropping lines.
    spdlog::init_thread_pool(8192, 1);
    auto sink = std::make_shared<spdlog::sinks::basic_file_sink_mt>(config.file);
    logger = std::make_shared<spdlog::async_logger>("tabhost-async", sink, spdlog::thread_pool(),
                                                    spdlog::async_overflow_policy::block);
  }
  logger->set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %l %v", spdlog::pattern_time_type::utc);
  setLogLevel(config.level);
  // Errors reach the file at once; the rest is flushed every second.
  logger->flush_on(spdlog::level::warn);
  spdlog::flush_every(std::chrono::seconds(1));
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
