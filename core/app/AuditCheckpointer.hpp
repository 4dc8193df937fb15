// Signs every tenant's audit chain head at security.audit_checkpoint_interval_s
// (when it moved), in a background thread of the server, and once more when
// the server stops.
#pragma once

#include <memory>

#include "core/util/PeriodicTask.hpp"

namespace tabhost::core {

class Runtime;

class AuditCheckpointer {
 public:
  explicit AuditCheckpointer(Runtime& runtime);

 private:
  void round();

  Runtime& runtime_;
  std::unique_ptr<PeriodicTask> task_;
};

}  // namespace tabhost::core
