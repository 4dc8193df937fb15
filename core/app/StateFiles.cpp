#include "core/app/StateFiles.hpp"

#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace tabhost::core {

namespace fs = std::filesystem;

namespace {

// Written under another name, then renamed: a reader (tabctl, a test
// waiting for the host) sees the whole file or none, never an empty one.
void writeWhole(const fs::path& path, const std::string& text) {
  const fs::path partial = path.string() + ".partial";
  {
    std::ofstream out(partial);
    out << text;
    if (!out.flush()) throw std::runtime_error("cannot write " + partial.string());
  }
  fs::rename(partial, path);
}

}  // namespace

void writeStateFiles(const std::string& stateDir, int pid, const std::string& url) {
  fs::create_directories(stateDir);
  writeWhole(fs::path(stateDir) / "tabhost.pid", std::to_string(pid) + '\n');
  writeWhole(fs::path(stateDir) / "tabhost.url", url + '\n');
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
