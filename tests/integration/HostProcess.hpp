// Runs a real tabhost process on a throw-away configuration and talks to it
// over real HTTP on loopback.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <string>
#include <string_view>
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

  /// The JSON value at a dotted path ("error.code"): a string as is, anything
  /// else as compact JSON text ("2", "false", "null" when absent), so that
  /// assertions compare and print plain strings.
  std::string text(std::string_view dottedPath) const;
};

/// The value at a dotted path ("plugins.loaded", "items.0.id": a number
/// indexes an array), or null when absent.
const sdk::Json& jsonAt(const sdk::Json& json, std::string_view dottedPath);

/// The value at a dotted path as HttpResult::text gives it.
std::string textAt(const sdk::Json& json, std::string_view dottedPath);

/// Extra lines for the default tabhost.yaml, each already indented for its
/// section (e.g. `.server = "  max_body_bytes: 64\n"`).
struct HostYaml {
  std::string server;
  std::string plugins;
  /// Replaces the default storage section (SQLite under data/) when set.
  std::string storage;
  /// Lines of the security section (e.g. "  step_up_s: 2\n").
  std::string security;
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
  /// Copies the built-in plugin <id> (build/lib/tabhost/plugins/tabhost_<id>.so) into plugins/.
  void addBuiltinPlugin(const std::string& id) const;
  /// The default tabhost.yaml (ephemeral port, sqlite under data/).
  void writeHostConfig(const HostYaml& extra = {}) const;
  /// Writes tenants/<id>.yaml: `id`, `name: Tenant <id>`, then `body` (more
  /// top-level keys such as domains, branding or plugins). Returns its path.
  std::string writeTenant(const std::string& id, const std::string& body = "") const;

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

  /// The port it listens on (127.0.0.1), for a test's own HTTP client.
  int port() const { return port_; }

  HttpResult request(const std::string& method, const std::string& path, const std::string& body = "",
                     const std::map<std::string, std::string>& headers = {}) const;
  HttpResult get(const std::string& path, const std::map<std::string, std::string>& headers = {}) const {
    return request("GET", path, "", headers);
  }
  HttpResult post(const std::string& path, const std::string& body) const { return request("POST", path, body); }
  /// Sends `bytes` as they are on one new connection and returns all that
  /// came back until the host closed it: how requests and answers are
  /// framed, which an HTTP client library would hide. `closeSending` shuts
  /// the sending side after the bytes, as a client that stopped would.
  std::string exchange(const std::string& bytes, bool closeSending = false) const;

 private:
  const TempConfig& config_;
  pid_t pid_ = -1;
  int port_ = 0;
  std::string outputFile_;
};

/// Polls `condition` until it holds or `limit` passes; true when it held.
bool waitUntil(const std::function<bool()>& condition,
               std::chrono::milliseconds limit = std::chrono::milliseconds(5000));

/// What a finished program wrote and how it ended.
struct ProgramResult {
  int exitCode = -1;
  std::string out;
  std::string err;
};

/// Runs build/bin/<program> with `args` to completion (killed after 30 s:
/// exit code -1).
ProgramResult runProgram(const std::string& program, const std::vector<std::string>& args);

/// The last non-empty line of a tabctl output, trimmed: where it prints a
/// secret it shows once (a password, a token).
std::string lastOutputLine(const std::string& text);

/// Creates a user with `tabctl user create`; returns the temporary password.
std::string createUser(const TempConfig& config, const std::string& tenant, const std::string& email,
                       const std::string& type);

/// Issues an API token with `tabctl token create` (every permission of the
/// user unless `scopes`, comma-separated, says otherwise); returns it.
std::string createToken(const TempConfig& config, const std::string& tenant, const std::string& email,
                        const std::string& scopes = "");

/// One row of `tabctl routes list`: "POST /tokens tokens permission:tokens.issue step-up".
struct RouteRule {
  std::string method, path, rule;
  /// What follows the rule: "step-up", "session-only", "open-while-read-only".
  std::string flags;
};

/// The route table as built, read with `tabctl routes list`.
std::vector<RouteRule> routeTable(const TempConfig& config);

/// `path` with each {param} replaced by "x1".
std::string concrete(std::string path);

/// An owner of `tenant` (owner@<tenant>.test) and an API token with all of
/// their permissions, as {"Authorization": "Bearer <token>"}.
std::map<std::string, std::string> ownerAuth(const TempConfig& config, const std::string& tenant);

/// Runs `sql` on `tenant`'s database directly (SQLite data/<tenant>.db under
/// `config`, or the tenant's schema at `dsn` when set), as someone with file
/// or server access would. Throws when the statement fails.
void runTenantSql(const TempConfig& config, const std::string& dsn, const std::string& tenant, const std::string& sql);

/// The rows `sql` returns on `tenant`'s database (as runTenantSql reaches
/// it), every value as text ("" for NULL).
std::vector<std::vector<std::string>> queryTenant(const TempConfig& config, const std::string& dsn,
                                                  const std::string& tenant, const std::string& sql);

/// {"Authorization": "Bearer <token>"}.
std::map<std::string, std::string> bearer(const std::string& token);

}  // namespace tabhost::test
