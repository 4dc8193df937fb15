// Single-use links sent by email: an invitation to set a first password, or
// a password reset. Only the SHA-256 of a link's token is stored; issuing a
// new link of a purpose voids the user's previous one.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/plugins/Registry.hpp"
#include "tabhost/sdk/db.hpp"

namespace tabhost::core {

/// The tenant migration creating account_links, and giving mail_outbox an
/// HTML body (owner "tabhost", version 4).
RegisteredMigration accountLinksMigration();

enum class LinkPurpose { Invite, Reset };

/// How long a link works: an invitation 7 days, a reset 1 hour.
std::int64_t linkLifetimeSeconds(LinkPurpose purpose);

/// Issues a link token for `userId` (256 bits, base62), voiding the
/// previous one of the same purpose.
std::string issueAccountLink(sdk::Database& db, const std::string& userId, LinkPurpose purpose);

/// Redeems `token`: the user's id when it is a live link of `purpose`. The
/// link is consumed by a conditional delete, so of two racing requests only
/// one succeeds.
std::optional<std::string> redeemAccountLink(sdk::Database& db, const std::string& token, LinkPurpose purpose);

/// Voids every link of a user (after a password change, suspension...).
void voidAccountLinks(sdk::Database& db, const std::string& userId);

}  // namespace tabhost::core
