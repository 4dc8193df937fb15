// tabhost — the Tabhost server.
//
//   tabhost --config config/tabhost.yaml
//
// Refuses to start on an invalid configuration (printing file:line:col for
// each problem). SIGHUP reloads the configuration; SIGTERM/SIGINT stop it.
#include <csignal>
#include <cstring>
#include <iostream>

#include <sys/resource.h>
#include <unistd.h>

#include "core/app/AuditCheckpointer.hpp"
#include "core/app/RequestPipeline.hpp"
#include "core/app/Runtime.hpp"
#include "core/app/StateFiles.hpp"
#include "core/http/ConnectionGate.hpp"
#include "core/log/AccessLog.hpp"
#include "core/log/Logging.hpp"
#include "core/mail/MailDelivery.hpp"

using namespace tabhost::core;

namespace {

int usage() {
  std::cerr << "usage: tabhost --config FILE\n";
  return 2;
}

int serve(const std::string& configPath) {
  // Signals are taken by sigwait below, so every thread started from here
  // on must have them blocked.
  sigset_t signals;
  sigemptyset(&signals);
  for (int s : {SIGHUP, SIGINT, SIGTERM}) sigaddset(&signals, s);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  // A client that goes away while an answer is written to it is that
  // request's failure (EPIPE), not the process's: Poco sends without
  // MSG_NOSIGNAL.
  std::signal(SIGPIPE, SIG_IGN);
  // Every connection is a descriptor, idle ones included: take all the
  // system allows this process (the soft limit is often 1,024).
  if (rlimit files{}; getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur < files.rlim_max) {
    files.rlim_cur = files.rlim_max;
    setrlimit(RLIMIT_NOFILE, &files);
  }

  Runtime runtime(configPath);
  // A broken tenant database shows in the log at start; that tenant answers
  // 503 while the others serve.
  runtime.prepareTenants();
  AccessLog accessLog(runtime.host().logging.file, std::chrono::seconds(1), 32 * 1024);
  RequestPipeline pipeline(runtime, accessLog);
  const ServerConfig& serverConfig = runtime.host().server;
  ConnectionGate server(serverConfig, [&pipeline](auto& request, auto& response) { pipeline.handle(request, response); });
  server.start();
  AuditCheckpointer checkpointer(runtime);
  MailDelivery mail(runtime);
  const std::string url = "http://" + serverConfig.host + ":" + std::to_string(server.port());
  writeStateFiles(runtime.host().stateDir, getpid(), url);
  hostLog().info("tabhost listening on {} ({} plugins, {} tenants)", url, runtime.plugins().startOrder().size(),
                 runtime.config()->tenants.size());
  std::cout << "tabhost listening on " << url << std::endl;

  for (;;) {
    int received = 0;
    sigwait(&signals, &received);
    if (received == SIGHUP) {
      runtime.reload();
      continue;
    }
    hostLog().info("tabhost stopping ({})", strsignal(received));
    break;
  }
  server.stop();
  removeStateFiles(runtime.host().stateDir);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3 || std::strcmp(argv[1], "--config") != 0) return usage();
  try {
    return serve(argv[2]);
  } catch (const StartupError& e) {
    for (const auto& d : e.diagnostics) std::cerr << d.str() << '\n';
    std::cerr << "tabhost: refusing to start: " << e.diagnostics.size() << " configuration error(s)\n";
  } catch (const std::exception& e) {
    std::cerr << "tabhost: refusing to start: " << e.what() << '\n';
  }
  return 1;
}
