// One request, end to end:
//   request id → tenant → route → plugin enabled? → authentication →
//   impersonation limits → access (permission, CSRF, step-up) → body → transaction → plugin handler
//   → route-level audit (unless the request recorded its own) → commit → JSON
// plus the tenant-less operational endpoints /healthz, /readyz and /metrics.
#pragma once

#include <functional>

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

#include "core/app/Runtime.hpp"
#include "core/log/AccessLog.hpp"
#include "core/util/AdmissionGate.hpp"

namespace tabhost::core {

class RequestPipeline {
 public:
  RequestPipeline(Runtime& runtime, AccessLog& accessLog);
  void handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response);

  struct Answer;
  /// What a request leaves behind when it fails: security entries and other
  /// writes to make after its transaction is gone, and headers for the error
  /// answer.
  struct Aftermath {
    std::string tenantId;
    std::vector<AuditEntry> securityEntries;
    std::vector<std::function<void(sdk::Database&)>> writes;
    std::vector<std::pair<std::string, std::string>> errorHeaders;
  };

 private:
  Answer dispatch(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
                  const std::string& requestId, std::string& tenantId, std::string& plugin, std::string& label,
                  Aftermath& aftermath);
  /// Runs a matched route; a streamed body is sent from here, while the
  /// request's database connection is still open.
  Answer runRoute(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
                  const std::string& requestId,
                  std::shared_ptr<const ConfigSnapshot> config, const TenantConfig& tenant, const RouteMatch& match,
                  const std::string& rawQuery, Aftermath& aftermath);
  /// Writes the failed request's security entries in a transaction of their own.
  void settle(Aftermath& aftermath, const std::string& requestId);
  Answer operational(const std::string& path, std::string& label);
  /// A UI file a plugin (or the host: the shell) embedded:
  /// /t/{tenant}/ui/{plugin}/[@{version}/]{path}.
  Answer asset(const Poco::Net::HTTPServerRequest& request, const ConfigSnapshot& config, const TenantConfig& tenant,
               const std::string& pluginAndPath, std::string& plugin, std::string& label);
  /// The dashboard's page, for every other GET (`rest`: the path after the
  /// tenant) of a tenant reached at `base`.
  Answer dashboardPage(const ConfigSnapshot& config, const TenantConfig& tenant, const std::string& base,
                       const std::string& rest, std::string& label);

  Runtime& runtime_;
  AccessLog& accessLog_;
  AdmissionGate gate_;
};

}  // namespace tabhost::core
