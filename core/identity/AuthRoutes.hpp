// The sign-in routes every tenant has (owner "tabhost"), under /t/{tenant}/api/v1:
//   POST /auth/login            {email, password, totp?, recovery_code?} → session cookie + CSRF token
//   POST /auth/logout           ends the session
//   POST /auth/change-password  {current_password, new_password}; ends every session, starts a new one
//   POST /auth/reauth           {password}: step-up for destructive actions
//   POST /auth/2fa/enroll       a new TOTP secret (otpauth:// URI), pending confirmation
//   POST /auth/2fa/confirm      {code}: turns 2FA on, returns ten recovery codes once
//   POST /auth/2fa/recovery-codes  new recovery codes (the old ones die); step-up
//   POST /auth/2fa/disable      turns 2FA off; step-up
#pragma once

#include "core/plugins/PluginRegistrar.hpp"

namespace tabhost::core {

void registerAuthRoutes(sdk::Registrar& host);

}  // namespace tabhost::core
