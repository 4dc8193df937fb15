#include "CompanyFields.hpp"

#include "CallTree.hpp"

namespace companies {

namespace {

using tabhost::sdk::Error;
using tabhost::sdk::Json;

constexpr std::string_view kSizeBands[] = {"1-10",      "11-50",      "51-200", "201-500",
                                           "501-1000",  "1001-5000",  "5001-10000", "10001+"};

void trim(std::string& value) {
  const auto begin = value.find_first_not_of(" \t");
  if (begin == std::string::npos) {
    value.clear();
    return;
  }
  value = value.substr(begin, value.find_last_not_of(" \t") - begin + 1);
}

bool isWholeNumber(std::string_view text) {
  if (text.empty() || text.size() > 9 || text[0] == '0') return false;
  for (char c : text)
    if (c < '0' || c > '9') return false;
  return true;
}

std::optional<std::string> sizeProblem(const std::string& value) {
  for (auto band : kSizeBands)
    if (value == band) return std::nullopt;
  if (isWholeNumber(value)) return std::nullopt;
  return "size must be an employee count (e.g. 250) or a band: 1-10, 11-50, 51-200, 201-500, 501-1000, 1001-5000, "
         "5001-10000, 10001+";
}

std::optional<std::string> callTreeProblem(std::string& value, const FieldRules& rules, std::string* where) {
  Json tree;
  try {
    tree = rules.ctx.parseJson(value);
  } catch (const Error&) {
    return "call_tree is not valid JSON";
  }
  if (tree.isNull()) {
    value.clear();
    return std::nullopt;
  }
  if (auto problem = checkCallTree(tree, rules.callTreeMaxDepth)) {
    if (where) *where = problem->where;
    return problem->where.empty() ? problem->message : problem->where + ": " + problem->message;
  }
  value = rules.ctx.jsonText(tree);
  return std::nullopt;
}

}  // namespace

std::optional<std::size_t> fieldIndex(std::string_view name) {
  for (std::size_t i = 0; i < kFields.size(); ++i)
    if (name == kFields[i].name) return i;
  return std::nullopt;
}

bool isAddressField(std::size_t index) { return index >= kStreet && index <= kCountry; }

std::optional<std::string> fieldProblem(std::size_t index, std::string& value, const FieldRules& rules,
                                        std::string* where) {
  const FieldSpec& spec = kFields[index];
  const std::string name = spec.name;
  if (!tabhost::sdk::isUtf8(value)) return name + " is not valid UTF-8";
  if (spec.kind != FieldKind::LongText && spec.kind != FieldKind::CallTree) trim(value);
  if (value.empty()) {
    if (spec.required) return name + " is required";
    if (spec.kind == FieldKind::Flag) value = "false";  // as the database reads it back
    return std::nullopt;
  }
  if (value.size() > spec.maxBytes) return name + " is over " + std::to_string(spec.maxBytes) + " bytes";
  if (spec.kind != FieldKind::LongText && spec.kind != FieldKind::CallTree &&
      tabhost::sdk::hasControlCharacter(value))
    return name + " has control characters (line breaks belong only in description)";
  switch (spec.kind) {
    case FieldKind::Text:
      return std::nullopt;
    case FieldKind::LongText:
      for (char c : value)
        if ((static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == 0x7f)
          return name + " has control characters";
      return std::nullopt;
    case FieldKind::Domain:
      for (auto& c : value)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (!tabhost::sdk::isDomainName(value)) return name + " must be a domain name such as acme.example";
      return std::nullopt;
    case FieldKind::Status:
      if (value != "pending" && value != "verified" && value != "rejected")
        return name + " must be pending, verified or rejected";
      return std::nullopt;
    case FieldKind::Url:
      if (!tabhost::sdk::isHttpUrl(value)) return name + " must be an http:// or https:// URL";
      return std::nullopt;
    case FieldKind::Email:
      if (!tabhost::sdk::isEmail(value)) return name + " must be an email address";
      return std::nullopt;
    case FieldKind::Phone:
      if (!tabhost::sdk::isE164(value)) return name + " must be in E.164 form, e.g. +14155550100";
      return std::nullopt;
    case FieldKind::Country:
      if (!tabhost::sdk::isCountryCode(value)) return name + " must be a 2-letter country code such as DE";
      return std::nullopt;
    case FieldKind::Size:
      return sizeProblem(value);
    case FieldKind::CallTree:
      return callTreeProblem(value, rules, where);
    case FieldKind::Flag:
      if (value != "true" && value != "false") return name + " must be true or false";
      return std::nullopt;
  }
  return std::nullopt;
}

namespace {

// A JSON value as the field's text; 400 for the wrong JSON type.
std::string textOf(std::size_t index, const Json& value, const FieldRules& rules) {
  const FieldSpec& spec = kFields[index];
  if (value.isNull()) return {};
  if (spec.kind == FieldKind::CallTree) return rules.ctx.jsonText(value);
  if (spec.kind == FieldKind::Flag) {
    if (!value.isBool()) throw Error::badRequest("invalid_input", std::string(spec.name) + " must be true or false", spec.name);
    return value.asBool() ? "true" : "false";
  }
  if (spec.kind == FieldKind::Size && value.isInt()) return std::to_string(value.asInt());
  if (!value.isString()) throw Error::badRequest("invalid_input", std::string(spec.name) + " must be a string", spec.name);
  return value.asString();
}

}  // namespace

CompanyText companyFromJson(const Json& body, const FieldRules& rules, std::array<bool, kFieldCount>& present) {
  if (!body.isObject()) throw Error::badRequest("invalid_input", "the body must be a JSON object");
  const Json* address = body.find("address");
  if (address && !address->isNull() && !address->isObject())
    throw Error::badRequest("invalid_input", "address must be an object", "address");
  for (const auto& [key, value] : body.asObject()) {
    const auto index = fieldIndex(key);
    if (key != "address" && (!index || isAddressField(*index)))
      throw Error::badRequest("unknown_field", "unknown field '" + key + "'", key);
  }
  if (address && address->isObject())
    for (const auto& [key, value] : address->asObject()) {
      const auto index = fieldIndex(key);
      if (!index || !isAddressField(*index))
        throw Error::badRequest("unknown_field", "unknown field 'address." + key + "'", "address." + key);
    }
  CompanyText company;
  for (std::size_t i = 0; i < kFieldCount; ++i) {
    const Json* holder = isAddressField(i) ? address : &body;
    const Json* value = holder && holder->isObject() ? holder->find(kFields[i].name) : nullptr;
    // "address": null clears every address field.
    if (!value && isAddressField(i) && address && address->isNull()) value = address;
    present[i] = value != nullptr;
    if (!value) continue;
    company[i] = textOf(i, *value, rules);
    std::string where;
    if (auto problem = fieldProblem(i, company[i], rules, &where)) {
      std::string field = isAddressField(i) ? std::string("address.") + kFields[i].name : kFields[i].name;
      if (!where.empty()) field += "." + where;
      throw Error::unprocessable("invalid_field", *problem, field);
    }
  }
  return company;
}

CompanyText companyFromRow(const Json& row) {
  CompanyText company;
  for (std::size_t i = 0; i < kFieldCount; ++i) {
    const Json* value = row.find(kFields[i].name);
    if (!value || value->isNull()) continue;
    if (kFields[i].kind == FieldKind::Flag) company[i] = storedFlag(*value) ? "true" : "false";
    else company[i] = value->asString();
  }
  return company;
}

void unverifyChangedCallTree(const CompanyText& before, CompanyText& after, std::array<bool, kFieldCount>& present) {
  if (!present[kCallTree] || after[kCallTree] == before[kCallTree] || present[kCallTreeVerified]) return;
  after[kCallTreeVerified] = "false";
  present[kCallTreeVerified] = true;
}

}  // namespace companies
