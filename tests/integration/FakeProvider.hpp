// A fake third-party provider on 127.0.0.1 (ephemeral port) that plays the
// two APIs the voice plugin checks credentials against:
//   Twilio:     GET /2010-04-01/Accounts/{sid}.json, HTTP Basic auth;
//   ElevenLabs: GET /v1/convai/agents/{id}, header xi-api-key.
// It remembers what the host last sent (so tests can prove the host sent the
// plaintext secret) and can answer late (so tests can prove the host gives up
// after provider_timeout_ms).
#pragma once

#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <optional>
#include <regex>
#include <string>

#include <Poco/Net/HTTPBasicCredentials.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/ThreadPool.h>
#include <fcntl.h>

#include "core/json/JsonCodec.hpp"

namespace tabhost::test {

class FakeProvider {
 public:
  /// What the last request carried.
  struct Seen {
    std::string method, path;
    std::string authorization;          // the raw header, "" when absent
    std::string basicUser, basicPassword;  // decoded HTTP Basic credentials
    std::optional<std::string> xiApiKey;   // nullopt when the header was absent
  };

  FakeProvider()
      : server_(new Factory(*this), pool_, listening(), params()) {
    server_.start();
  }

  ~FakeProvider() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;  // wakes a slow answer at once, so no handler outlives us
    }
    wake_.notify_all();
    server_.stopAll(true);
    // stop() leaves the listening socket open (the kernel would go on
    // accepting into its backlog); closed, the port refuses connections.
    const_cast<Poco::Net::ServerSocket&>(server_.socket()).close();
    pool_.joinAll();
  }

  FakeProvider(const FakeProvider&) = delete;
  FakeProvider& operator=(const FakeProvider&) = delete;

  /// "http://127.0.0.1:<port>", the base URL for twilio_base_url and elevenlabs_base_url.
  std::string baseUrl() const { return "http://127.0.0.1:" + std::to_string(server_.port()); }

  /// Twilio answers 200 only to these Basic credentials (user, password), else 401.
  void expectTwilio(std::string user, std::string password, std::string friendlyName = "Fake Account") {
    std::lock_guard lock(mutex_);
    twilioUser_ = std::move(user);
    twilioPassword_ = std::move(password);
    twilioName_ = std::move(friendlyName);
  }

  /// ElevenLabs wants this xi-api-key (nullopt: any or none).
  void expectElevenLabsKey(std::optional<std::string> key) {
    std::lock_guard lock(mutex_);
    elevenKey_ = std::move(key);
  }

  /// An agent ElevenLabs knows; any other id answers 404.
  void addAgent(const std::string& id, const std::string& name) {
    std::lock_guard lock(mutex_);
    agents_[id] = name;
  }

  /// Every answer waits this long first ("slow mode"); zero turns it off.
  void setDelay(std::chrono::milliseconds delay) {
    std::lock_guard lock(mutex_);
    delay_ = delay;
  }

  Seen lastSeen() const {
    std::lock_guard lock(mutex_);
    return seen_;
  }
  int requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
  }

 private:
  class Handler : public Poco::Net::HTTPRequestHandler {
   public:
    explicit Handler(FakeProvider& owner) : owner_(owner) {}
    void handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override {
      owner_.handle(request, response);
    }

   private:
    FakeProvider& owner_;
  };

  class Factory : public Poco::Net::HTTPRequestHandlerFactory {
   public:
    explicit Factory(FakeProvider& owner) : owner_(owner) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
      return new Handler(owner_);
    }

   private:
    FakeProvider& owner_;
  };

  // The host is a child process started after us: without close-on-exec it
  // would inherit the listening socket and keep the port open (and silent)
  // after we are gone.
  static Poco::Net::ServerSocket listening() {
    Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
    ::fcntl(socket.impl()->sockfd(), F_SETFD, FD_CLOEXEC);
    return socket;
  }

  static Poco::Net::HTTPServerParams::Ptr params() {
    auto p = new Poco::Net::HTTPServerParams;
    p->setKeepAlive(false);
    return p;
  }

  static void answer(Poco::Net::HTTPServerResponse& response, int status, const sdk::Json& body) {
    try {
      const std::string text = core::toJsonText(body);
      response.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status));
      response.setContentType("application/json");
      response.setContentLength(static_cast<std::streamsize>(text.size()));
      response.send() << text;
    } catch (...) {
      // The host gave up (its timeout) and closed the connection: nothing to tell.
    }
  }

  void handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) {
    Seen seen;
    seen.method = request.getMethod();
    seen.path = request.getURI().substr(0, request.getURI().find('?'));
    seen.authorization = request.get("Authorization", "");
    if (request.hasCredentials()) {
      try {
        Poco::Net::HTTPBasicCredentials basic(request);
        seen.basicUser = basic.getUsername();
        seen.basicPassword = basic.getPassword();
      } catch (...) {
        // Not Basic: leave the decoded pair empty; `authorization` shows what came.
      }
    }
    if (request.has("xi-api-key")) seen.xiApiKey = request.get("xi-api-key");

    std::unique_lock lock(mutex_);
    seen_ = seen;
    ++requests_;
    if (delay_.count() > 0) wake_.wait_for(lock, delay_, [this] { return stopping_; });
    if (stopping_) return;

    static const std::regex twilio(R"(^/2010-04-01/Accounts/([^/]+)\.json$)");
    static const std::regex eleven(R"(^/v1/convai/agents/([^/]+)$)");
    std::smatch m;
    if (seen.method == "GET" && std::regex_match(seen.path, m, twilio)) {
      const bool good = !twilioUser_.empty() && seen.basicUser == twilioUser_ && seen.basicPassword == twilioPassword_;
      const std::string sid = m[1];
      const std::string name = twilioName_;
      lock.unlock();
      if (good)
        answer(response, 200, sdk::Json::object({{"sid", sid}, {"friendly_name", name}, {"status", "active"}}));
      else
        answer(response, 401, sdk::Json::object({{"code", 20003}, {"message", "Authenticate"}, {"status", 401}}));
      return;
    }
    if (seen.method == "GET" && std::regex_match(seen.path, m, eleven)) {
      const std::string id = m[1];
      const bool keyOk = !elevenKey_ || seen.xiApiKey == elevenKey_;
      const auto agent = agents_.find(id);
      const std::optional<std::string> name =
          agent == agents_.end() ? std::nullopt : std::optional<std::string>(agent->second);
      lock.unlock();
      if (!keyOk)
        answer(response, 401, sdk::Json::object({{"detail", "Invalid API key"}}));
      else if (!name)
        answer(response, 404, sdk::Json::object({{"detail", "Agent not found"}}));
      else
        answer(response, 200, sdk::Json::object({{"agent_id", id}, {"name", *name}}));
      return;
    }
    lock.unlock();
    answer(response, 404, sdk::Json::object({{"detail", "no such fake route"}}));
  }

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::chrono::milliseconds delay_{0};
  std::string twilioUser_, twilioPassword_, twilioName_;
  std::optional<std::string> elevenKey_;
  std::map<std::string, std::string> agents_;
  Seen seen_;
  int requests_ = 0;
  // The server runs on the pool: the pool is made first and destroyed last.
  Poco::ThreadPool pool_{2, 8};
  Poco::Net::HTTPServer server_;
};

}  // namespace tabhost::test
