// Files in state_dir through which tabctl finds a running tabhost:
// tabhost.pid (for SIGHUP) and tabhost.url (where it listens, which may be an
// ephemeral port).
#pragma once

#include <optional>
#include <string>

namespace tabhost::core {

struct RunningHost {
  int pid = 0;
  std::string url;
};

/// Writes both files; throws std::runtime_error when state_dir is unusable.
void writeStateFiles(const std::string& stateDir, int pid, const std::string& url);
void removeStateFiles(const std::string& stateDir);
/// The host recorded in state_dir, if any.
std::optional<RunningHost> readStateFiles(const std::string& stateDir);

}  // namespace tabhost::core
