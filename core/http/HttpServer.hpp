// Poco's HTTPServer with Tabhost's limits: a fixed thread pool, a bounded
// accept queue, keep-alive timeouts and per-connection request caps, so slow
// or idle clients cannot hold the server.
#pragma once

#include <functional>
#include <memory>

#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/ThreadPool.h>

#include "core/config/ConfigModel.hpp"

namespace tabhost::core {

using RequestCallback = std::function<void(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse&)>;

class HttpServer {
 public:
  HttpServer(const ServerConfig& config, RequestCallback callback);
  ~HttpServer();
  void start();
  /// Stops accepting, lets requests in flight finish (bounded), closes.
  void stop();
  /// The bound port (useful when the config asked for port 0).
  std::uint16_t port() const { return port_; }

 private:
  std::unique_ptr<Poco::ThreadPool> threads_;
  std::unique_ptr<Poco::Net::HTTPServer> server_;
  std::uint16_t port_ = 0;
};

}  // namespace tabhost::core
