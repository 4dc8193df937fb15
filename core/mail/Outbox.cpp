#include "core/mail/Outbox.hpp"

#include "core/crypto/Secrets.hpp"
#include "core/identity/Accounts.hpp"
#include "core/storage/RowFields.hpp"
#include "core/util/UtcClock.hpp"
#include "tabhost/sdk/error.hpp"

namespace tabhost::core {

namespace {

constexpr std::size_t kMaxSubject = 200;
constexpr std::size_t kMaxText = 100 * 1024;

bool oneLine(const std::string& s) { return s.find_first_of("\r\n") == std::string::npos; }

}  // namespace

RegisteredMigration outboxMigration() {
  sdk::Migration m;
  m.version = 3;
  m.name = "create mail_outbox";
  m.sql =
      "CREATE TABLE mail_outbox (id TEXT PRIMARY KEY, to_address TEXT NOT NULL, subject TEXT NOT NULL, "
      "body_text TEXT NOT NULL, reply_to TEXT NOT NULL, status TEXT NOT NULL, attempts INTEGER NOT NULL, "
      "next_attempt_s BIGINT NOT NULL, created_at TEXT NOT NULL, sent_at TEXT, last_error TEXT);\n"
      "CREATE INDEX mail_outbox_due ON mail_outbox (status, next_attempt_s);\n";
  return {kHostOwner, m};
}

std::string enqueueMail(sdk::Database& db, const BrandedMail& mail) {
  const sdk::MailMessage& m = mail.message;
  // Header fields are single lines: a line break would let text inject headers.
  if (!oneLine(m.to) || !plausibleEmail(trimmedEmail(m.to)))
    throw sdk::Error::unprocessable("invalid_email", "not an email address", "to");
  if (!m.replyTo.empty() && (!oneLine(m.replyTo) || !plausibleEmail(trimmedEmail(m.replyTo))))
    throw sdk::Error::unprocessable("invalid_email", "not an email address", "reply_to");
  if (m.subject.empty() || m.subject.size() > kMaxSubject || !oneLine(m.subject))
    throw sdk::Error::unprocessable("invalid_subject", "subject must be one line of 1 to 200 characters", "subject");
  if (m.text.size() > kMaxText) throw sdk::Error::unprocessable("invalid_text", "text is over 100 KB", "text");
  const std::string id = newId();
  db.execute(
      "INSERT INTO mail_outbox (id, to_address, subject, body_text, body_html, reply_to, status, attempts, "
      "next_attempt_s, created_at) VALUES (?, ?, ?, ?, ?, ?, 'queued', 0, 0, ?)",
      {id, trimmedEmail(m.to), m.subject, m.text, mail.html, trimmedEmail(m.replyTo), utcTimestamp()});
  return id;
}

std::vector<QueuedMail> claimDueMail(sdk::Database& db, std::int64_t now, int limit) {
  std::vector<QueuedMail> claimed;
  db.transaction([&] {
    for (const auto& r : db.query(
             "SELECT id, to_address, subject, body_text, body_html, reply_to, attempts FROM mail_outbox "
             "WHERE status = 'queued' AND next_attempt_s <= ? ORDER BY next_attempt_s, created_at LIMIT ?",
             {now, limit})) {
      // Conditional: another host's worker may have claimed it meanwhile.
      if (db.execute("UPDATE mail_outbox SET status = 'sending', attempts = attempts + 1 "
                     "WHERE id = ? AND status = 'queued'",
                     {textField(r, "id")})
              .affectedRows != 1)
        continue;
      claimed.push_back({textField(r, "id"),
                         {{textField(r, "to_address"), textField(r, "subject"), textField(r, "body_text"),
                           textField(r, "reply_to")},
                          textField(r, "body_html")},
                         static_cast<int>(intField(r, "attempts")) + 1});
    }
  });
  return claimed;
}

void markMailSent(sdk::Database& db, const std::string& id) {
  // The body may hold a live single-use link: once handed over, it is not kept.
  db.execute("UPDATE mail_outbox SET status = 'sent', sent_at = ?, last_error = NULL, body_text = '', body_html = '' "
             "WHERE id = ?",
             {utcTimestamp(), id});
}

void markMailAttemptFailed(sdk::Database& db, const QueuedMail& mail, const std::string& error, int maxAttempts,
                           std::int64_t nextAttemptS) {
  db.execute("UPDATE mail_outbox SET status = ?, next_attempt_s = ?, last_error = ? WHERE id = ?",
             {mail.attempts >= maxAttempts ? "failed" : "queued", nextAttemptS, error.substr(0, 500), mail.id});
}

std::int64_t abandonInterruptedMail(sdk::Database& db) {
  return db.execute("UPDATE mail_outbox SET status = 'failed', last_error = ? WHERE status = 'sending'",
                    {"interrupted during delivery; not resent, to avoid a duplicate"})
      .affectedRows;
}

}  // namespace tabhost::core
