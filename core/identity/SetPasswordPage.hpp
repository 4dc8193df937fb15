// The page emailed links open (/t/{tenant}/ui/tabhost/set-password.html):
// it reads the link's token from the URL fragment and posts it, with the
// chosen password, to /auth/accept-invite or /auth/reset-password.
#pragma once

#include <string_view>

namespace tabhost::core {

extern const std::string_view kSetPasswordPage;

}  // namespace tabhost::core
