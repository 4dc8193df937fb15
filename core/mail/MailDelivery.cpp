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
      PocoDatabase db(lease, runtime_.databases().driver());
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
  task_ = std::make_unique<PeriodicTask>(
      [this] { round(); }, [this] { return std::chrono::milliseconds(runtime_.host().mail.pollMilliseconds); },
      /*runFirst=*/true, /*runLast=*/false);
}

void MailDelivery::round() {
  const MailConfig& mail = runtime_.host().mail;
  const auto config = runtime_.config();
  for (const auto& tenant : config->tenants) {
    try {
      auto lease = runtime_.databases().acquire(tenant.id);
      PocoDatabase db(lease, runtime_.databases().driver());
      std::vector<QueuedMail> due;
      {
        auto turn = runtime_.databases().writerTurn(tenant.id);
        due = claimDueMail(db, unixSeconds(), kBatch);
      }
      for (const auto& m : due) {
        std::string error;
        try {
          sendOverSmtp(mail, m.mail);
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

}  // namespace tabhost::core
