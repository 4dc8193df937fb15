#include "core/http/RequestContextImpl.hpp"

#include <algorithm>
#include <stdexcept>

#include <Poco/Data/Session.h>
#include <Poco/URI.h>

#include "core/audit/AuditLog.hpp"
#include "core/config/TenantBranding.hpp"
#include "core/http/BodyFraming.hpp"
#include "core/http/OutboundHttp.hpp"
#include "core/json/JsonCodec.hpp"
#include "core/log/Logging.hpp"
#include "core/mail/Outbox.hpp"
#include "core/settings/EffectiveSettings.hpp"
#include "core/util/AdmissionGate.hpp"
#include "tabhost/sdk/error.hpp"

namespace tabhost::core {

std::string printableUtf8(const std::string& text, std::size_t maxBytes) {
  std::string out;
  out.reserve(std::min(text.size(), maxBytes));
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t length = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    bool valid = length > 0 && i + length <= text.size();
    for (std::size_t k = 1; valid && k < length; ++k) valid = (static_cast<unsigned char>(text[i + k]) & 0xC0) == 0x80;
    if (valid && length == 1 && (c < 0x20 || c == 0x7F)) valid = false;  // control characters
    const std::string piece = valid ? text.substr(i, length) : "?";
    if (out.size() + piece.size() > maxBytes) break;
    out += piece;
    i += valid ? length : 1;
  }
  return out;
}

RequestState::RequestState(Poco::Net::HTTPServerRequest& httpRequest, std::string id,
                           std::shared_ptr<const ConfigSnapshot> snapshot, const TenantConfig& tenantCfg,
                           const Registrations& registrations, const PluginDirectory& directory,
                           TenantDatabases& databases, IdentityServices& identityServices)
    : http(httpRequest),
      requestId(std::move(id)),
      config(std::move(snapshot)),
      tenantConfig(tenantCfg),
      registry(registrations),
      plugins(directory),
      identity(identityServices),
      tenant{tenantCfg.id, tenantCfg.name},
      databases_(databases) {}

RequestState::~RequestState() {
  rollback();
  // The connection goes back before the next writer's turn begins.
  lease_.reset();
}

const sdk::Json& RequestState::body() {
  if (!body_) body_ = rawBody.empty() ? sdk::Json() : parseJsonText(rawBody);
  return *body_;
}

std::size_t RequestBody::read(char* buffer, std::size_t size) {
  std::size_t got = 0;
  if (size == 0) return 0;
  if (stream_) {
    // What has arrived, once at least a byte has: a full read would wait for
    // `size` bytes, and a slow sender's progress would not show meanwhile.
    stream_->read(buffer, 1);
    got = static_cast<std::size_t>(stream_->gcount());
    if (got == 1 && size > 1)
      got += static_cast<std::size_t>(stream_->readsome(buffer + 1, static_cast<std::streamsize>(size - 1)));
    // A body that ends before its declared length was cut off, not finished.
    if (got == 0 && (stream_->bad() || (declared_ >= 0 && read_ < declared_))) throw bodyBrokeOff(read_);
  } else {
    got = std::min(size, buffered_.size() - static_cast<std::size_t>(read_));
    std::copy_n(buffered_.data() + read_, got, buffer);
  }
  read_ += static_cast<std::int64_t>(got);
  return got;
}

sdk::BodyReader& RequestState::bodyReader() {
  if (!bodyReader_) {
    const std::int64_t declared = http.hasContentLength() ? http.getContentLength64() : -1;
    bodyReader_.emplace(streamsBody && hasBody(http) ? &http.stream() : nullptr, rawBody,
                        streamsBody ? declared : static_cast<std::int64_t>(rawBody.size()));
  }
  return *bodyReader_;
}

std::optional<std::string> RequestState::query(std::string_view name) {
  if (!query_) {
    query_.emplace();
    Poco::URI uri;
    uri.setRawQuery(rawQuery);
    for (auto& [key, value] : uri.getQueryParameters()) query_->emplace_back(std::move(key), std::move(value));
  }
  for (const auto& [key, value] : *query_)
    if (key == name) return value;
  return std::nullopt;
}

sdk::Database& RequestState::database() {
  if (!database_) {
    // Take the writer's turn before the connection, so a waiting writer does
    // not hold a pooled connection the readers need (nor the one read() kept).
    reader_.reset();
    readerLease_.reset();
    if (mutating) writerTurn_ = databases_.writerTurn(tenant.id);
    lease_.emplace(mutating ? databases_.acquireForWriting(tenant.id) : databases_.acquire(tenant.id));
    database_.emplace(*lease_, databases_.driver());
    if (mutating) {
      database_->begin();
      inTransaction_ = true;
      for (auto& write : std::exchange(pendingWrites_, {})) write(*database_);
    }
  }
  return *database_;
}

