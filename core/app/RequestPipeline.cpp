#include "core/app/RequestPipeline.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <memory>
#include <random>
#include <ranges>
#include <string_view>
#include <thread>

#include <Poco/String.h>
#include <Poco/URI.h>

#include "core/audit/AuditLog.hpp"
#include "core/http/AddressRanges.hpp"
#include "core/http/BodyFraming.hpp"
#include "core/http/RequestLine.hpp"
#include "core/identity/Authenticator.hpp"
#include "core/identity/Impersonations.hpp"
#include "core/storage/PocoDatabase.hpp"
#include "core/util/UtcClock.hpp"
#include "core/web/ShellPage.hpp"
#include "core/json/JsonCodec.hpp"
#include "core/log/Logging.hpp"
#include "tabhost/sdk/error.hpp"

namespace tabhost::core {

struct RequestPipeline::Answer {
  int status = 200;
  std::string contentType = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

namespace {

using Answer = RequestPipeline::Answer;

// Bytes of a body left unread that are read and dropped before the answer;
// past them the connection closes instead (a client sending gigabytes to a
// refused route is not read to its end).
constexpr std::int64_t kUnreadBodyDropped = 1 << 20;

std::string newRequestId() {
  thread_local std::mt19937_64 random{std::random_device{}()};
  static constexpr char hex[] = "0123456789abcdef";
  std::uint64_t bits = random();
  std::string id(16, '0');
  for (auto& c : id) {
    c = hex[bits & 15];
    bits >>= 4;
  }
  return id;
}

Answer jsonAnswer(int status, const sdk::Json& body) {
  Answer a;
  a.status = status;
  appendJsonText(body, a.body);
  return a;
}

Answer errorAnswer(int status, const std::string& code, const std::string& message, const std::string& field,
                   const std::string& requestId) {
  sdk::Json error = sdk::Json::object({{"code", code}, {"message", message}});
  if (!field.empty()) error["field"] = field;
  error["request_id"] = requestId;
  return jsonAnswer(status, sdk::Json::object({{"error", std::move(error)}}));
}

// Status, content type, the host's own headers and the answer's.
void startResponse(Poco::Net::HTTPServerResponse& response, const Answer& answer, const std::string& requestId) {
  response.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(answer.status));
  response.setContentType(answer.contentType);
  // add(), not set(): these are not there yet, so no search of the header list.
  static const std::string requestIdHeader = "X-Request-Id", noSniffHeader = "X-Content-Type-Options",
                           noSniff = "nosniff", cacheHeader = "Cache-Control", noStore = "no-store",
                           referrerHeader = "Referrer-Policy", noReferrer = "no-referrer",
                           openerHeader = "Cross-Origin-Opener-Policy", sameOrigin = "same-origin",
                           policyHeader = "Content-Security-Policy", frameHeader = "X-Frame-Options", deny = "DENY",
                           // JSON, a file, an error: nothing to run, nothing to frame, even opened as a page.
                           nothingAllowed = "default-src 'none'; frame-ancestors 'none'; sandbox";
  response.add(requestIdHeader, requestId);
  response.add(noSniffHeader, noSniff);
  response.add(cacheHeader, noStore);
  response.add(referrerHeader, noReferrer);
  // A window the dashboard opens (a payment link) cannot reach back into it.
  response.add(openerHeader, sameOrigin);
  // The dashboard's page and an uploaded logo bring policies of their own.
  if (std::ranges::none_of(answer.headers, [](const auto& header) { return header.first == policyHeader; })) {
    response.add(policyHeader, nothingAllowed);
    response.add(frameHeader, deny);
  }
  for (const auto& [name, value] : answer.headers) response.set(name, value);
}

// A streamed body (an export) is written whole to an unnamed temporary file
// while the request holds its database connection, at the database's pace;
// the connection then goes back to the pool and the file is sent at the
// client's. A slow reader so holds a worker and a file, never one of the
// tenant's pooled connections. Nothing is sent before the body is whole, so
// one that fails part-way is answered 500 like any failure.
using SpoolFile = std::unique_ptr<std::FILE, int (*)(std::FILE*)>;

SpoolFile spooled(const std::function<sdk::StreamStep(std::string&)>& next) {
  SpoolFile file(std::tmpfile(), &std::fclose);
  if (!file) throw std::runtime_error("no temporary file for a streamed body");
  std::string piece;
  for (auto step = sdk::StreamStep::More; step == sdk::StreamStep::More;) {
    piece.clear();
    step = next(piece);
    if (step == sdk::StreamStep::Failed) throw std::runtime_error("streamed body failed part-way");
    if (std::fwrite(piece.data(), 1, piece.size(), file.get()) != piece.size())
      throw std::runtime_error("cannot write a streamed body's temporary file");
  }
  return file;
}

// A reader slower than this, once the grace has passed, is cut off: the
// answer's Content-Length shows it incomplete.
constexpr double kMinReadBytesPerSecond = 1024;
constexpr auto kSlowReadGrace = std::chrono::seconds(10);

void sendSpooled(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response, const Answer& answer,
                 const std::string& requestId, std::FILE* file) {
  std::fflush(file);
  const auto size = static_cast<std::streamsize>(std::ftell(file));
  std::rewind(file);
  startResponse(response, answer, requestId);
  response.setContentLength64(size);
  std::ostream& out = response.send();
  if (request.getMethod() == "HEAD") return;
  const auto started = std::chrono::steady_clock::now();
  std::vector<char> buffer(64 * 1024);
  std::streamsize sent = 0;
  for (std::size_t got; out.good() && (got = std::fread(buffer.data(), 1, buffer.size(), file)) > 0;) {
    out.write(buffer.data(), static_cast<std::streamsize>(got));
    sent += static_cast<std::streamsize>(got);
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - started;
    if (elapsed > kSlowReadGrace && static_cast<double>(sent) < kMinReadBytesPerSecond * elapsed.count()) {
      hostLog().info("request_id={} a reader too slow for {} bytes/s was cut off after {} of {} bytes", requestId,
                     kMinReadBytesPerSecond, sent, size);
      break;
    }
  }
  if (sent < size) response.setKeepAlive(false);
}

Answer fromResponse(sdk::Response&& r) {
  Answer a;
  a.status = r.status;
  if (r.raw) {
    a.body = std::move(r.rawBody);
    a.contentType = std::move(r.contentType);
  } else if (r.status != 204) {
    appendJsonText(r.body, a.body);
  }
  a.headers = std::move(r.headers);
  return a;
}

// Moves what must outlive a failed request out of its state just before the
// state (and with it the transaction) goes away.
struct Salvage {
  RequestState& state;
  RequestPipeline::Aftermath& aftermath;
  ~Salvage() {
    aftermath.securityEntries = std::move(state.deferredSecurity);
    aftermath.writes = std::move(state.deferredWrites);
    aftermath.errorHeaders = std::move(state.errorHeaders);
  }
};

// "/tokens/new" → "tokens": the first segment of a path after the tenant.
std::string firstSegment(const std::string& rest) {
  const std::size_t end = rest.find('/', 1);
  return rest.substr(1, end == std::string::npos ? std::string::npos : end - 1);
}

// Whether an Accept-Encoding header takes gzip: listed (or "*") without q=0.
bool acceptsGzip(const std::string& header) {
  for (auto coding : std::views::split(std::string_view(header), ',')) {
    std::string_view item(coding.begin(), coding.end());
    const std::size_t semicolon = item.find(';');
    std::string name = Poco::trim(std::string(item.substr(0, semicolon)));
    if (name != "gzip" && name != "*") continue;
    const std::string params = semicolon == std::string_view::npos ? "" : std::string(item.substr(semicolon + 1));
    const std::string q = Poco::trim(params);
    return !(q.starts_with("q=0") && q.find_first_not_of("q=0.", 0) == std::string::npos);
  }
  return false;
}

// Whether If-None-Match (a list of tags, weak ones too, or "*") names `etag`.
bool matchesEtag(const std::string& header, const std::string& etag) {
  for (auto tag : std::views::split(std::string_view(header), ',')) {
    std::string item = Poco::trim(std::string(tag.begin(), tag.end()));
    if (item.starts_with("W/")) item.erase(0, 2);
    if (item == etag || item == "*") return true;
  }
  return false;
}

int workersFor(const ServerConfig& server) {
  if (server.workers > 0) return server.workers;
  return 2 * static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}
}  // namespace

RequestPipeline::RequestPipeline(Runtime& runtime, AccessLog& accessLog)
    : runtime_(runtime), accessLog_(accessLog), gate_(workersFor(runtime.host().server)) {}

void RequestPipeline::handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) {
  const auto started = std::chrono::steady_clock::now();
  const std::string requestId = newRequestId();
  std::string tenantId = "-", plugin = "-", label = "unmatched";
  Answer answer;
  Aftermath aftermath;
  std::optional<sdk::Error> framing = requestLineProblem(request);
  if (!framing) framing = framingProblem(request);
  // An answer in a version the client may not speak is worse than 1.1.
  if (framing && framing->status() == 505) response.setVersion(Poco::Net::HTTPMessage::HTTP_1_1);
  try {
    if (framing) throw *framing;
    answer = dispatch(request, response, requestId, tenantId, plugin, label, aftermath);
  } catch (const sdk::Error& e) {
    answer = errorAnswer(e.status(), e.code(), e.message(), e.field(), requestId);
    answer.headers = std::move(aftermath.errorHeaders);
  } catch (const std::exception& e) {
    hostLog().error("request_id={} tenant={} plugin={} route=\"{}\" host error: {}", requestId, tenantId, plugin,
                    label, e.what());
    answer = errorAnswer(500, "internal", "internal error", "", requestId);
  }
  settle(aftermath, requestId);

  // Whatever answered (a route, an error, /healthz, an asset) may have left
  // some of the body unread; the request's state, its transaction and
  // writer turn included, is gone by now. A body whose end is ambiguous is
  // not read at all. After an answer streamed out already, keep-alive is
  // still read by Poco once the handler returns, so the close holds.
  if (framing || !dropUnreadBody(request, kUnreadBodyDropped)) response.setKeepAlive(false);
  if (response.sent()) {
    // Streamed already (or cut short: see sendStream).
  } else if (startResponse(response, answer, requestId); request.getMethod() == "HEAD" || answer.status == 204) {
    response.setContentLength(static_cast<std::streamsize>(answer.body.size()));
    response.send();
  } else {
    response.sendBuffer(answer.body.data(), answer.body.size());  // sets Content-Length
  }

  const auto micros =
      std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started).count();
  runtime_.metrics().observe(runtime_.metrics().slot(label), answer.status, static_cast<double>(micros) / 1e6);
  if (hostLog().should_log(spdlog::level::info)) {
    std::string line;
    line.reserve(160);
    appendUtcTimestamp(line);
    char timing[48];
    std::snprintf(timing, sizeof timing, "\" status=%d ms=%lld.%03lld", answer.status,
                  static_cast<long long>(micros / 1000), static_cast<long long>(micros % 1000));
    line.append(" info request_id=").append(requestId).append(" tenant=").append(tenantId);
    line.append(" plugin=").append(plugin).append(" route=\"").append(label).append(timing);
    accessLog_.write(line);
  }
}

