// The SDK's account management service (sdk::Accounts) for one request:
// the rank rule, the last-owner rule, credential changes, invitation and
// reset links with their mail, and deletion with every user-owned row.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "tabhost/sdk/accounts.hpp"
#include "tabhost/sdk/mail.hpp"

namespace tabhost::core {

class RequestState;
struct Account;

/// Ends a user's sessions, voids their emailed links and drops cached
/// tokens once the request commits; returns how many sessions ended.
std::int64_t cutAccess(RequestState& state, const std::string& userId);

class AccountManager final : public sdk::Accounts {
 public:
  explicit AccountManager(RequestState& state) : state_(state) {}

  sdk::CreatedUser create(const sdk::NewUser& user) override;
  std::vector<sdk::Change> update(const std::string& userId, const sdk::UserUpdate& update) override;
  void resendInvite(const std::string& userId) override;
  std::string resetPassword(const std::string& userId, sdk::PasswordReset mode) override;
  void disableTwoFactor(const std::string& userId, const std::string& reason) override;
  void changeStatus(const std::string& userId, sdk::AccountStatusChange change) override;
  std::vector<sdk::UserDataCount> deletionPreview(const std::string& userId) override;
  std::vector<sdk::UserDataCount> erase(const std::string& userId) override;
  std::vector<sdk::RoleInfo> roles() override;

 private:
  /// The user the caller may manage: 404, 403 "own_account" or 403 "rank_too_low" otherwise.
  Account manageable(const std::string& userId);
  /// Refuses roles that are unknown (422) or rank at or above the caller (403).
  void checkGrantable(const std::vector<std::string>& roles);
  /// Refuses when a user of `type` with `roles` would hold a permission the
  /// caller lacks (403 "permission_escalation").
  void refuseEscalation(const std::string& type, const std::vector<std::string>& roles, const char* field);
  /// What belongs to `target`, by kind (the preview, and what erase() removes).
  std::vector<sdk::UserDataCount> userDataCounts(const Account& target);
  /// Refuses to take away the tenant's last active owner.
  void keepAnOwner(const Account& target);
  /// Queues one of the host's mails, framed in the tenant's branding.
  void queueMail(sdk::MailMessage message);
  std::string linkFor(const std::string& purpose, const std::string& token) const;

  RequestState& state_;
};

}  // namespace tabhost::core