sdk::Database& RequestState::readingDatabase() {
  if (database_ || !mutating) return database();
  if (!reader_) {
    readerLease_.emplace(databases_.acquire(tenant.id));
    reader_.emplace(*readerLease_, databases_.driver());
  }
  return *reader_;
}

void RequestState::writeWithRequest(std::function<void(sdk::Database&)> write) {
  if (database_ || !mutating) return write(database());
  pendingWrites_.push_back(std::move(write));
}

void RequestState::commit() {
  if (!inTransaction_) return;
  database_->execute("COMMIT");
  inTransaction_ = false;
}

void RequestState::rollback() noexcept {
  if (!inTransaction_) return;
  inTransaction_ = false;
  try {
    if (database_->inTransaction()) database_->execute("ROLLBACK");
  } catch (...) {
    // A session whose rollback failed may still hold a transaction: drop it.
    lease_->discard();
  }
}

void RequestState::releaseDatabase() noexcept {
  rollback();
  database_.reset();
  lease_.reset();
  reader_.reset();
  readerLease_.reset();
}

AuditEntry RequestState::auditEntry(std::string plugin, std::string action, std::string targetType,
                                    std::string targetId, sdk::Json metadata) const {
  AuditEntry e;
  e.requestId = requestId;
  e.actorType = actorType(principal);
  e.actorId = principal.id;
  e.via = viaOf(principal);
  e.plugin = std::move(plugin);
  e.action = std::move(action);
  e.targetType = std::move(targetType);
  e.targetId = std::move(targetId);
  e.metadata = std::move(metadata);
  if (principal.kind == sdk::Principal::Kind::ApiToken) e.metadata["token_id"] = principal.tokenId;
  if (impersonation) {
    e.impersonatorId = impersonation->record.impersonatorId;
    e.via = "impersonation";
    e.metadata["impersonation_id"] = impersonation->record.id;
  }
  e.clientAddress = clientAddress();
  e.userAgent = userAgent();
  return e;
}

const std::string& RequestState::clientAddress() const {
  if (!clientAddress_) clientAddress_ = http.clientAddress().host().toString();
  return *clientAddress_;
}

const sdk::Branding& RequestState::branding() {
  if (branding_) return *branding_;
  sdk::Branding b = brandingOf(tenantConfig);
  const sdk::Json& overrides = brandingOverrides();
  const auto take = [&](std::string_view key, std::string& into) {
    if (const sdk::Json* v = overrides.find(key); v && v->isString()) into = v->asString();
  };
  take("product_name", b.productName);
  take("logo_url", b.logoUrl);
  take("primary_color", b.primaryColor);
  branding_ = std::move(b);
  return *branding_;
}

const sdk::Json& RequestState::brandingOverrides() {
  if (brandingOverrides_) return *brandingOverrides_;
  // A source that asks for the branding itself gets the YAML's, not an endless recursion.
  brandingOverrides_ = sdk::Json::object();
  sdk::Json merged = sdk::Json::object();
  for (const auto& source : registry.brandingSources) {
    if (!plugins.enabledFor(*config, tenantConfig, source.plugin)) continue;
    PluginRequestContext pluginContext(*this, source.plugin);
    const sdk::Outcome outcome = source.source(pluginContext);
    // A broken source must not take the sign-in page down: the YAML branding stays.
    if (!outcome.ok || !outcome.response.body.isObject()) {
      hostLog().error("request_id={} tenant={} plugin={} branding source failed: {} {}", requestId, tenant.id,
                      source.plugin, outcome.code, outcome.detail.empty() ? outcome.message : outcome.detail);
      continue;
    }
    for (const auto& [key, value] : outcome.response.body.asObject())
      if (!value.isNull()) merged[key] = value;
  }
  brandingOverrides_ = std::move(merged);
  return *brandingOverrides_;
}

const std::string& RequestState::userAgent() const {
  if (!userAgent_) userAgent_ = printableUtf8(http.get("User-Agent", ""), 512);
  return *userAgent_;
}

AuditEntry RequestState::securityEntry(std::string action, std::string targetType, std::string targetId,
                                       sdk::Json metadata) const {
  AuditEntry e = auditEntry(kHostOwner, std::move(action), std::move(targetType), std::move(targetId),
                            std::move(metadata));
  e.category = "security";
  return e;
}