void RequestPipeline::settle(Aftermath& aftermath, const std::string& requestId) {
  if (aftermath.securityEntries.empty() && aftermath.writes.empty()) return;
  const std::int64_t now = unixSeconds();
  std::erase_if(aftermath.securityEntries, [&](AuditEntry& entry) {
    std::int64_t leftOut = 0;
    if (!runtime_.identity().refusalRecords.admit(aftermath.tenantId + '\n' + entry.clientAddress, now, leftOut))
      return true;
    if (leftOut > 0) entry.metadata["records_left_out_before"] = leftOut;
    return false;
  });
  if (aftermath.securityEntries.empty() && aftermath.writes.empty()) return;
  try {
    auto& databases = runtime_.databases();
    auto turn = databases.writerTurn(aftermath.tenantId);
    auto lease = databases.acquire(aftermath.tenantId);
    PocoDatabase db(lease, databases.driver());
    db.transaction([&] {
      for (const auto& write : aftermath.writes) write(db);
      for (const auto& entry : aftermath.securityEntries) appendAuditEntry(db, entry);
    });
  } catch (const std::exception& e) {
    hostLog().error("request_id={} tenant={} a failed request's records not written: {}", requestId, aftermath.tenantId,
                    e.what());
  }
}

RequestPipeline::Answer RequestPipeline::operational(const std::string& path, std::string& label) {
  label = path;
  if (path == "/healthz") return jsonAnswer(200, sdk::Json::object({{"status", "ok"}}));
  auto config = runtime_.config();
  if (path == "/readyz") {
    ReloadStatus reload = runtime_.lastReload();
    std::size_t loaded = runtime_.plugins().startOrder().size();
    sdk::Json body = sdk::Json::object({
        {"status", "ready"},
        {"config_generation", static_cast<std::int64_t>(config->generation)},
        {"tenants", static_cast<std::int64_t>(config->tenants.size())},
        {"plugins", sdk::Json::object({{"loaded", static_cast<std::int64_t>(loaded)},
                                       {"refused", static_cast<std::int64_t>(runtime_.plugins().records().size() -
                                                                             loaded)}})},
    });
    if (reload.attempted) {
      sdk::Json errors = sdk::Json::array();
      for (const auto& e : reload.errors) errors.push_back(e);
      body["last_reload"] = sdk::Json::object({{"ok", reload.ok}, {"at", reload.at}, {"errors", std::move(errors)}});
    }
    return jsonAnswer(200, body);
  }
  Answer a;
  a.contentType = "text/plain; version=0.0.4";
  std::size_t loaded = runtime_.plugins().startOrder().size();
  a.body = runtime_.metrics().render({
      {"tabhost_plugins_loaded", "Plugins loaded and started.", static_cast<double>(loaded)},
      {"tabhost_plugins_refused", "Plugin files refused.",
       static_cast<double>(runtime_.plugins().records().size() - loaded)},
      {"tabhost_config_generation", "Generation of the live configuration.", static_cast<double>(config->generation)},
  });
  return a;
}

