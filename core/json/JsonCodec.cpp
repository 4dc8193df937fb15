#include "core/json/JsonCodec.hpp"

#include <cmath>
#include <cstdio>

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/JSONException.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/ParseHandler.h>
#include <Poco/JSON/Parser.h>

#include "tabhost/sdk/error.hpp"

namespace tabhost::core {

namespace {

// RFC 8259 section 7: only '"', '\\' and control characters must be escaped;
// UTF-8 text passes through as it is (Poco's escaper also escapes '/' and
// every non-ASCII character, which bloats and obscures the output).
void appendString(const std::string& s, std::string& out) {
  static constexpr char hex[] = "0123456789abcdef";
  out += '"';
  std::size_t run = 0;  // start of the pending stretch that needs no escape
  for (std::size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s, run, i - run);
    run = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        out += "\\u00";
        out += hex[c >> 4];
        out += hex[c & 15];
    }
  }
  out.append(s, run, std::string::npos);
  out += '"';
}

sdk::Json fromVar(const Poco::Dynamic::Var& v);

sdk::Json fromObject(const Poco::JSON::Object& object) {
  sdk::Json::Object members;
  // getNames() follows insertion order when the parser preserves it.
  for (const auto& name : object.getNames()) members.emplace_back(name, fromVar(object.get(name)));
  return sdk::Json(std::move(members));
}

sdk::Json fromArray(const Poco::JSON::Array& array) {
  sdk::Json::Array items;
  items.reserve(array.size());
  for (const auto& item : array) items.push_back(fromVar(item));
  return sdk::Json(std::move(items));
}

sdk::Json fromVar(const Poco::Dynamic::Var& v) {
  if (v.isEmpty()) return sdk::Json();
  if (v.type() == typeid(Poco::JSON::Object::Ptr)) return fromObject(*v.extract<Poco::JSON::Object::Ptr>());
  if (v.type() == typeid(Poco::JSON::Array::Ptr)) return fromArray(*v.extract<Poco::JSON::Array::Ptr>());
  if (v.isBoolean()) return sdk::Json(v.convert<bool>());
  if (v.isString()) return sdk::Json(v.convert<std::string>());
  if (v.isInteger()) {
    // Beyond int64 (a large unsigned) degrades to a real, as in JavaScript.
    if (!v.isSigned() && v.convert<Poco::UInt64>() > static_cast<Poco::UInt64>(INT64_MAX))
      return sdk::Json(v.convert<double>());
    return sdk::Json(static_cast<std::int64_t>(v.convert<Poco::Int64>()));
  }
  return sdk::Json(v.convert<double>());
}

}  // namespace

void appendJsonText(const sdk::Json& value, std::string& out) {
  if (value.isNull()) {
    out += "null";
  } else if (value.isBool()) {
    out += value.asBool() ? "true" : "false";
  } else if (value.isInt()) {
    out += std::to_string(value.asInt());
  } else if (value.isNumber()) {
    double d = value.asDouble();
    if (!std::isfinite(d)) {
      out += "null";  // JSON has no NaN or infinity
    } else if (d == 0) {
      out += "0";  // not "-0", which reads back as the integer 0: the text would change on a second trip
    } else {
      char buffer[32];
      std::snprintf(buffer, sizeof buffer, "%.17g", d);
      out += buffer;
    }
  } else if (value.isString()) {
    appendString(value.asString(), out);
  } else if (value.isArray()) {
    out += '[';
    bool first = true;
    for (const auto& item : value.asArray()) {
      if (!first) out += ',';
      first = false;
      appendJsonText(item, out);
    }
    out += ']';
  } else {
    out += '{';
    bool first = true;
    for (const auto& [key, member] : value.asObject()) {
      if (!first) out += ',';
      first = false;
      appendString(key, out);
      out += ':';
      appendJsonText(member, out);
    }
    out += '}';
  }
}

std::string toJsonText(const sdk::Json& value) {
  std::string out;
  appendJsonText(value, out);
  return out;
}

sdk::Json parseJsonText(const std::string& text) {
  try {
    Poco::JSON::Parser parser(new Poco::JSON::ParseHandler(true));
    return fromVar(parser.parse(text));
  } catch (const Poco::Exception& e) {
    throw sdk::Error::badRequest("invalid_json", "request body is not valid JSON: " + e.message());
  }
}

}  // namespace tabhost::core
