#include "core/mail/MailTemplates.hpp"

#include <regex>

#include "tabhost/sdk/html.hpp"

namespace tabhost::core {

namespace {

using sdk::htmlEscaped;

// The YAML checked these, but a colour or URL lands inside an attribute:
// only what cannot break out of it is used.
std::string safeColor(const std::string& color) {
  static const std::regex rule("#[0-9A-Fa-f]{3}([0-9A-Fa-f]{3})?");
  return std::regex_match(color, rule) ? color : "#334155";
}

bool safeUrl(const std::string& url) {
  static const std::regex rule(R"(https?://[^\s"'<>]+)");
  return std::regex_match(url, rule);
}

std::string greeting(const std::string& name) { return name.empty() ? "Hello," : "Hello " + name + ","; }

std::string supportLine(const sdk::Branding& b) {
  return b.supportEmail.empty() ? "" : "Questions? Write to " + b.supportEmail + ".";
}

}  // namespace

BrandedMail brandedMail(const sdk::Branding& b, sdk::MailMessage message) {
  const std::string support = supportLine(b);
  std::string html =
      "<!DOCTYPE html><html><body style=\"margin:0;font-family:sans-serif;color:#0f172a\">"
      "<div style=\"border-top:6px solid " + safeColor(b.primaryColor) + ";padding:24px\">";
  if (safeUrl(b.logoUrl))
    html += "<img src=\"" + htmlEscaped(b.logoUrl) + "\" alt=\"" + htmlEscaped(b.productName) + "\" height=\"40\">";
  html += "<h2 style=\"margin:16px 0\">" + htmlEscaped(b.productName) + "</h2>";
  html += "<div style=\"white-space:pre-wrap\">" + htmlEscaped(message.text) + "</div>";
  if (!support.empty()) html += "<p style=\"color:#64748b;font-size:13px\">" + htmlEscaped(support) + "</p>";
  html += "</div></body></html>";

  message.text = b.productName + "\n\n" + message.text + (support.empty() ? "" : "\n\n-- \n" + support) + "\n";
  return {std::move(message), std::move(html)};
}

sdk::MailMessage invitationMail(const sdk::Branding& b, const std::string& to, const std::string& name,
                                const std::string& link) {
  return {to, "You are invited to " + b.productName,
          greeting(name) + "\n\nYou have been invited to " + b.productName +
              ". Choose your password here to accept the invitation:\n\n" + link +
              "\n\nThe link works once and expires in 7 days.",
          b.supportEmail};
}

sdk::MailMessage passwordResetMail(const sdk::Branding& b, const std::string& to, const std::string& name,
                                   const std::string& link) {
  return {to, "Reset your " + b.productName + " password",
          greeting(name) + "\n\nAn administrator reset your password. Choose a new one here:\n\n" + link +
              "\n\nThe link works once and expires in 1 hour. Until then, you cannot sign in.",
          b.supportEmail};
}

sdk::MailMessage twoFactorDisabledMail(const sdk::Branding& b, const std::string& to, const std::string& name) {
  return {to, "Two-factor authentication was turned off",
          greeting(name) + "\n\nAn administrator turned off two-factor authentication on your " + b.productName +
              " account. You can sign in with your password alone until you turn it on again.\n\n"
              "If you did not ask for this, tell your administrator at once.",
          b.supportEmail};
}

}  // namespace tabhost::core
