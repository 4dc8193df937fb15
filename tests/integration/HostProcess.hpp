// Runs a real tabhost process on a throw-away configuration and talks to it
// over real HTTP on loopback.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <sys/types.h>

#include "tabhost/sdk/json.hpp"

namespace tabhost::test {

/// An HTTP answer.
struct HttpResult {
  int status = 0;
  std::string body;
  std::map<std::string, std::string> headers;
  /// The body parsed as JSON (null when it is not JSON).
  sdk::Json json;
};

/// A temporary folder with tabhost.yaml, tenants/ and plugins/.
class TempConfig {
 public:
  TempConfig();
  ~TempConfig();
  const std::string& dir() const { return dir_; }
  std::string path(const std::string& relative) const { return dir_ + "/" + relative; }
  /// Writes `text` to `relative` (creating folders).
  void write(const std::string& relative, const std::string& text) const;
  /// Copies build/lib/tabhost/test-plugins/<name>.so into plugins/.
  void addFixturePlugin(const std::string& name) const;
  /// The default tabhost.yaml (ephemeral port, sqlite under data/).
  void writeHostConfig(const std::string& extra = "") const;

 private:
  std::string dir_;
};

/// A tabhost process; stopped (SIGTERM) when destroyed.
class HostProcess {
 public:
  explicit HostProcess(const TempConfig& config);
  ~HostProcess();

  /// Waits until it serves /readyz; false when it exited or timed out.
  bool waitReady();
  /// Waits for exit and returns the exit code (for refused starts).
  int waitExit();
  void signal(int sig) const;
  /// Everything it wrote to stderr and stdout so far.
  std::string output() const;

  HttpResult request(const std::string& method, const std::string& path, const std::string& body = "",
                     const std::map<std::string, std::string>& headers = {}) const;
  HttpResult get(const std::string& path, const std::map<std::string, std::string>& headers = {}) const {
    return request("GET", path, "", headers);
  }
  HttpResult post(const std::string& path, const std::string& body) const { return request("POST", path, body); }

 private:
  const TempConfig& config_;
  pid_t pid_ = -1;
  int port_ = 0;
  std::string outputFile_;
};

/// Runs build/bin/<program> with `args`; returns exit code and combined output.
std::pair<int, std::string> runProgram(const std::string& program, const std::vector<std::string>& args);

}  // namespace tabhost::test
