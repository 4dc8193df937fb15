// The delivery worker: a background thread of the server that sends every
// tenant's due outbox rows over SMTP, retrying with exponential back-off
// (30 s, 1 min, 2 min, ... at most an hour) up to mail.max_attempts.
#pragma once

#include <memory>

#include "core/util/PeriodicTask.hpp"

namespace tabhost::core {

class Runtime;

class MailDelivery {
 public:
  /// Marks mail a stopped process left mid-delivery as failed (never sent
  /// twice), then starts the worker when an SMTP server is configured.
  explicit MailDelivery(Runtime& runtime);

 private:
  void round();

  Runtime& runtime_;
  std::unique_ptr<PeriodicTask> task_;
};

}  // namespace tabhost::core
