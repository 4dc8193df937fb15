#include "core/http/HttpServer.hpp"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/ServerSocket.h>

namespace tabhost::core {

namespace {

class CallbackHandler final : public Poco::Net::HTTPRequestHandler {
 public:
  explicit CallbackHandler(const RequestCallback& callback) : callback_(callback) {}
  void handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override {
    callback_(request, response);
  }

 private:
  const RequestCallback& callback_;
};

class CallbackFactory final : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit CallbackFactory(RequestCallback callback) : callback_(std::move(callback)) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
    return new CallbackHandler(callback_);
  }

 private:
  RequestCallback callback_;
};

}  // namespace

HttpServer::HttpServer(const ServerConfig& config, RequestCallback callback) {
  Poco::Net::ServerSocket socket(Poco::Net::SocketAddress(config.host, config.port), 1024);
  port_ = socket.address().port();

  auto* params = new Poco::Net::HTTPServerParams;
  params->setMaxThreads(config.threads);
  params->setMaxQueued(config.maxQueued);
  params->setKeepAlive(true);
  params->setKeepAliveTimeout(Poco::Timespan(config.keepAliveTimeoutSeconds, 0));
  params->setMaxKeepAliveRequests(config.maxKeepAliveRequests);
  params->setTimeout(Poco::Timespan(config.ioTimeoutSeconds, 0));
  params->setServerName("tabhost");

  // Poco's default pool caps at 16 threads; each kept-alive connection holds
  // one, so the pool is sized from the config.
  threads_ = std::make_unique<Poco::ThreadPool>(std::min(16, config.threads), config.threads);
  server_ = std::make_unique<Poco::Net::HTTPServer>(new CallbackFactory(std::move(callback)), *threads_, socket,
                                                    params);
}

HttpServer::~HttpServer() { stop(); }

void HttpServer::start() { server_->start(); }

void HttpServer::stop() {
  if (!server_) return;
  // false: a request in flight finishes and gets its answer before its
  // connection closes; idle kept-alive connections close at once.
  server_->stopAll(false);
  server_.reset();
  threads_->joinAll();
}

}  // namespace tabhost::core