void RequestState::audit(AuditEntry entry) {
  appendAuditEntry(database(), entry);
  ++auditEntries;
}

std::optional<std::string> PluginRequestContext::param(std::string_view name) const {
  for (const auto& [key, value] : state_.params)
    if (key == name) return value;
  return std::nullopt;
}

std::optional<std::string> PluginRequestContext::header(std::string_view name) const {
  const auto& headers = state_.http;
  std::string key(name);
  if (!headers.has(key)) return std::nullopt;
  return headers.get(key);
}

sdk::Logger& PluginRequestContext::log() {
  if (!logger_)
    logger_ = std::make_unique<TaggedLogger>("request_id=" + state_.requestId + " tenant=" + state_.tenant.id +
                                             " plugin=" + pluginId_);
  return *logger_;
}

const sdk::Json& PluginRequestContext::settings() const { return effectiveSettings(state_, pluginId_); }

std::optional<std::string> PluginRequestContext::secretSetting(std::string_view name) {
  return effectiveSecret(state_, pluginId_, std::string(name));
}

sdk::HttpReply PluginRequestContext::fetch(const sdk::HttpCall& call) {
  sdk::HttpReply reply = [&] {
    AdmissionGate::Away waiting;
    return outboundRequest(call);
  }();
  // Without the query string: a careless plugin may put a key there.
  const std::string shown = call.url.substr(0, call.url.find_first_of("?#"));
  hostLog().info("request_id={} tenant={} plugin={} outbound {} {} -> {}", state_.requestId, state_.tenant.id,
                 pluginId_, call.method, shown,
                 reply.failure == sdk::HttpReply::Failure::None ? std::to_string(reply.status) : reply.message);
  return reply;
}

void PluginRequestContext::emit(std::string_view name, const sdk::Json& payload) {
  for (const auto& h : state_.registry.eventHandlers) {
    if (h.event != name || !state_.plugins.enabledFor(*state_.config, state_.tenantConfig, h.plugin)) continue;
    PluginRequestContext handlerContext(state_, h.plugin);
    sdk::Outcome outcome = h.handler(handlerContext, payload);
    if (!outcome.ok) {
      hostLog().error("request_id={} tenant={} plugin={} event={} handler failed: {} {}", state_.requestId,
                      state_.tenant.id, h.plugin, name, outcome.code, outcome.detail.empty() ? outcome.message
                                                                                            : outcome.detail);
      // The emitting request fails with the handler's error: its effects and
      // the emitter's must commit together or not at all.
      throw sdk::Error(outcome.status, outcome.code, outcome.message, outcome.field);
    }
  }
}

std::string PluginRequestContext::jsonText(const sdk::Json& value) const { return toJsonText(value); }

sdk::Json PluginRequestContext::parseJson(const std::string& text) const { return parseJsonText(text); }

void PluginRequestContext::recordChanges(std::string_view action, std::string_view targetType,
                                         std::string_view targetId, const sdk::Json& metadata,
                                         const std::vector<sdk::Change>& changes) {
  const RegisteredAuditAction* declared = state_.registry.findAuditAction(action);
  if (!declared || declared->plugin != pluginId_)
    throw std::logic_error("audit action '" + std::string(action) + "' is not declared by plugin '" + pluginId_ + "'");
  AuditEntry entry = state_.auditEntry(pluginId_, std::string(action), std::string(targetType), std::string(targetId),
                                       metadata.isNull() ? sdk::Json::object() : metadata);
  entry.changes = changes;
  state_.audit(std::move(entry));
}

std::string PluginRequestContext::send(const sdk::MailMessage& message) {
  return enqueueMail(state_.database(), brandedMail(state_.branding(), message));
}

sdk::Accounts& PluginRequestContext::accounts() {
  if (!accounts_) accounts_ = std::make_unique<AccountManager>(state_);
  return *accounts_;
}

sdk::Impersonation& PluginRequestContext::impersonation() {
  if (!impersonation_) impersonation_ = std::make_unique<ImpersonationService>(state_);
  return *impersonation_;
}

const char* actorType(const sdk::Principal& principal) {
  switch (principal.kind) {
    case sdk::Principal::Kind::User: return principal.userType == "operator" ? "operator" : "user";
    case sdk::Principal::Kind::ApiToken: return "api_token";
    case sdk::Principal::Kind::Anonymous: break;
  }
  return "anonymous";
}

const char* viaOf(const sdk::Principal& principal) {
  return principal.kind == sdk::Principal::Kind::ApiToken ? "token" : "direct";
}

}  // namespace tabhost::core
