// The host's HTTP front: connections are not threads. One thread waits on
// every connection with epoll, looking (a peek, nothing consumed) at what
// each has sent; only a connection whose request is complete (its head and
// body, or the first part of a long body: RequestReadiness.hpp) goes to a
// worker, which parses and answers it with Poco's HTTP server classes and
// gives the connection back for its next request. A client that sends
// slowly, sends nothing, or idles between requests costs a descriptor and
// a few bytes, never a worker; one that takes longer than
// server.head_timeout_s to send a request is closed. Connections are
// bounded in total and per client address (503 with Retry-After beyond).
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

#include "core/config/ConfigModel.hpp"

namespace tabhost::core {

using RequestCallback = std::function<void(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse&)>;

class ConnectionGate {
 public:
  /// Binds the listening socket (so port() is known before start()).
  ConnectionGate(const ServerConfig& config, RequestCallback callback);
  ~ConnectionGate();
  ConnectionGate(const ConnectionGate&) = delete;
  ConnectionGate& operator=(const ConnectionGate&) = delete;

  void start();
  /// Stops accepting, lets requests in flight finish, closes every connection.
  void stop();
  std::uint16_t port() const { return port_; }

 private:
  struct Connection;
  using Clock = std::chrono::steady_clock;

  void react();
  void work();
  void acceptAll();
  /// Looks at what `fd` has sent: hands it to a worker, keeps waiting, or
  /// closes it. `hungUp`: the client will send nothing more.
  void inspect(int fd, bool hungUp);
  void arm(std::unique_ptr<Connection> connection);
  void close(std::unique_ptr<Connection> connection);
  void expire(Clock::time_point now);
  void takeReturned();
  /// Answers a connection the host will not serve, and closes it.
  void refuse(int fd, const std::string& why);
  /// A warning about refused or failed connections, at most once a second.
  void logRefusal(const std::string& what);
  void serve(Connection& connection);
  /// A worker reads a pipelined request's head from the socket itself: the
  /// reactor shuts the reading side of one still at it past the head deadline.
  void watch(int fd);
  void unwatch(int fd);
  void cutOverdue(Clock::time_point now);
  bool serveOne(class GateSession& session, Connection& connection);

  const ServerConfig config_;
  const RequestCallback callback_;
  Poco::Net::HTTPServerParams::Ptr params_;
  int listenFd_ = -1;
  int epollFd_ = -1;
  int wakeFd_ = -1;
  std::uint16_t port_ = 0;

  // The reactor thread's own: connections waiting for their next request.
  std::unordered_map<int, std::unique_ptr<Connection>> waiting_;
  std::unordered_map<std::string, int> perAddress_;
  int open_ = 0;
  std::vector<char> peekBuffer_;
  Clock::time_point lastRefusalLog_{};
  Clock::time_point lastTick_{};
  bool listenPaused_ = false;
  int refusedSinceLog_ = 0;

  // Between the reactor and the workers.
  std::mutex mutex_;
  std::condition_variable readyOrStop_;
  std::deque<std::unique_ptr<Connection>> ready_;
  std::vector<std::unique_ptr<Connection>> returned_;
  bool stopping_ = false;

  std::mutex watchMutex_;
  std::unordered_map<int, Clock::time_point> watched_;

  std::atomic<bool> running_{false};
  std::thread reactor_;
  std::vector<std::thread> workers_;
};

}  // namespace tabhost::core
