#include "core/app/StateFiles.hpp"

#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace tabhost::core {

namespace fs = std::filesystem;

void writeStateFiles(const std::string& stateDir, int pid, const std::string& url) {
  fs::create_directories(stateDir);
  std::ofstream(fs::path(stateDir) / "tabhost.pid") << pid << '\n';
  std::ofstream out(fs::path(stateDir) / "tabhost.url");
  out << url << '\n';
  if (!out) throw std::runtime_error("cannot write state files in " + stateDir);
}

void removeStateFiles(const std::string& stateDir) {
  std::error_code ignored;
  fs::remove(fs::path(stateDir) / "tabhost.pid", ignored);
  fs::remove(fs::path(stateDir) / "tabhost.url", ignored);
}

std::optional<RunningHost> readStateFiles(const std::string& stateDir) {
  RunningHost host;
  std::ifstream pid(fs::path(stateDir) / "tabhost.pid");
  std::ifstream url(fs::path(stateDir) / "tabhost.url");
  if (!(pid >> host.pid) || !(url >> host.url)) return std::nullopt;
  return host;
}

}  // namespace tabhost::core
