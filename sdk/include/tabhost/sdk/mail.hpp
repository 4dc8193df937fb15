// Tabhost plugin SDK — outgoing email.
#pragma once

#include <string>

namespace tabhost::sdk {

/// One plain-text email to one recipient.
struct MailMessage {
  std::string to;
  /// One line, at most 200 characters.
  std::string subject;
  /// Plain text (UTF-8), at most 100 KB.
  std::string text;
  /// Where replies go (e.g. the tenant's support address); empty for none.
  std::string replyTo;
};

/// Queues email in the tenant's outbox, in the request's transaction: it is
/// sent only if the request commits, and never lost once it has. Delivery
/// happens after the response, with retries.
class Mailer {
 public:
  virtual ~Mailer() = default;
  /// Queues `message`; returns its outbox id. Throws Error 422 naming the
  /// field when the address, subject or text is not acceptable.
  virtual std::string send(const MailMessage& message) = 0;
};

}  // namespace tabhost::sdk
