#include "core/mail/SmtpSender.hpp"

#include <cstdlib>

#include <Poco/Net/Context.h>
#include <Poco/Net/MailMessage.h>
#include <Poco/Net/SecureSMTPClientSession.h>
#include <Poco/Net/StringPartSource.h>

namespace tabhost::core {

void sendOverSmtp(const MailConfig& config, const BrandedMail& mail) {
  const sdk::MailMessage& m = mail.message;
  Poco::Net::MailMessage message;
  message.setSender(config.from);
  message.addRecipient(Poco::Net::MailRecipient(Poco::Net::MailRecipient::PRIMARY_RECIPIENT, m.to));
  message.setSubject(Poco::Net::MailMessage::encodeWord(m.subject, "UTF-8"));
  if (!m.replyTo.empty()) message.set("Reply-To", m.replyTo);
  if (mail.html.empty()) {
    message.setContentType("text/plain; charset=UTF-8");
    message.setContent(m.text, Poco::Net::MailMessage::ENCODING_QUOTED_PRINTABLE);
  } else {
    // Set before the parts are added, so Poco keeps "alternative" (the
    // same content twice, the reader shows the richest it can) instead of
    // "mixed" (attachments).
    message.setContentType("multipart/alternative");
    message.addContent(new Poco::Net::StringPartSource(m.text, "text/plain; charset=UTF-8"),
                       Poco::Net::MailMessage::ENCODING_QUOTED_PRINTABLE);
    message.addContent(new Poco::Net::StringPartSource(mail.html, "text/html; charset=UTF-8"),
                       Poco::Net::MailMessage::ENCODING_QUOTED_PRINTABLE);
  }

  Poco::Net::SecureSMTPClientSession session(config.smtpHost, config.smtpPort);
  session.setTimeout(Poco::Timespan(30, 0));
  session.login();
  if (config.startTls) {
    // Verifies the server's certificate against the system's CAs.
    Poco::Net::Context::Ptr context =
        new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", Poco::Net::Context::VERIFY_RELAXED, 9, true);
    if (!session.startTLS(context)) throw std::runtime_error("the SMTP server does not offer STARTTLS");
  }
  if (!config.username.empty()) {
    const char* password = std::getenv(config.passwordEnv.c_str());
    session.login(Poco::Net::SMTPClientSession::AUTH_LOGIN, config.username, password ? password : "");
  }
  session.sendMessage(message);
  session.close();
}

}  // namespace tabhost::core
