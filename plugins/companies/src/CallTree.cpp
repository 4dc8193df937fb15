#include "CallTree.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <vector>

namespace companies {

namespace {

using tabhost::sdk::Json;

constexpr std::size_t kMaxMenus = 50;
constexpr std::size_t kMaxOptions = 12;

bool validMenuName(const std::string& name) {
  if (name.empty() || name.size() > 40) return false;
  for (char c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) return false;
  return true;
}

bool validDigit(const std::string& digit) {
  return digit.size() == 1 && ((digit[0] >= '0' && digit[0] <= '9') || digit[0] == '*' || digit[0] == '#');
}

// A string member of 1..maxBytes bytes, or a problem.
std::optional<std::string> text(const Json& object, const char* key, std::size_t maxBytes, bool required,
                                std::string& out) {
  const Json* value = object.find(key);
  if (!value || value->isNull()) {
    if (required) return std::string(key) + " is required";
    return std::nullopt;
  }
  if (!value->isString()) return std::string(key) + " must be a string";
  out = value->asString();
  if (required && out.empty()) return std::string(key) + " is required";
  if (out.size() > maxBytes) return std::string(key) + " is over " + std::to_string(maxBytes) + " bytes";
  if (!tabhost::sdk::isUtf8(out) || tabhost::sdk::hasControlCharacter(out))
    return std::string(key) + " has control characters or is not UTF-8";
  return std::nullopt;
}

std::optional<std::string> unknownKey(const Json& object, std::initializer_list<const char*> known) {
  for (const auto& [key, value] : object.asObject()) {
    bool ok = false;
    for (const char* k : known) ok = ok || key == k;
    if (!ok) return "unknown key '" + key + "'";
  }
  return std::nullopt;
}

struct Checker {
  int maxDepth;
  std::map<std::string, std::vector<std::pair<std::string, std::size_t>>> edges;  // menu → (target, option)

  std::optional<CallTreeProblem> option(const std::string& menu, std::size_t i, Json& option,
                                        std::set<std::string>& digits, const Json& menus) {
    const std::string at = "menus." + menu + ".options[" + std::to_string(i) + "]";
    if (!option.isObject()) return CallTreeProblem{at, "an option must be an object"};
    std::string digit, label, action, target;
    if (auto p = text(option, "digit", 1, true, digit)) return CallTreeProblem{at + ".digit", *p};
    if (!validDigit(digit)) return CallTreeProblem{at + ".digit", "digit must be one of 0-9, * or #"};
    if (!digits.insert(digit).second)
      return CallTreeProblem{at + ".digit", "digit " + digit + " is used twice in menu '" + menu + "'"};
    if (auto p = text(option, "label", 100, true, label)) return CallTreeProblem{at + ".label", *p};
    if (auto p = text(option, "action", 16, true, action)) return CallTreeProblem{at + ".action", *p};
    Json canonical = Json::object({{"digit", digit}, {"label", label}, {"action", action}});
    if (action == "submenu") {
      if (auto p = unknownKey(option, {"digit", "label", "action", "menu"})) return CallTreeProblem{at, *p};
      if (auto p = text(option, "menu", 40, true, target)) return CallTreeProblem{at + ".menu", *p};
      if (!menus.find(target)) return CallTreeProblem{at + ".menu", "there is no menu '" + target + "'"};
      edges[menu].emplace_back(target, i);
      canonical["menu"] = target;
    } else if (action == "transfer") {
      if (auto p = unknownKey(option, {"digit", "label", "action", "number"})) return CallTreeProblem{at, *p};
      if (auto p = text(option, "number", 16, true, target)) return CallTreeProblem{at + ".number", *p};
      if (!tabhost::sdk::isE164(target))
        return CallTreeProblem{at + ".number", "number must be in E.164 form, e.g. +14155550100"};
      canonical["number"] = target;
    } else if (action == "queue") {
      if (auto p = unknownKey(option, {"digit", "label", "action", "queue"})) return CallTreeProblem{at, *p};
      if (auto p = text(option, "queue", 64, true, target)) return CallTreeProblem{at + ".queue", *p};
      canonical["queue"] = target;
    } else if (action == "hangup") {
      if (auto p = unknownKey(option, {"digit", "label", "action"})) return CallTreeProblem{at, *p};
    } else {
      return CallTreeProblem{at + ".action", "action must be submenu, transfer, queue or hangup"};
    }
    option = std::move(canonical);
    return std::nullopt;
  }

