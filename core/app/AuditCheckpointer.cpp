#include "core/app/AuditCheckpointer.hpp"

#include "core/app/Runtime.hpp"
#include "core/audit/AuditCheckpoints.hpp"
#include "core/log/Logging.hpp"

namespace tabhost::core {

AuditCheckpointer::AuditCheckpointer(Runtime& runtime) : runtime_(runtime), thread_([this] { run(); }) {}

AuditCheckpointer::~AuditCheckpointer() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
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

void AuditCheckpointer::run() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    const auto interval = std::chrono::seconds(runtime_.config()->host.security.auditCheckpointSeconds);
    wake_.wait_for(lock, interval, [this] { return stopping_; });
    lock.unlock();
    round();
    lock.lock();
  }
}

}  // namespace tabhost::core
