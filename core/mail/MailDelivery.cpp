#include "core/mail/MailDelivery.hpp"

#include <algorithm>

#include "core/app/Runtime.hpp"
#include "core/log/Logging.hpp"
#include "core/mail/Outbox.hpp"
#include "core/mail/SmtpSender.hpp"
#include "core/storage/PocoDatabase.hpp"
#include "core/util/UtcClock.hpp"

namespace tabhost::core {

namespace {
constexpr int kBatch = 20;

std::int64_t backoffSeconds(int attempts) {
  return std::min<std::int64_t>(3600, std::int64_t(30) << std::min(attempts - 1, 10));
}
}  // namespace

MailDelivery::MailDelivery(Runtime& runtime) : runtime_(runtime) {
  const auto config = runtime_.config();
  for (const auto& tenant : config->tenants) {
    try {
      auto lease = runtime_.databases().acquire(tenant.id);
      PocoDatabase db(lease.session(), runtime_.databases().driver());
      if (auto n = abandonInterruptedMail(db))
        hostLog().warn("tenant={} {} mail(s) were interrupted mid-delivery; marked failed, not resent", tenant.id, n);
    } catch (const std::exception& e) {
      hostLog().error("tenant={} outbox check failed: {}", tenant.id, e.what());
    }
  }
  if (runtime_.host().mail.smtpHost.empty()) {
    hostLog().info("mail: no SMTP server configured (mail.smtp); mail stays queued in each tenant's outbox");
    return;
  }
  thread_ = std::thread([this] { run(); });
}

MailDelivery::~MailDelivery() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void MailDelivery::round() {
  const MailConfig& mail = runtime_.host().mail;
  const auto config = runtime_.config();
  for (const auto& tenant : config->tenants) {
    try {
      auto lease = runtime_.databases().acquire(tenant.id);
      PocoDatabase db(lease.session(), runtime_.databases().driver());
      std::vector<QueuedMail> due;
      {
        auto turn = runtime_.databases().writerTurn(tenant.id);
        due = claimDueMail(db, unixSeconds(), kBatch);
      }
      for (const auto& m : due) {
        std::string error;
        try {
          sendOverSmtp(mail, m.message);
        } catch (const std::exception& e) {
          error = e.what();
        }
        auto turn = runtime_.databases().writerTurn(tenant.id);
        if (error.empty()) {
          markMailSent(db, m.id);
          hostLog().info("tenant={} mail {} sent", tenant.id, m.id);
        } else {
          markMailAttemptFailed(db, m, error, mail.maxAttempts, unixSeconds() + backoffSeconds(m.attempts));
          hostLog().warn("tenant={} mail {} attempt {} failed: {}", tenant.id, m.id, m.attempts, error);
        }
      }
    } catch (const std::exception& e) {
      hostLog().error("tenant={} mail delivery round failed: {}", tenant.id, e.what());
    }
  }
}

void MailDelivery::run() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    round();
    lock.lock();
    wake_.wait_for(lock, std::chrono::milliseconds(runtime_.host().mail.pollMilliseconds), [this] { return stopping_; });
  }
}

}  // namespace tabhost::core