  // Depth-first from the root: a menu met again on the current path is a
  // cycle. Each menu's height (1 + its deepest submenu's) is kept once
  // worked out, so shared submenus are walked once.
  std::map<std::string, int> heights;

  std::optional<CallTreeProblem> walk(const std::string& menu, std::vector<std::string>& path, int& height) {
    if (auto known = heights.find(menu); known != heights.end()) {
      height = known->second;
      return std::nullopt;
    }
    path.push_back(menu);
    height = 1;
    for (const auto& [target, i] : edges[menu]) {
      const std::string at = "menus." + menu + ".options[" + std::to_string(i) + "].menu";
      if (std::find(path.begin(), path.end(), target) != path.end()) {
        std::string loop;
        for (auto it = std::find(path.begin(), path.end(), target); it != path.end(); ++it) loop += *it + " → ";
        return CallTreeProblem{at, "submenu '" + target + "' makes a cycle: " + loop + target};
      }
      int below = 0;
      if (auto p = walk(target, path, below)) return p;
      if (static_cast<int>(path.size()) + below > maxDepth)
        return CallTreeProblem{at, "menus nest deeper than " + std::to_string(maxDepth) + " levels"};
      height = std::max(height, below + 1);
    }
    path.pop_back();
    heights[menu] = height;
    return std::nullopt;
  }
};

}  // namespace

std::optional<CallTreeProblem> checkCallTree(Json& tree, int maxDepth) {
  if (!tree.isObject()) return CallTreeProblem{"", "a call tree must be a JSON object with root and menus"};
  if (auto p = unknownKey(tree, {"root", "menus"})) return CallTreeProblem{"", *p};
  std::string root;
  if (auto p = text(tree, "root", 40, true, root)) return CallTreeProblem{"root", *p};
  Json* menus = nullptr;
  for (auto& [key, value] : tree.asObject())
    if (key == "menus") menus = &value;
  if (!menus || !menus->isObject() || menus->size() == 0)
    return CallTreeProblem{"menus", "menus must be an object of at least one named menu"};
  if (menus->size() > kMaxMenus) return CallTreeProblem{"menus", "at most " + std::to_string(kMaxMenus) + " menus"};
  if (!menus->find(root)) return CallTreeProblem{"root", "there is no menu '" + root + "'"};

  Checker checker{maxDepth, {}};
  Json canonicalMenus = Json::object();
  for (auto& [name, menu] : menus->asObject()) {
    const std::string at = "menus." + name;
    if (!validMenuName(name)) return CallTreeProblem{at, "a menu name is 1-40 of a-z, 0-9, '_' and '-'"};
    if (!menu.isObject()) return CallTreeProblem{at, "a menu must be an object"};
    if (auto p = unknownKey(menu, {"prompt", "options"})) return CallTreeProblem{at, *p};
    std::string prompt;
    if (auto p = text(menu, "prompt", 500, false, prompt)) return CallTreeProblem{at + ".prompt", *p};
    Json* options = nullptr;
    for (auto& [key, value] : menu.asObject())
      if (key == "options") options = &value;
    if (!options || !options->isArray() || options->size() == 0 || options->size() > kMaxOptions)
      return CallTreeProblem{at + ".options", "options must be a list of 1 to " + std::to_string(kMaxOptions)};
    std::set<std::string> digits;
    for (std::size_t i = 0; i < options->size(); ++i)
      if (auto p = checker.option(name, i, options->asArray()[i], digits, *menus)) return p;
    Json canonical = Json::object();
    if (!prompt.empty()) canonical["prompt"] = prompt;
    canonical["options"] = std::move(*options);
    canonicalMenus[name] = std::move(canonical);
  }
  std::vector<std::string> path;
  int height = 0;
  if (auto p = checker.walk(root, path, height)) return p;
  for (const auto& [name, menu] : canonicalMenus.asObject())
    if (!checker.heights.count(name)) return CallTreeProblem{"menus." + name, "menu '" + name + "' cannot be reached from the root"};
  tree = Json::object({{"root", root}, {"menus", std::move(canonicalMenus)}});
  return std::nullopt;
}

}  // namespace companies
