// Sends one message over SMTP with Poco::Net (STARTTLS and AUTH LOGIN when
// configured). Throws on any failure; the caller retries.
#pragma once

#include "core/config/ConfigModel.hpp"
#include "tabhost/sdk/mail.hpp"

namespace tabhost::core {

void sendOverSmtp(const MailConfig& config, const sdk::MailMessage& message);

}  // namespace tabhost::core
