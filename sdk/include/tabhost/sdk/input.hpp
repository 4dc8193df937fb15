// Tabhost plugin SDK — reading a JSON request body's fields.
//
// The shape of a body (an object, a string where text belongs) is checked
// here and answered with 400 "invalid_input" naming the field; what the
// values may be is for the plugin to check (and answer with 422).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "tabhost/sdk/error.hpp"
#include "tabhost/sdk/json.hpp"
#include "tabhost/sdk/request.hpp"

namespace tabhost::sdk {

/// The request's body when it is a JSON object; 400 otherwise.
inline const Json& objectBody(const RequestContext& ctx) {
  if (!ctx.body().isObject()) throw Error::badRequest("invalid_input", "the body must be a JSON object");
  return ctx.body();
}

/// A string field; nullopt when absent or null; 400 when another kind.
inline std::optional<std::string> optionalString(const Json& body, const char* field) {
  const Json* value = body.find(field);
  if (!value || value->isNull()) return std::nullopt;
  if (!value->isString()) throw Error::badRequest("invalid_input", std::string(field) + " must be a string", field);
  return value->asString();
}

/// A string field that must be there; 400 when absent.
inline std::string requiredString(const Json& body, const char* field) {
  auto value = optionalString(body, field);
  if (!value) throw Error::badRequest("invalid_input", std::string(field) + " is required (a string)", field);
  return *value;
}

/// A list of strings; nullopt when absent or null; 400 when not a list of strings.
inline std::optional<std::vector<std::string>> optionalStrings(const Json& body, const char* field) {
  const Json* value = body.find(field);
  if (!value || value->isNull()) return std::nullopt;
  if (!value->isArray()) throw Error::badRequest("invalid_input", std::string(field) + " must be a list", field);
  std::vector<std::string> out;
  for (const auto& item : value->asArray()) {
    if (!item.isString()) throw Error::badRequest("invalid_input", std::string(field) + " must hold strings", field);
    out.push_back(item.asString());
  }
  return out;
}

/// A boolean; `fallback` when absent or null; 400 when another kind.
inline bool optionalBool(const Json& body, const char* field, bool fallback) {
  const Json* value = body.find(field);
  if (!value || value->isNull()) return fallback;
  if (!value->isBool()) throw Error::badRequest("invalid_input", std::string(field) + " must be true or false", field);
  return value->asBool();
}

}  // namespace tabhost::sdk
