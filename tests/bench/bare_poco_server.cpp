// bare_poco_server: the baseline for tests/bench/http_pipeline.sh.
//
// A minimal Poco::Net::HTTPServer that answers every request with 200, a fixed
// content type and exactly the bytes of --body-file (read once at start-up),
// using the same HTTPServerParams knobs as the Tabhost server. Whatever Tabhost
// costs on top of this (routing, tenant lookup, plugin dispatch, logging) is
// what the benchmark's "tabhost/bare" ratio shows.
//
// Usage:
//   bare_poco_server --port P --body-file F [--content-type T] [--threads N]
//                    [--max-queued Q] [--keep-alive-timeout S]
//                    [--max-keep-alive-requests R] [--io-timeout S]
//                    [--backlog B] [--host 127.0.0.1]
//
// Prints "listening on HOST:PORT" once it accepts connections; stops on
// SIGTERM / SIGINT.

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Exception.h>
#include <Poco/ThreadPool.h>
#include <Poco/Timespan.h>

#include <algorithm>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <limits>
#include <memory>
#include <pthread.h>
#include <stdexcept>
#include <string>

namespace {

struct Options {
    std::string host = "127.0.0.1";
    int port = -1;
    std::string bodyFile;
    std::string contentType = "application/json";
    int threads = 256;
    int maxQueued = 256;
    int keepAliveTimeoutS = 5;
    int maxKeepAliveRequests = 1000;
    int ioTimeoutS = 10;
    int backlog = 64;
};

[[noreturn]] void usage(const char* argv0, const std::string& error) {
    if (!error.empty()) std::cerr << argv0 << ": " << error << "\n";
    std::cerr << "usage: " << argv0
              << " --port P --body-file F [--content-type T] [--threads N] [--max-queued Q]"
                 " [--keep-alive-timeout S] [--max-keep-alive-requests R] [--io-timeout S]"
                 " [--backlog B] [--host 127.0.0.1]\n";
    std::exit(2);
}

int toInt(const char* argv0, const std::string& flag, const std::string& value, int min) {
    try {
        std::size_t used = 0;
        int v = std::stoi(value, &used);
        if (used != value.size() || v < min) throw std::invalid_argument(value);
        return v;
    } catch (const std::exception&) {
        usage(argv0, "bad value for " + flag + ": '" + value + "'");
    }
}

Options parse(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        std::string flag = argv[i];
        if (flag == "-h" || flag == "--help") usage(argv[0], "");
        if (i + 1 >= argc) usage(argv[0], "missing value for " + flag);
        std::string value = argv[++i];
        if (flag == "--port") o.port = toInt(argv[0], flag, value, 0);
        else if (flag == "--body-file") o.bodyFile = value;
        else if (flag == "--content-type") o.contentType = value;
        else if (flag == "--threads") o.threads = toInt(argv[0], flag, value, 1);
        else if (flag == "--max-queued") o.maxQueued = toInt(argv[0], flag, value, 1);
        else if (flag == "--keep-alive-timeout") o.keepAliveTimeoutS = toInt(argv[0], flag, value, 0);
        else if (flag == "--max-keep-alive-requests") o.maxKeepAliveRequests = toInt(argv[0], flag, value, 0);
        else if (flag == "--io-timeout") o.ioTimeoutS = toInt(argv[0], flag, value, 1);
        else if (flag == "--backlog") o.backlog = toInt(argv[0], flag, value, 1);
        else if (flag == "--host") o.host = value;
        else usage(argv[0], "unknown option " + flag);
    }
    if (o.port < 0 || o.port > 65535) usage(argv[0], "--port is required (0-65535)");
    if (o.bodyFile.empty()) usage(argv[0], "--body-file is required");
    return o;
}

class FixedHandler final : public Poco::Net::HTTPRequestHandler {
public:
    FixedHandler(std::shared_ptr<const std::string> body, const std::string& contentType)
        : body_(std::move(body)), contentType_(contentType) {}

    void handleRequest(Poco::Net::HTTPServerRequest& request,
                       Poco::Net::HTTPServerResponse& response) override {
        // Drain a request body if one was announced, so keep-alive stays in sync.
        if (request.hasContentLength() || request.getChunkedTransferEncoding())
            request.stream().ignore(std::numeric_limits<std::streamsize>::max());
        response.setStatus(Poco::Net::HTTPResponse::HTTP_OK);
        response.setContentType(contentType_);
        response.sendBuffer(body_->data(), body_->size()); // sets Content-Length
    }

private:
    std::shared_ptr<const std::string> body_;
    const std::string& contentType_;
};

class FixedFactory final : public Poco::Net::HTTPRequestHandlerFactory {
public:
    FixedFactory(std::shared_ptr<const std::string> body, std::string contentType)
        : body_(std::move(body)), contentType_(std::move(contentType)) {}

    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
        return new FixedHandler(body_, contentType_);
    }

private:
    std::shared_ptr<const std::string> body_;
    std::string contentType_;
};

} // namespace

int main(int argc, char** argv) {
    const Options opt = parse(argc, argv);

    std::ifstream in(opt.bodyFile, std::ios::binary);
    if (!in) {
        std::cerr << argv[0] << ": cannot read body file " << opt.bodyFile << "\n";
        return 1;
    }
    auto body = std::make_shared<const std::string>(std::istreambuf_iterator<char>(in),
                                                    std::istreambuf_iterator<char>());

    // Block the stop signals before any thread exists so every Poco thread
    // inherits the mask and only sigwait() below receives them.
    sigset_t stopSignals;
    sigemptyset(&stopSignals);
    sigaddset(&stopSignals, SIGTERM);
    sigaddset(&stopSignals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);
    std::signal(SIGPIPE, SIG_IGN);

    try {
        Poco::ThreadPool pool(std::min(16, opt.threads), opt.threads);

        Poco::Net::HTTPServerParams::Ptr params = new Poco::Net::HTTPServerParams;
        params->setMaxThreads(opt.threads);
        params->setMaxQueued(opt.maxQueued);
        params->setKeepAlive(true);
        params->setKeepAliveTimeout(Poco::Timespan(opt.keepAliveTimeoutS, 0));
        params->setMaxKeepAliveRequests(opt.maxKeepAliveRequests);
        params->setTimeout(Poco::Timespan(opt.ioTimeoutS, 0));

        Poco::Net::ServerSocket socket(Poco::Net::SocketAddress(opt.host, static_cast<Poco::UInt16>(opt.port)),
                                       opt.backlog);
        Poco::Net::HTTPServer server(new FixedFactory(body, opt.contentType), pool, socket, params);
        server.start();

        std::cout << "listening on " << opt.host << ":" << socket.address().port() << std::endl;

        int sig = 0;
        while (sigwait(&stopSignals, &sig) != 0) {
        }
        std::cout << "stopping on signal " << sig << std::endl;

        server.stopAll(true);
        pool.joinAll();
    } catch (const Poco::Exception& e) {
        std::cerr << argv[0] << ": " << e.displayText() << "\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << argv[0] << ": " << e.what() << "\n";
        return 1;
    }
    return 0;
}
