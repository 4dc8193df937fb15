// The mail the host writes, and the tenant's branded frame around every mail
// (the host's own and what plugins send): a plain-text body and an HTML
// alternative with the tenant's product name, logo, primary colour and
// support address.
#pragma once

#include <string>

#include "tabhost/sdk/mail.hpp"
#include "tabhost/sdk/request.hpp"

namespace tabhost::core {

/// A mail ready for the outbox: the text, and the same text as branded HTML.
struct BrandedMail {
  sdk::MailMessage message;
  std::string html;
};

/// Frames `message`: the text gets the product name above and the support
/// address below; the HTML shows the same text (escaped, so a plugin's text
/// can never become markup) under the logo and a bar of the primary colour.
BrandedMail brandedMail(const sdk::Branding& branding, sdk::MailMessage message);

/// "You have been invited": `link` sets the first password.
sdk::MailMessage invitationMail(const sdk::Branding& branding, const std::string& to, const std::string& name,
                                const std::string& link);
/// "Reset your password": `link` sets a new one (valid one hour).
sdk::MailMessage passwordResetMail(const sdk::Branding& branding, const std::string& to, const std::string& name,
                                   const std::string& link);
/// "Two-factor authentication was turned off" by an administrator.
sdk::MailMessage twoFactorDisabledMail(const sdk::Branding& branding, const std::string& to, const std::string& name);

}  // namespace tabhost::core
