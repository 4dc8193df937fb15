#include "HostProcess.hpp"

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <gtest/gtest.h>

#include <Poco/Data/PostgreSQL/Connector.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/RecordSet.h>
#include <Poco/Data/Session.h>
#include <Poco/Data/Statement.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/StreamCopier.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/json/JsonCodec.hpp"

namespace tabhost::test {

namespace fs = std::filesystem;

namespace {
std::string readFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// stderr goes to `errorFile`, or with stdout into `outputFile` when it is empty.
pid_t spawn(const std::string& program, const std::vector<std::string>& args, const std::string& outputFile,
            const std::string& errorFile = "") {
  pid_t pid = fork();
  if (pid == 0) {
    FILE* out = std::fopen(outputFile.c_str(), "w");
    FILE* err = errorFile.empty() ? out : std::fopen(errorFile.c_str(), "w");
    dup2(fileno(out), 1);
    dup2(fileno(err), 2);
    std::vector<char*> argv{const_cast<char*>(program.c_str())};
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(program.c_str(), argv.data());
    _exit(127);
  }
  return pid;
}
}  // namespace

const sdk::Json& jsonAt(const sdk::Json& json, std::string_view dottedPath) {
  static const sdk::Json absent;
  const sdk::Json* at = &json;
  while (!dottedPath.empty()) {
    const auto dot = dottedPath.find('.');
    const auto step = dottedPath.substr(0, dot);
    if (at->isArray()) {
      // A number steps into an array: "items.0.id".
      std::size_t index = 0;
      for (char c : step) index = c >= '0' && c <= '9' ? index * 10 + static_cast<std::size_t>(c - '0') : SIZE_MAX;
      if (step.empty() || index >= at->size()) return absent;
      at = &at->asArray()[index];
    } else {
      at = at->find(step);
    }
    if (at == nullptr) return absent;
    dottedPath = dot == std::string_view::npos ? std::string_view() : dottedPath.substr(dot + 1);
  }
  return *at;
}

std::string textAt(const sdk::Json& json, std::string_view dottedPath) {
  const sdk::Json& value = jsonAt(json, dottedPath);
  return value.isString() ? value.asString() : core::toJsonText(value);
}

std::string HttpResult::text(std::string_view dottedPath) const { return textAt(json, dottedPath); }

bool waitUntil(const std::function<bool()>& condition, std::chrono::milliseconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  for (;;) {
    if (condition()) return true;
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

TempConfig::TempConfig() {
  std::string pattern = (fs::temp_directory_path() / "tabhost-test-XXXXXX").string();
  dir_ = mkdtemp(pattern.data());
  fs::create_directories(dir_ + "/plugins");
  fs::create_directories(dir_ + "/tenants");
}

TempConfig::~TempConfig() {
  std::error_code ignored;
  fs::remove_all(dir_, ignored);
}

void TempConfig::write(const std::string& relative, const std::string& text) const {
  fs::create_directories(fs::path(path(relative)).parent_path());
  std::ofstream(path(relative)) << text;
}

void TempConfig::addFixturePlugin(const std::string& name) const {
  fs::copy_file(std::string(TABHOST_FIXTURE_DIR) + "/" + name + ".so", path("plugins/" + name + ".so"),
                fs::copy_options::overwrite_existing);
}

void TempConfig::addBuiltinPlugin(const std::string& id) const {
  fs::copy_file(std::string(TABHOST_BUILTIN_PLUGIN_DIR) + "/tabhost_" + id + ".so", path("plugins/" + id + ".so"),
                fs::copy_options::overwrite_existing);
}

void TempConfig::writeHostConfig(const HostYaml& extra) const {
  const std::string storage = extra.storage.empty() ? "storage:\n  driver: sqlite\n  path: data\n" : extra.storage;
  write("tabhost.yaml", "server:\n  listen: \"127.0.0.1:0\"\n  threads: 16\n" + extra.server + storage +
                            "plugins:\n  dir: plugins\n" + extra.plugins + "tenants_dir: tenants\nstate_dir: state\n" +
                            (extra.security.empty() ? "" : "security:\n" + extra.security));
}

std::string TempConfig::writeTenant(const std::string& id, const std::string& body) const {
  const std::string relative = "tenants/" + id + ".yaml";
  write(relative, "id: " + id + "\nname: Tenant " + id + "\n" + body);
  return path(relative);
}

HostProcess::HostProcess(const TempConfig& config) : config_(config) {
  outputFile_ = config.path("tabhost.out");
  pid_ = spawn(std::string(TABHOST_BIN_DIR) + "/tabhost", {"--config", config.path("tabhost.yaml")}, outputFile_);
}

HostProcess::~HostProcess() {
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
    waitExit();
  }
}

bool HostProcess::waitReady() {
  for (int i = 0; i < 200; ++i) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return false;
    }
    std::string url = readFile(config_.path("state/tabhost.url"));
    if (auto colon = url.rfind(':'); colon != std::string::npos && colon > 6) {
      port_ = std::stoi(url.substr(colon + 1));
      if (get("/readyz").status == 200) return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

int HostProcess::waitExit() {
  if (pid_ <= 0) return -1;
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

void HostProcess::signal(int sig) const { kill(pid_, sig); }

std::string HostProcess::output() const { return readFile(outputFile_); }

HttpResult HostProcess::request(const std::string& method, const std::string& path, const std::string& body,
                                const std::map<std::string, std::string>& headers) const {
  HttpResult result;
  try {
    Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port_));
    session.setTimeout(Poco::Timespan(10, 0));
    Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
    // "Transfer-Encoding: chunked" among the headers sends the body chunked,
    // its size unknown to the server until the end.
    const auto encoding = headers.find("Transfer-Encoding");
    const bool chunked = encoding != headers.end() && encoding->second == "chunked";
    if (!body.empty()) {
      request.setContentType("application/json");
      if (chunked) request.setChunkedTransferEncoding(true);
      else request.setContentLength(static_cast<std::streamsize>(body.size()));
    }
    // After the defaults: a caller's Content-Type (an upload) wins.
    for (const auto& [name, value] : headers) request.set(name, value);
    session.sendRequest(request) << body;
    Poco::Net::HTTPResponse response;
    Poco::StreamCopier::copyToString(session.receiveResponse(response), result.body);
    result.status = response.getStatus();
    for (const auto& [name, value] : response) result.headers[name] = value;
    try {
      result.json = core::parseJsonText(result.body);
    } catch (...) {
    }
  } catch (const Poco::Exception&) {
    result.status = 0;
  }
  return result;
}

std::string HostProcess::exchange(const std::string& bytes, bool closeSending) const {
  Poco::Net::StreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(port_)));
  socket.setReceiveTimeout(Poco::Timespan(10, 0));
  for (std::size_t sent = 0; sent < bytes.size();) {
    const int now = socket.sendBytes(bytes.data() + sent, static_cast<int>(bytes.size() - sent));
    if (now <= 0) break;
    sent += static_cast<std::size_t>(now);
  }
  if (closeSending) socket.shutdownSend();
  std::string received;
  char buffer[65536];
  for (int got; (got = socket.receiveBytes(buffer, sizeof buffer)) > 0;) received.append(buffer, got);
  return received;
}

