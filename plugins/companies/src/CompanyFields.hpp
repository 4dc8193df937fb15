// A company's editable fields: one table that the JSON API, the CSV import
// and export and the database all read, so that a field is checked the same
// way wherever it comes from and export → import gives back what it read.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include <tabhost/sdk/sdk.hpp>

namespace companies {

/// How a field's text is checked (and normalised).
enum class FieldKind { Text, LongText, Domain, Status, Url, Email, Phone, Country, Size, CallTree, Flag };

struct FieldSpec {
  /// Column name in the database and the CSV, key in JSON (address fields
  /// sit under "address" in JSON without their prefix).
  const char* name;
  FieldKind kind;
  /// Longest text accepted, in bytes.
  std::size_t maxBytes;
  bool required;
};

inline constexpr std::size_t kFieldCount = 18;
inline constexpr std::array<FieldSpec, kFieldCount> kFields{{
    {"name", FieldKind::Text, 200, true},
    {"domain", FieldKind::Domain, 253, true},
    {"status", FieldKind::Status, 16, false},
    {"logo_url", FieldKind::Url, 2048, false},
    {"description", FieldKind::LongText, 4000, false},
    {"industry", FieldKind::Text, 100, false},
    {"website", FieldKind::Url, 2048, false},
    {"support_email", FieldKind::Email, 254, false},
    {"support_phone", FieldKind::Phone, 16, false},
    {"support_hours", FieldKind::Text, 200, false},
    {"street", FieldKind::Text, 200, false},
    {"city", FieldKind::Text, 100, false},
    {"region", FieldKind::Text, 100, false},
    {"postal_code", FieldKind::Text, 20, false},
    {"country", FieldKind::Country, 2, false},
    {"size", FieldKind::Size, 16, false},
    {"call_tree", FieldKind::CallTree, 65536, false},
    {"call_tree_verified", FieldKind::Flag, 5, false},
}};

/// Index of a field in kFields.
enum Field : std::size_t {
  kName, kDomain, kStatus, kLogoUrl, kDescription, kIndustry, kWebsite, kSupportEmail, kSupportPhone,
  kSupportHours, kStreet, kCity, kRegion, kPostalCode, kCountry, kSize, kCallTree, kCallTreeVerified
};

/// The index of the field called `name`, or nullopt.
std::optional<std::size_t> fieldIndex(std::string_view name);

/// Whether the field sits under "address" in JSON.
bool isAddressField(std::size_t index);

/// Every field as text, the CSV's form: "" for none, the call tree as
/// compact JSON, the flag as "true" or "false".
using CompanyText = std::array<std::string, kFieldCount>;

/// What the checks need beyond the value.
struct FieldRules {
  /// Parses and writes call trees' JSON.
  tabhost::sdk::RequestContext& ctx;
  /// Deepest nesting of call-tree menus (the root is depth 1).
  int callTreeMaxDepth = 5;
};

/// Checks and normalises `value` for field `index` in place (trims
/// single-line text, lower-cases domains, rewrites a call tree as compact
/// JSON). Returns why it is unacceptable, or nullopt; `where` receives the
/// path within the field when the problem is inside a call tree.
std::optional<std::string> fieldProblem(std::size_t index, std::string& value, const FieldRules& rules,
                                        std::string* where = nullptr);

/// A company's fields from a JSON body (POST: every field; PATCH: those
/// present, with `present` marking them). 400 for a wrong JSON type, 422
/// for an unacceptable value, naming the field.
CompanyText companyFromJson(const tabhost::sdk::Json& body, const FieldRules& rules,
                            std::array<bool, kFieldCount>& present);

/// A database row's fields as text.
CompanyText companyFromRow(const tabhost::sdk::Json& row);

/// A changed call tree has not been checked by anyone yet: unless the change
/// sets call_tree_verified itself, it becomes false (and present). For a
/// PATCH and an import's update alike.
void unverifyChangedCallTree(const CompanyText& before, CompanyText& after, std::array<bool, kFieldCount>& present);

/// The flag column as stored (an integer, 0 or not; null reads as false).
inline bool storedFlag(const tabhost::sdk::Json& value) { return value.isInt() && value.asInt() != 0; }

}  // namespace companies
