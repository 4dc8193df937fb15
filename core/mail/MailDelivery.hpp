// The delivery worker: a background thread of the server that sends every
// tenant's due outbox rows over SMTP, retrying with exponential back-off
// (30 s, 1 min, 2 min, ... at most an hour) up to mail.max_attempts.
#pragma once

#include <condition_variable>
#include <mutex>
#include <thread>

namespace tabhost::core {

class Runtime;

class MailDelivery {
 public:
  /// Marks mail a stopped process left mid-delivery as failed (never sent
  /// twice), then starts the worker when an SMTP server is configured.
  explicit MailDelivery(Runtime& runtime);
  ~MailDelivery();

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