ProgramResult runProgram(const std::string& program, const std::vector<std::string>& args) {
  const std::string base = (fs::temp_directory_path() / ("tabhost-run-" + std::to_string(getpid()))).string();
  pid_t pid = spawn(std::string(TABHOST_BIN_DIR) + "/" + program, args, base + ".out", base + ".err");
  int status = 0;
  // Bounded, so that a program which should have exited but serves instead
  // fails its test rather than hanging the suite.
  if (!waitUntil([&] { return waitpid(pid, &status, WNOHANG) == pid; }, std::chrono::seconds(30))) {
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
  }
  ProgramResult result{WIFEXITED(status) ? WEXITSTATUS(status) : -1, readFile(base + ".out"), readFile(base + ".err")};
  fs::remove(base + ".out");
  fs::remove(base + ".err");
  return result;
}

std::string lastOutputLine(const std::string& text) {
  const std::size_t end = text.find_last_not_of("\n ");
  if (end == std::string::npos) return {};
  const std::size_t newline = text.rfind('\n', end);
  const std::size_t first = text.find_first_not_of(' ', newline == std::string::npos ? 0 : newline + 1);
  return text.substr(first, end - first + 1);
}

std::string createUser(const TempConfig& config, const std::string& tenant, const std::string& email,
                       const std::string& type) {
  auto run = runProgram("tabctl", {"user", "create", "--config", config.path("tabhost.yaml"), "--tenant", tenant,
                                   "--email", email, "--type", type});
  if (run.exitCode != 0) throw std::runtime_error("tabctl user create failed: " + run.err);
  return lastOutputLine(run.out);
}

