// The users' search words (table user_search): what the users list's free
// text looks up instead of scanning every row (sdk::searchWords).
#pragma once

#include <string>

#include "core/plugins/Registry.hpp"
#include "tabhost/sdk/db.hpp"

namespace tabhost::core {

/// The tenant migration creating user_search (owner "tabhost", version 6).
RegisteredMigration userSearchMigration();

/// Replaces the user's words with those of their names and email.
void indexUserWords(sdk::Database& db, const std::string& userId, const std::string& firstName,
                    const std::string& lastName, const std::string& email);

/// Indexes users who have no words yet (accounts made before the table
/// existed); returns how many.
std::int64_t indexUnsearchedUsers(sdk::Database& db);

}  // namespace tabhost::core
