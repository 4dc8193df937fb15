#include "core/http/ConnectionGate.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string_view>
#include <system_error>

#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponseImpl.h>
#include <Poco/Net/HTTPServerSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Net/StreamSocketImpl.h>
#include <Poco/Timestamp.h>

#include "core/http/RequestReadiness.hpp"
#include "core/log/Logging.hpp"

namespace tabhost::core {

namespace {

// How long a worker that has answered waits for the same client's next
// request before giving the connection back, when no other request waits
// for a worker: a busy client (a page loading its parts) keeps its worker,
// an idle one costs none after this. Measured with tests/bench/
// http_pipeline.sh (64 keep-alive clients, 2 cores shared with wrk): 2 ms
// gave 0.72 of a bare Poco server, the next request often coming later
// than that; 20 ms gave 1.03.
constexpr int kLingerMs = 20;
constexpr int kTickMs = 250;

[[noreturn]] void fail(const char* what) { throw std::system_error(errno, std::generic_category(), what); }

}  // namespace

struct ConnectionGate::Connection {
  int fd = -1;
  std::string address;
  Clock::time_point deadline;
  /// Bytes of the next request have arrived: its head deadline runs.
  bool started = false;
  /// "100 Continue" was sent for the request waited for.
  bool continued = false;
  int served = 0;
  /// Set by a worker: false closes the connection.
  bool keep = true;