std::string createToken(const TempConfig& config, const std::string& tenant, const std::string& email,
                        const std::string& scopes) {
  std::vector<std::string> args{"token", "create", "--config", config.path("tabhost.yaml"), "--tenant", tenant,
                                "--email", email, "--name", "test token"};
  if (!scopes.empty()) {
    args.push_back("--scopes");
    args.push_back(scopes);
  }
  auto run = runProgram("tabctl", args);
  if (run.exitCode != 0) throw std::runtime_error("tabctl token create failed: " + run.err);
  return lastOutputLine(run.out);
}

namespace {

Poco::Data::Session tenantSession(const TempConfig& config, const std::string& dsn, const std::string& tenant) {
  Poco::Data::SQLite::Connector::registerConnector();
  Poco::Data::PostgreSQL::Connector::registerConnector();
  if (dsn.empty()) return Poco::Data::Session("SQLite", config.path("data/" + tenant + ".db"));
  Poco::Data::Session db("PostgreSQL", dsn);
  db << "SET search_path TO \"tenant_" + tenant + "\"", Poco::Data::Keywords::now;
  return db;
}

}  // namespace

void runTenantSql(const TempConfig& config, const std::string& dsn, const std::string& tenant, const std::string& sql) {
  auto db = tenantSession(config, dsn, tenant);
  db << sql, Poco::Data::Keywords::now;
}

std::vector<std::vector<std::string>> queryTenant(const TempConfig& config, const std::string& dsn,
                                                  const std::string& tenant, const std::string& sql) {
  auto db = tenantSession(config, dsn, tenant);
  Poco::Data::Statement select(db);
  select << sql;
  select.execute();
  Poco::Data::RecordSet rs(select);
  std::vector<std::vector<std::string>> rows;
  for (std::size_t r = 0; r < rs.rowCount(); ++r) {
    std::vector<std::string> row;
    for (std::size_t c = 0; c < rs.columnCount(); ++c) {
      const Poco::Dynamic::Var& v = rs.value(c, r);
      row.push_back(v.isEmpty() ? "" : v.convert<std::string>());
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<RouteRule> routeTable(const TempConfig& config) {
  auto run = runProgram("tabctl", {"routes", "list", "--config", config.path("tabhost.yaml")});
  EXPECT_EQ(run.exitCode, 0) << run.err;
  std::vector<RouteRule> routes;
  std::istringstream lines(run.out);
  for (std::string method, path, plugin, rule, rest; lines >> method >> path >> plugin >> rule;) {
    std::getline(lines, rest);
    routes.push_back({method, path, rule, rest});
  }
  return routes;
}

std::string concrete(std::string path) {
  for (std::size_t open; (open = path.find('{')) != std::string::npos;)
    path.replace(open, path.find('}', open) - open + 1, "x1");
  return path;
}

std::map<std::string, std::string> bearer(const std::string& token) { return {{"Authorization", "Bearer " + token}}; }

std::map<std::string, std::string> ownerAuth(const TempConfig& config, const std::string& tenant) {
  const std::string email = "owner@" + tenant + ".test";
  createUser(config, tenant, email, "owner");
  return bearer(createToken(config, tenant, email));
}

}  // namespace tabhost::test
