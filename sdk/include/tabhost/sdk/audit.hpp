// Tabhost plugin SDK — the audit log.
//
// The host appends one route-level entry for every mutating request, in the
// request's transaction. A plugin adds what only it knows — the target and the
// field-level before→after changes — through Audit::record. If the audit write
// fails, the whole request fails: there is no write without its record.
#pragma once

#include <string_view>

#include "tabhost/sdk/json.hpp"

namespace tabhost::sdk {

/// Records audit entries for the current request (actor, tenant and request
/// id are filled in by the host).
class Audit {
 public:
  virtual ~Audit() = default;
  /// Appends an entry. `action` must be one the plugin declared with
  /// Registrar::auditAction (e.g. "hello.greeting.create"); `details` is a
  /// JSON object, e.g. {"changes": {"name": ["old", "new"]}}. Never put a
  /// secret in it.
  virtual void record(std::string_view action, std::string_view targetType,
                      std::string_view targetId, const Json& details = Json()) = 0;
};

}  // namespace tabhost::sdk