RequestPipeline::Answer RequestPipeline::asset(const Poco::Net::HTTPServerRequest& request,
                                               const ConfigSnapshot& config, const TenantConfig& tenant,
                                               const std::string& pluginAndPath, std::string& plugin,
                                               std::string& label) {
  label = "ui asset";
  const std::size_t slash = pluginAndPath.find('/');
  const std::string owner = pluginAndPath.substr(0, slash);
  std::string path = slash == std::string::npos ? "" : pluginAndPath.substr(slash + 1);
  std::string version;
  if (path.starts_with('@')) {
    const std::size_t end = path.find('/');
    version = path.substr(1, end == std::string::npos ? std::string::npos : end - 1);
    path = end == std::string::npos ? "" : path.substr(end + 1);
  }
  const UiAssets& assets = runtime_.uiAssets();
  const UiAssets::File* file = assets.find(owner, path);
  if (!file || !runtime_.enabledFor(config, tenant, owner))
    throw sdk::Error::notFound("not_found", "no such asset");
  plugin = owner;
  Answer answer;
  answer.contentType = file->contentType;
  const bool gzipped = !file->gzipped.empty() && acceptsGzip(request.get("Accept-Encoding", ""));
  if (!file->gzipped.empty()) answer.headers.emplace_back("Vary", "Accept-Encoding");
  if (gzipped) answer.headers.emplace_back("Content-Encoding", "gzip");
  const std::string& current = assets.version(owner);
  if (version == current) {
    answer.headers.emplace_back("Cache-Control", "public, max-age=31536000, immutable");
  } else {
    // Unversioned, or a version an upgrade replaced (a page still open): the
    // current bytes, checked again before each use. Each encoding has a tag
    // of its own, so that a cache never answers one with the other.
    const std::string etag = "\"" + current + (gzipped ? "-gz" : "") + "\"";
    answer.headers.emplace_back("Cache-Control", "no-cache");
    answer.headers.emplace_back("ETag", etag);
    if (matchesEtag(request.get("If-None-Match", ""), etag)) {
      answer.status = 304;
      return answer;
    }
  }
  if (gzipped) answer.body = file->gzipped;
  else answer.body.assign(file->bytes);
  return answer;
}