  ~Connection() {
    if (fd >= 0) ::close(fd);
  }
};

// Poco's session, with how much its buffer holds in view: bytes of a next
// request read along with this one cannot go back to the socket.
class GateSession final : public Poco::Net::HTTPServerSession {
 public:
  using HTTPServerSession::HTTPServerSession;
  using HTTPSession::buffered;
};

ConnectionGate::ConnectionGate(const ServerConfig& config, RequestCallback callback)
    : config_(config), callback_(std::move(callback)), params_(new Poco::Net::HTTPServerParams) {
  params_->setTimeout(Poco::Timespan(config.ioTimeoutSeconds, 0));
  params_->setKeepAlive(true);
  params_->setKeepAliveTimeout(Poco::Timespan(0));
  peekBuffer_.resize(kMaxHeadBytes + kBodyHandOffBytes);

  const Poco::Net::SocketAddress address(config.host, config.port);
  listenFd_ = ::socket(address.family() == Poco::Net::SocketAddress::IPv6 ? AF_INET6 : AF_INET,
                       SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (listenFd_ < 0) fail("socket");
  const int on = 1;
  ::setsockopt(listenFd_, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
  if (::bind(listenFd_, address.addr(), address.length()) != 0) {
    const int error = errno;
    ::close(listenFd_);
    throw std::system_error(error, std::generic_category(), "cannot listen on " + address.toString());
  }
  if (::listen(listenFd_, 1024) != 0) fail("listen");
  sockaddr_storage bound{};
  socklen_t length = sizeof bound;
  ::getsockname(listenFd_, reinterpret_cast<sockaddr*>(&bound), &length);
  port_ = Poco::Net::SocketAddress(reinterpret_cast<sockaddr*>(&bound), length).port();

  epollFd_ = ::epoll_create1(EPOLL_CLOEXEC);
  wakeFd_ = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (epollFd_ < 0 || wakeFd_ < 0) fail("epoll");
  for (int fd : {listenFd_, wakeFd_}) {
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.fd = fd;
    ::epoll_ctl(epollFd_, EPOLL_CTL_ADD, fd, &event);
  }
}

ConnectionGate::~ConnectionGate() {
  stop();
  for (int fd : {listenFd_, epollFd_, wakeFd_})
    if (fd >= 0) ::close(fd);
}

void ConnectionGate::start() {
  running_ = true;
  reactor_ = std::thread([this] { react(); });
  for (int i = 0; i < config_.threads; ++i) workers_.emplace_back([this] { work(); });
}

void ConnectionGate::stop() {
  if (!running_.exchange(false)) return;
  const std::uint64_t one = 1;
  [[maybe_unused]] const auto written = ::write(wakeFd_, &one, sizeof one);
  reactor_.join();
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  readyOrStop_.notify_all();
  for (auto& worker : workers_) worker.join();
  workers_.clear();
  ready_.clear();
  returned_.clear();
}

// ---- the reactor thread ------------------------------------------------

void ConnectionGate::react() {
  std::vector<epoll_event> events(256);
  while (running_) {
    const int count = ::epoll_wait(epollFd_, events.data(), static_cast<int>(events.size()), kTickMs);
    for (int i = 0; i < count; ++i) {
      const int fd = events[static_cast<std::size_t>(i)].data.fd;
      if (fd == listenFd_) {
        acceptAll();
      } else if (fd == wakeFd_) {
        std::uint64_t value = 0;
        [[maybe_unused]] const auto got = ::read(wakeFd_, &value, sizeof value);
        takeReturned();
      } else {
        inspect(fd, (events[static_cast<std::size_t>(i)].events & (EPOLLRDHUP | EPOLLHUP)) != 0);
      }
    }
    const auto now = Clock::now();
    if (now - lastTick_ < std::chrono::milliseconds(kTickMs)) continue;
    lastTick_ = now;
    expire(now);
    cutOverdue(now);
    if (listenPaused_) {
      epoll_event event{};
      event.events = EPOLLIN;
      event.data.fd = listenFd_;
      ::epoll_ctl(epollFd_, EPOLL_CTL_ADD, listenFd_, &event);
      listenPaused_ = false;
    }
  }
  waiting_.clear();
}

void ConnectionGate::acceptAll() {
  for (;;) {
    sockaddr_storage peer{};
    socklen_t length = sizeof peer;
    const int fd = ::accept4(listenFd_, reinterpret_cast<sockaddr*>(&peer), &length, SOCK_CLOEXEC);
    if (fd < 0) {
      if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) return;
      // Out of descriptors (or another failure that stays): the listening
      // socket, level-triggered, would wake the loop again at once. It is
      // left unwatched until the next tick; the backlog holds the clients.
      ::epoll_ctl(epollFd_, EPOLL_CTL_DEL, listenFd_, nullptr);
      listenPaused_ = true;
      logRefusal(std::string("accepting a connection failed: ") + std::strerror(errno));
      return;
    }
    const int on = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
    // A client that stops reading blocks a worker's write for at most this
    // (Poco's session sets only the receive timeout).
    const timeval sendTimeout{config_.ioTimeoutSeconds, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &sendTimeout, sizeof sendTimeout);
    std::string address = Poco::Net::SocketAddress(reinterpret_cast<sockaddr*>(&peer), length).host().toString();
    if (open_ >= config_.maxConnections) {
      refuse(fd, "the host has " + std::to_string(open_) + " connections open (server.max_connections)");
      continue;
    }
    int& fromAddress = perAddress_[address];
    if (fromAddress >= config_.maxConnectionsPerAddress) {
      refuse(fd, address + " has " + std::to_string(fromAddress) +
                     " connections open (server.max_connections_per_address)");
      continue;
    }
    ++fromAddress;
    ++open_;
    auto connection = std::make_unique<Connection>();
    connection->fd = fd;
    connection->address = std::move(address);
    arm(std::move(connection));
  }
}

void ConnectionGate::refuse(int fd, const std::string& why) {
  static constexpr std::string_view answer =
      "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nContent-Type: application/json\r\n"
      "Content-Length: 87\r\nConnection: close\r\n\r\n"
      R"({"error":{"code":"too_many_connections","message":"too many connections; try again"}})";
  // What the client sent is read first: closing on unread bytes would reset
  // the connection, and the client might never see the answer.
  while (::recv(fd, peekBuffer_.data(), peekBuffer_.size(), MSG_DONTWAIT) > 0) {
  }
  ::send(fd, answer.data(), answer.size(), MSG_DONTWAIT | MSG_NOSIGNAL);
  ::shutdown(fd, SHUT_WR);
  ::close(fd);
  logRefusal("refused a connection because " + why);
}

void ConnectionGate::logRefusal(const std::string& what) {
  // Once a second at most: a flood of refusals must not become a flood of lines.
  ++refusedSinceLog_;
  const auto now = Clock::now();
  if (now - lastRefusalLog_ < std::chrono::seconds(1)) return;
  hostLog().warn("{} ({} such event(s) in the last second or more)", what, refusedSinceLog_);
  lastRefusalLog_ = now;
  refusedSinceLog_ = 0;
}

void ConnectionGate::arm(std::unique_ptr<Connection> connection) {
  const int fd = connection->fd;
  connection->started = false;
  connection->continued = false;
  // Until its next request begins, a connection may idle for the keep-alive
  // timeout (a new one, for the head timeout).
  connection->deadline = Clock::now() + std::chrono::seconds(connection->served > 0 ? config_.keepAliveTimeoutSeconds
                                                                                     : config_.headTimeoutSeconds);
  epoll_event event{};
  // Edge-triggered: what is only peeked at stays readable, so a level
  // trigger would report it again and again.
  event.events = EPOLLIN | EPOLLRDHUP | EPOLLET;
  event.data.fd = fd;
  waiting_[fd] = std::move(connection);
  ::epoll_ctl(epollFd_, EPOLL_CTL_ADD, fd, &event);
  // What arrived while a worker had it (or with the connection) is looked at now.
  inspect(fd, false);
}

void ConnectionGate::inspect(int fd, bool hungUp) {
  const auto found = waiting_.find(fd);
  if (found == waiting_.end()) return;
  Connection& connection = *found->second;
  const ssize_t got = ::recv(fd, peekBuffer_.data(), peekBuffer_.size(), MSG_PEEK | MSG_DONTWAIT);
  if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) return;
  if (got <= 0) {
    // Closed by the client between requests (or reset): nothing to answer.
    auto closed = std::move(found->second);
    waiting_.erase(found);
    close(std::move(closed));
    return;
  }
  if (!connection.started) {
    connection.started = true;
    connection.deadline = Clock::now() + std::chrono::seconds(config_.headTimeoutSeconds);
  }
  const Readiness readiness = requestReadiness(std::string_view(peekBuffer_.data(), static_cast<std::size_t>(got)));
  // A client that stopped sending part-way gets its answer (a 400) now:
  // nothing more will come to wait for.
  if (!readiness.ready && !hungUp) {
    if (readiness.expectsContinue && !connection.continued) {
      static constexpr std::string_view proceed = "HTTP/1.1 100 Continue\r\n\r\n";
      ::send(fd, proceed.data(), proceed.size(), MSG_DONTWAIT | MSG_NOSIGNAL);
      connection.continued = true;
    }
    return;
  }
  ::epoll_ctl(epollFd_, EPOLL_CTL_DEL, fd, nullptr);
  auto handed = std::move(found->second);
  waiting_.erase(found);
  {
    std::lock_guard lock(mutex_);
    if (static_cast<int>(ready_.size()) < config_.maxQueued) {
      ready_.push_back(std::move(handed));
      readyOrStop_.notify_one();
      return;
    }
  }
  handed->fd = -1;
  close(std::move(handed));
  refuse(fd, std::to_string(config_.maxQueued) + " requests wait for a worker already (server.max_queued)");
}

void ConnectionGate::close(std::unique_ptr<Connection> connection) {
  if (auto it = perAddress_.find(connection->address); it != perAddress_.end() && --it->second <= 0)
    perAddress_.erase(it);
  --open_;
}

void ConnectionGate::expire(Clock::time_point now) {
  for (auto it = waiting_.begin(); it != waiting_.end();) {
    if (it->second->deadline > now) {
      ++it;
      continue;
    }
    auto expired = std::move(it->second);
    it = waiting_.erase(it);
    close(std::move(expired));
  }
}

void ConnectionGate::watch(int fd) {
  std::lock_guard lock(watchMutex_);
  watched_[fd] = Clock::now() + std::chrono::seconds(config_.headTimeoutSeconds);
}

void ConnectionGate::unwatch(int fd) {
  std::lock_guard lock(watchMutex_);
  watched_.erase(fd);
}

void ConnectionGate::cutOverdue(Clock::time_point now) {
  std::lock_guard lock(watchMutex_);
  for (auto it = watched_.begin(); it != watched_.end();) {
    if (it->second > now) {
      ++it;
      continue;
    }
    // The worker's read ends (no more bytes); its request fails and the
    // connection closes. The descriptor is still open: a worker unwatches
    // before it gives a connection back.
    ::shutdown(it->first, SHUT_RD);
    it = watched_.erase(it);
  }
}

void ConnectionGate::takeReturned() {
  std::vector<std::unique_ptr<Connection>> returned;
  {
    std::lock_guard lock(mutex_);
    returned.swap(returned_);
  }
  for (auto& connection : returned) {
    if (connection->keep && running_) arm(std::move(connection));
    else close(std::move(connection));
  }
}

// ---- the workers --------------------------------------------------------

void ConnectionGate::work() {
  for (;;) {
    std::unique_ptr<Connection> connection;
    {
      std::unique_lock lock(mutex_);
      readyOrStop_.wait(lock, [&] { return stopping_ || !ready_.empty(); });
      // Requests that arrived whole before the stop are still answered.
      if (ready_.empty()) return;
      connection = std::move(ready_.front());
      ready_.pop_front();
    }
    serve(*connection);
    unwatch(connection->fd);
    {
      std::lock_guard lock(mutex_);
      returned_.push_back(std::move(connection));
    }
    const std::uint64_t one = 1;
    [[maybe_unused]] const auto written = ::write(wakeFd_, &one, sizeof one);
  }
}

void ConnectionGate::serve(Connection& connection) {
  // Poco's session closes its socket when it ends: it gets a copy of the
  // descriptor, and the connection stays open for the reactor.
  const int copy = ::dup(connection.fd);
  if (copy < 0) {
    connection.keep = false;
    return;
  }
  Poco::Net::StreamSocket socket(new Poco::Net::StreamSocketImpl(copy));
  GateSession session(socket, params_);
  std::vector<char> peeked(kMaxHeadBytes + kBodyHandOffBytes);
  while (serveOne(session, connection)) {
    // Bytes of a next request read along with this one (a client that
    // pipelines) cannot go back to the socket: that request is read here,
    // under the head deadline the reactor enforces, so that a slow sender
    // cannot hold this worker.
    if (session.buffered() > 0) {
      watch(connection.fd);
      continue;
    }
    {
      std::lock_guard lock(mutex_);
      if (!ready_.empty() || stopping_) return;
    }
    pollfd wait{connection.fd, POLLIN, 0};
    if (::poll(&wait, 1, kLingerMs) <= 0) return;
    const ssize_t got = ::recv(connection.fd, peeked.data(), peeked.size(), MSG_PEEK | MSG_DONTWAIT);
    if (got <= 0 || !requestReadiness(std::string_view(peeked.data(), static_cast<std::size_t>(got))).ready) return;
  }
}

bool ConnectionGate::serveOne(GateSession& session, Connection& connection) {
  using namespace Poco::Net;
  const bool last = config_.maxKeepAliveRequests > 0 && connection.served + 1 >= config_.maxKeepAliveRequests;
  try {
    HTTPServerResponseImpl response(session);
    try {
      HTTPServerRequestImpl request(response, session, params_);
      unwatch(connection.fd);
      response.setDate(Poco::Timestamp());
      response.setVersion(request.getVersion());
      response.setKeepAlive(request.getKeepAlive() && !last);
      if (request.getExpectContinue() && !connection.continued) response.sendContinue();
      callback_(request, response);
      ++connection.served;
      connection.continued = false;
      connection.keep = response.getKeepAlive() && !last;
    } catch (const NoMessageException&) {
      connection.keep = false;  // the client closed before sending anything
    } catch (const MessageException&) {
      // A head Poco cannot parse: answered like Poco's own server does.
      if (!response.sent()) {
        HTTPServerResponseImpl refused(session);
        refused.setVersion(HTTPMessage::HTTP_1_1);
        refused.setStatusAndReason(HTTPResponse::HTTP_BAD_REQUEST);
        refused.setKeepAlive(false);
        refused.send();
      }
      connection.keep = false;
    } catch (const std::exception& e) {
      if (!response.sent()) {
        response.setStatusAndReason(HTTPResponse::HTTP_INTERNAL_SERVER_ERROR);
        response.setKeepAlive(false);
        response.send();
      }
      hostLog().warn("a connection from {} ended: {}", connection.address, e.what());
      connection.keep = false;
    }
  } catch (const std::exception&) {
    // Writing the answer failed: the client is gone.
    connection.keep = false;
  }
  return connection.keep;
}

}  // namespace tabhost::core
