// Tabhost plugin SDK — the audit log.
//
// The host appends one route-level entry for every mutating request, in the
// request's transaction. A plugin adds what only it knows — the target and the
// field-level before→after changes — through Audit::record. If the audit write
// fails, the whole request fails: there is no write without its record.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "tabhost/sdk/json.hpp"

namespace tabhost::sdk {

/// One field's change, before → after. Personal data (names, emails,
/// phones) belongs here rather than in metadata: the host keeps changes
/// outside the hash chain (which holds a salted commitment to them), so that
/// erasing a deleted user's data does not break the chain's verification.
struct Change {
  std::string field;
  Json before;
  Json after;
  /// A secret field: recorded as changed, its values never stored.
  bool secret = false;
};

/// The changes of members `fields` from object `before` to object `after`,
/// in that order (an absent member reads as null): a record's edit audited
/// field by field.
inline std::vector<Change> changedMembers(const Json& before, const Json& after,
                                          std::initializer_list<const char*> fields) {
  std::vector<Change> changes;
  for (const char* field : fields) {
    const Json* was = before.find(field);
    const Json* is = after.find(field);
    Json wasValue = was ? *was : Json();
    Json isValue = is ? *is : Json();
    if (wasValue != isValue) changes.push_back({field, std::move(wasValue), std::move(isValue)});
  }
  return changes;
}

/// Records audit entries for the current request (actor, tenant, request id,
/// client address and user agent are filled in by the host).
class Audit {
 public:
  virtual ~Audit() = default;
  /// Appends an entry. `action` must be one the plugin declared with
  /// Registrar::auditAction (e.g. "hello.greeting.create"); `metadata` is a
  /// JSON object of facts about the action (no personal data, never a
  /// secret); `changes` the field-level diffs.
  virtual void recordChanges(std::string_view action, std::string_view targetType, std::string_view targetId,
                             const Json& metadata, const std::vector<Change>& changes) = 0;
  /// An entry without field changes.
  void record(std::string_view action, std::string_view targetType, std::string_view targetId,
              const Json& metadata = Json()) {
    recordChanges(action, targetType, targetId, metadata, {});
  }
};

}  // namespace tabhost::sdk
