// Sends one message over SMTP with Poco::Net (STARTTLS and AUTH LOGIN when
// configured). Throws on any failure; the caller retries.
#pragma once

#include "core/config/ConfigModel.hpp"
#include "core/mail/MailTemplates.hpp"

namespace tabhost::core {

void sendOverSmtp(const MailConfig& config, const BrandedMail& mail);

}  // namespace tabhost::core
