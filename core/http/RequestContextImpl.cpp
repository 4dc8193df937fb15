#include "core/http/RequestContextImpl.hpp"

#include <stdexcept>

#include <Poco/Data/Session.h>
#include <Poco/URI.h>

#include "core/audit/AuditLog.hpp"
#include "core/json/JsonCodec.hpp"
#include "core/log/Logging.hpp"
#include "tabhost/sdk/error.hpp"

namespace tabhost::core {

RequestState::RequestState(Poco::Net::HTTPServerRequest& httpRequest, std::string id,
                           std::shared_ptr<const ConfigSnapshot> snapshot, const TenantConfig& tenantCfg,
                           const Registrations& registrations, const PluginDirectory& directory,
                           TenantDatabases& databases)
    : http(httpRequest),
      requestId(std::move(id)),
      config(std::move(snapshot)),
      tenantConfig(tenantCfg),
      registry(registrations),
      plugins(directory),
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
    // not hold a pooled connection the readers need.
    if (mutating) writerTurn_ = databases_.writerTurn(tenant.id);
    lease_.emplace(databases_.acquire(tenant.id));
    database_.emplace(lease_->session(), databases_.driver());
    if (mutating) {
      database_->begin();
      inTransaction_ = true;
    }
  }
  return *database_;
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

void PluginRequestContext::record(std::string_view action, std::string_view targetType, std::string_view targetId,
                                  const sdk::Json& details) {
  const RegisteredAuditAction* declared = state_.registry.findAuditAction(action);
  if (!declared || declared->plugin != pluginId_)
    throw std::logic_error("audit action '" + std::string(action) + "' is not declared by plugin '" + pluginId_ + "'");
  appendAuditEntry(state_.database(), {state_.requestId, actorType(state_.principal), state_.principal.id, pluginId_,
                                       std::string(action), std::string(targetType), std::string(targetId), details});
}

const char* actorType(const sdk::Principal& principal) {
  switch (principal.kind) {
    case sdk::Principal::Kind::User: return "user";
    case sdk::Principal::Kind::ApiToken: return "api_token";
    case sdk::Principal::Kind::Anonymous: break;
  }
  return "anonymous";
}

}  // namespace tabhost::core
