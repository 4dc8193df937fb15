// Applies registered migrations to one tenant database, each once, each in
// its own transaction, recorded with a checksum so an edited migration that
// was already applied is caught instead of silently diverging.
#pragma once

#include <string>
#include <vector>

#include <Poco/Data/Session.h>

#include "core/plugins/Registry.hpp"

namespace tabhost::core {

/// Applies what is missing, in the order given (host first, then plugins in
/// start order, each by version). Throws std::runtime_error naming the plugin
/// and version on a failed or changed migration.
void applyMigrations(Poco::Data::Session& session, const std::string& driver,
                     const std::vector<RegisteredMigration>& migrations);

/// Hex SHA-256 of the SQL the driver will run.
std::string migrationChecksum(const std::string& sql);

}  // namespace tabhost::core
