// Tabhost plugin SDK — a JSON value.
//
// Request bodies arrive as a Json, responses are built from one. The host
// parses and serialises (with Poco); the SDK only defines the value so that no
// third-party JSON library leaks into a plugin's build.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace tabhost::sdk {

/// A JSON value: null, boolean, integer, real, string, array or object.
///
/// Objects keep their members in insertion order (what you build is what the
/// client sees). Accessors that expect a kind (asString(), asInt(), ...) throw
/// std::logic_error when the value is of another kind; use the is*() tests or
/// find() first when the input is not trusted.
class Json {
 public:
  /// Array elements.
  using Array = std::vector<Json>;
  /// Object members, in insertion order.
  using Object = std::vector<std::pair<std::string, Json>>;

  /// null
  Json() = default;
  Json(std::nullptr_t) {}
  Json(bool b) : value_(b) {}
  Json(int i) : value_(static_cast<std::int64_t>(i)) {}
  Json(long i) : value_(static_cast<std::int64_t>(i)) {}
  Json(long long i) : value_(static_cast<std::int64_t>(i)) {}
  Json(unsigned i) : value_(static_cast<std::int64_t>(i)) {}
  Json(double d) : value_(d) {}
  Json(const char* s) : value_(std::string(s)) {}
  Json(std::string_view s) : value_(std::string(s)) {}
  Json(std::string s) : value_(std::move(s)) {}
  Json(Array a) : value_(std::move(a)) {}
  Json(Object o) : value_(std::move(o)) {}

  /// An object from {{"key", value}, ...}. The values are copied (an
  /// initializer list cannot be moved from): build an Object with
  /// emplace_back to move a large value, such as a page of rows, in.
  static Json object(std::initializer_list<std::pair<std::string, Json>> members = {}) {
    return Json(Object(members));
  }
  /// An array from {value, ...}.
  static Json array(std::initializer_list<Json> items = {}) { return Json(Array(items)); }
  /// An array of strings, e.g. a list of permissions or ids.
  static Json strings(const std::vector<std::string>& items) { return Json(Array(items.begin(), items.end())); }

  bool isNull() const { return std::holds_alternative<std::nullptr_t>(value_); }
  bool isBool() const { return std::holds_alternative<bool>(value_); }
  bool isInt() const { return std::holds_alternative<std::int64_t>(value_); }
  /// True for integers and reals.
  bool isNumber() const { return isInt() || std::holds_alternative<double>(value_); }
  bool isString() const { return std::holds_alternative<std::string>(value_); }
  bool isArray() const { return std::holds_alternative<Array>(value_); }
  bool isObject() const { return std::holds_alternative<Object>(value_); }

  bool asBool() const { return get<bool>("a boolean"); }
  std::int64_t asInt() const { return get<std::int64_t>("an integer"); }
  /// Integers widen to double.
  double asDouble() const {
    if (isInt()) return static_cast<double>(std::get<std::int64_t>(value_));
    return get<double>("a number");
  }
  const std::string& asString() const { return get<std::string>("a string"); }
  const Array& asArray() const { return get<Array>("an array"); }
  Array& asArray() { return getMutable<Array>("an array"); }
  const Object& asObject() const { return get<Object>("an object"); }
  Object& asObject() { return getMutable<Object>("an object"); }

  /// The member named `key`, or nullptr when absent or when this is not an object.
  const Json* find(std::string_view key) const {
    if (!isObject()) return nullptr;
    for (const auto& member : std::get<Object>(value_))
      if (member.first == key) return &member.second;
    return nullptr;
  }

  /// The string member named `key`, or "" when absent, not a string, or
  /// when this is not an object.
  std::string stringAt(std::string_view key) const {
    const Json* value = find(key);
    return value && value->isString() ? value->asString() : std::string();
  }

  /// Object member access; a null value becomes an empty object and a missing
  /// member is appended (as with std::map::operator[]).
  Json& operator[](std::string_view key) {
    if (isNull()) value_ = Object{};
    auto& members = getMutable<Object>("an object");
    for (auto& member : members)
      if (member.first == key) return member.second;
    members.emplace_back(std::string(key), Json());
    return members.back().second;
  }

  /// Appends to an array; a null value becomes an empty array first.
  void push_back(Json item) {
    if (isNull()) value_ = Array{};
    getMutable<Array>("an array").push_back(std::move(item));
  }

  /// Number of elements (array) or members (object); 0 otherwise.
  std::size_t size() const {
    if (isArray()) return std::get<Array>(value_).size();
    if (isObject()) return std::get<Object>(value_).size();
    return 0;
  }

  friend bool operator==(const Json& a, const Json& b) { return a.value_ == b.value_; }
  friend bool operator!=(const Json& a, const Json& b) { return !(a == b); }

 private:
  template <class T>
  const T& get(const char* expected) const {
    if (const T* p = std::get_if<T>(&value_)) return *p;
    throwKind(expected);
  }
  template <class T>
  T& getMutable(const char* expected) {
    if (T* p = std::get_if<T>(&value_)) return *p;
    throwKind(expected);
  }
  [[noreturn]] static void throwKind(const char* expected) {
    throw std::logic_error(std::string("JSON value is not ") + expected);
  }

  std::variant<std::nullptr_t, bool, std::int64_t, double, std::string, Array, Object> value_;
};

}  // namespace tabhost::sdk