RequestPipeline::Answer RequestPipeline::dashboardPage(const ConfigSnapshot& config, const TenantConfig& tenant,
                                                       const std::string& base, const std::string& rest,
                                                       std::string& label) {
  label = "dashboard page";
  Answer answer;
  answer.contentType = "text/html; charset=utf-8";
  const std::string& product = tenant.branding.productName.empty() ? tenant.name : tenant.branding.productName;
  // "/tokens/new" opens the tab of plugin "tokens", if it has one here.
  const std::string first = firstSegment(rest);
  const RegisteredTabUi* tab = runtime_.registry().tabUiOf(first);
  const std::string module = tab && runtime_.enabledFor(config, tenant, first)
                                 ? runtime_.uiAssets().url(base, first, tab->spec.module)
                                 : std::string();
  answer.body = shellPageHtml(base, product, runtime_.uiAssets().url(base, kHostOwner, "shell.js"), module);
  answer.headers = shellPageHeaders(tenant.frameAncestors);
  return answer;
}

RequestPipeline::Answer RequestPipeline::dispatch(Poco::Net::HTTPServerRequest& request,
                                                  Poco::Net::HTTPServerResponse& response, const std::string& requestId,
                                                  std::string& tenantId, std::string& plugin, std::string& label,
                                                  Aftermath& aftermath) {
  const std::string& uri = request.getURI();
  const std::size_t queryAt = uri.find('?');
  std::string path = uri.substr(0, queryAt);
  const std::string rawQuery = queryAt == std::string::npos ? "" : uri.substr(queryAt + 1);
  if (path.find('%') != std::string::npos) {
    std::string decoded;
    Poco::URI::decode(path, decoded);
    path = std::move(decoded);
  }

  if (path == "/metrics" &&
      !AddressRanges(runtime_.host().server.metricsFrom).contains(request.clientAddress().host()))
    throw sdk::Error::notFound("not_found", "no such page");
  if (path == "/healthz" || path == "/readyz" || path == "/metrics") return operational(path, label);

  // Tenant: /t/{tenant}/... always; otherwise a domain listed by a tenant.
  auto config = runtime_.config();
  const TenantConfig* tenant = nullptr;
  std::string rest;
  const bool prefixed = path.rfind("/t/", 0) == 0;
  if (prefixed) {
    std::size_t end = path.find('/', 3);
    tenantId = path.substr(3, end == std::string::npos ? std::string::npos : end - 3);
    tenant = config->findTenant(tenantId);
    rest = end == std::string::npos ? "/" : path.substr(end);
  } else if (request.has("Host")) {
    std::string host = Poco::toLower(request.getHost());
    if (auto colon = host.rfind(':'); colon != std::string::npos && host.find(']') == std::string::npos)
      host.resize(colon);
    tenant = config->findTenantByDomain(host);
    if (tenant) tenantId = tenant->id;
    rest = path;
  }
  if (!tenant) throw sdk::Error::notFound("tenant_not_found", "no such tenant");

  if (rest.empty()) rest = "/";
  static const std::string api = "/api/v1";
  if (rest.rfind(api + "/", 0) != 0) {
    const std::string& verb = request.getMethod();
    if (verb != "GET" && verb != "HEAD") throw sdk::Error::notFound("not_found", "no such page");
    const std::string base = prefixed ? "/t/" + tenantId + "/" : "/";
    const auto moved = [&](std::string location) {
      Answer answer;
      answer.status = 308;
      answer.headers.emplace_back("Location", std::move(location));
      return answer;
    };
    // "/t/demo" → "/t/demo/": the dashboard's links are relative to its base.
    if (prefixed && path.size() == 3 + tenantId.size()) return moved(base + (rawQuery.empty() ? "" : "?" + rawQuery));
    // Links mailed before the set-password page joined the dashboard (valid
    // for 7 days); the browser keeps the #token across the move.
    if (rest == "/ui/tabhost/set-password.html") return moved(base + "set-password");
    if (rest.rfind("/ui/", 0) == 0) return asset(request, *config, *tenant, rest.substr(4), plugin, label);
    // The host's own prefixes are never pages: a mistyped API or file path
    // gets an answer its client can read, not the dashboard.
    if (const std::string first = firstSegment(rest); first == "api" || first == "ui")
      throw sdk::Error::notFound("not_found", "no such route");
    return dashboardPage(*config, *tenant, base, rest, label);
  }
  std::string apiPath = rest.substr(api.size());
  auto method = parseMethod(request.getMethod());
  std::optional<RouteMatch> match;
  if (method) match = runtime_.router().match(*method, apiPath);
  // A disabled plugin's routes do not exist for this tenant, under any method.
  if (!match || !runtime_.enabledFor(*config, *tenant, match->route->plugin)) {
    const RegisteredRoute* other = method ? runtime_.router().otherMethod(*method, apiPath) : nullptr;
    if (other && runtime_.enabledFor(*config, *tenant, other->plugin))
      throw sdk::Error(405, "method_not_allowed", "method not allowed on this path");
    throw sdk::Error::notFound("not_found", "no such route");
  }
  plugin = match->route->plugin;
  label = match->route->label;
  aftermath.tenantId = tenant->id;
  return runRoute(request, response, requestId, std::move(config), *tenant, *match, rawQuery, aftermath);
}

