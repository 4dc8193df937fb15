// Signs every tenant's audit chain head at security.audit_checkpoint_interval_s
// (when it moved), in a background thread of the server.
#pragma once

#include <condition_variable>
#include <mutex>
#include <thread>

namespace tabhost::core {

class Runtime;

class AuditCheckpointer {
 public:
  explicit AuditCheckpointer(Runtime& runtime);
  /// Stops the thread after one last round, so the newest head is signed.
  ~AuditCheckpointer();

 private:
  void run();
  void round();

  Runtime& runtime_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace tabhost::core
