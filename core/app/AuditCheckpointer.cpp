#include "core/app/AuditCheckpointer.hpp"

#include "core/app/Runtime.hpp"
#include "core/audit/AuditCheckpoints.hpp"
#include "core/log/Logging.hpp"

namespace tabhost::core {

AuditCheckpointer::AuditCheckpointer(Runtime& runtime) : runtime_(runtime) {
  task_ = std::make_unique<PeriodicTask>(
      [this] { round(); },
      [this] { return std::chrono::seconds(runtime_.config()->host.security.auditCheckpointSeconds); },
      /*runFirst=*/false, /*runLast=*/true);
}

void AuditCheckpointer::round() {
  const auto config = runtime_.config();  // held: a reload may swap it meanwhile
  for (const auto& tenant : config->tenants) {
    try {
      if (auto c = writeAuditCheckpoint(runtime_.databases(), runtime_.identity().keys, tenant.id))
        hostLog().info("tenant={} audit checkpoint signed at entry {}", tenant.id, c->seq);
    } catch (const std::exception& e) {
      hostLog().error("tenant={} audit checkpoint failed: {}", tenant.id, e.what());
    }
  }
}

}  // namespace tabhost::core