RequestPipeline::Answer RequestPipeline::runRoute(Poco::Net::HTTPServerRequest& request,
                                                  Poco::Net::HTTPServerResponse& response, const std::string& requestId,
                                                  std::shared_ptr<const ConfigSnapshot> config,
                                                  const TenantConfig& tenant, const RouteMatch& match,
                                                  const std::string& rawQuery, Aftermath& aftermath) {
  const RegisteredRoute& route = *match.route;
  // Declared before the state, so the place is left after the state's
  // transaction and connection are.
  std::optional<AdmissionGate::Place> place;
  RequestState state(request, requestId, std::move(config), tenant, runtime_.registry(), runtime_,
                     runtime_.databases(), runtime_.identity());
  Salvage salvage{state, aftermath};
  state.method = methodName(route.spec.method);
  state.rawQuery = rawQuery;
  state.params = match.params;
  state.mutating = isMutating(route.spec.method);
  authenticate(state, route.spec.access);
  checkImpersonationLimits(state, route);
  authorize(state, route.spec.access);
  state.streamsBody = route.streamsBody;
  if (!route.streamsBody) {
    state.rawBody = readWholeBody(request, runtime_.host().server.maxBodyBytes);
    if (!state.rawBody.empty()) state.body();  // malformed JSON: 400 before the handler runs
    // Only now, once the client has sent everything: a slow sender must not
    // hold one of the few places. A route that reads its body as it arrives
    // runs at the client's pace throughout and takes none.
    place.emplace(gate_);
  }

  PluginRequestContext context(state, route.plugin);
  sdk::Outcome outcome = route.spec.handler(context);
  if (!outcome.ok) {
    state.rollback();
    if (outcome.status >= 500)
      hostLog().error("request_id={} tenant={} plugin={} route=\"{}\" handler failed: {}", requestId, tenant.id,
                      route.plugin, route.label, outcome.detail.empty() ? outcome.message : outcome.detail);
    Answer failed = errorAnswer(outcome.status, outcome.code, outcome.message, outcome.field, requestId);
    failed.headers = std::move(state.errorHeaders);
    return failed;
  }
  if (state.mutating && outcome.response.stream) {
    state.rollback();
    hostLog().error("request_id={} tenant={} plugin={} route=\"{}\" a mutating route returned a streamed body",
                    requestId, tenant.id, route.plugin, route.label);
    return errorAnswer(500, "internal", "internal error", "", requestId);
  }
  if (state.mutating) {
    // Every write leaves a record in its own transaction: both or neither.
    // The host's route-level entry stands in when the handler recorded none.
    if (state.auditEntries == 0)
      state.audit(state.auditEntry(kHostOwner, "tabhost.route", "route", route.label,
                                   sdk::Json::object({{"plugin", route.plugin}, {"status", outcome.response.status}})));
    countImpersonatedAction(state);
    state.commit();
    if (state.credentialsChanged) runtime_.identity().tokens.clearTenant(tenant.id);
  }
  for (auto& header : state.responseHeaders) outcome.response.headers.push_back(std::move(header));
  if (outcome.response.stream) {
    SpoolFile body = spooled(outcome.response.stream);
    Answer streamed = fromResponse(std::move(outcome.response));
    state.releaseDatabase();
    place.reset();  // the client's reading sets the pace from here
    sendSpooled(request, response, streamed, requestId, body.get());
    return streamed;
  }
  return fromResponse(std::move(outcome.response));
}

}  // namespace tabhost::core
