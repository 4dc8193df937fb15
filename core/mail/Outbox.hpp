// Each tenant's mail outbox: mail is a row written in the transaction of the
// change that caused it, so a rollback sends nothing and a commit loses
// nothing. MailDelivery sends the rows.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/mail/MailTemplates.hpp"
#include "core/plugins/Registry.hpp"
#include "tabhost/sdk/db.hpp"
#include "tabhost/sdk/mail.hpp"

namespace tabhost::core {

/// The tenant migration creating mail_outbox (owner "tabhost", version 3).
RegisteredMigration outboxMigration();

/// Checks and queues `mail`; returns its id. Throws Error 422 naming the
/// field at fault.
std::string enqueueMail(sdk::Database& db, const BrandedMail& mail);

struct QueuedMail {
  std::string id;
  BrandedMail mail;
  int attempts = 0;
};

/// Claims up to `limit` messages due at `now` (status queued → sending,
/// attempts + 1), in a transaction of its own so that two workers never
/// claim the same row.
std::vector<QueuedMail> claimDueMail(sdk::Database& db, std::int64_t now, int limit);

void markMailSent(sdk::Database& db, const std::string& id);
/// Back to queued for another try at `nextAttemptS`, or failed after the last attempt.
void markMailAttemptFailed(sdk::Database& db, const QueuedMail& mail, const std::string& error, int maxAttempts,
                           std::int64_t nextAttemptS);

/// Rows left "sending" by a process that stopped mid-delivery: the server may
/// or may not have taken them, so they are marked failed rather than sent
/// twice. Returns how many.
std::int64_t abandonInterruptedMail(sdk::Database& db);

}  // namespace tabhost::core
