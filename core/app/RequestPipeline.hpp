// One request, end to end:
//   request id → tenant → route → plugin enabled? → access → body → transaction
//   → plugin handler → route-level audit → commit → JSON
// plus the tenant-less operational endpoints /healthz, /readyz and /metrics.
#pragma once

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

#include "core/app/Runtime.hpp"
#include "core/log/AccessLog.hpp"

namespace tabhost::core {

class RequestPipeline {
 public:
  RequestPipeline(Runtime& runtime, AccessLog& accessLog) : runtime_(runtime), accessLog_(accessLog) {}
  void handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response);

  struct Answer;

 private:
  Answer dispatch(Poco::Net::HTTPServerRequest& request, const std::string& requestId, std::string& tenantId,
                  std::string& plugin, std::string& label);
  Answer runRoute(Poco::Net::HTTPServerRequest& request, const std::string& requestId,
                  std::shared_ptr<const ConfigSnapshot> config, const TenantConfig& tenant, const RouteMatch& match,
                  const std::string& rawQuery);
  Answer operational(const std::string& path, std::string& label);
  /// A UI file a plugin embedded: /t/{tenant}/ui/{plugin}/{path}.
  Answer asset(const ConfigSnapshot& config, const TenantConfig& tenant, const std::string& pluginAndPath,
               std::string& plugin, std::string& label);

  Runtime& runtime_;
  AccessLog& accessLog_;
};

}  // namespace tabhost::core
