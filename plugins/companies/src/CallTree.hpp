// A company's call tree (IVR): named menus of keypad options, each option
// opening another menu, transferring to a number, joining a queue or
// hanging up.
//
//   {"root": "main",
//    "menus": {"main":  {"prompt": "Welcome to Acme",
//                        "options": [{"digit": "1", "label": "Sales", "action": "submenu", "menu": "sales"},
//                                    {"digit": "0", "label": "Operator", "action": "transfer",
//                                     "number": "+14155550100"}]},
//              "sales": {"options": [{"digit": "1", "label": "Wait", "action": "queue", "queue": "sales"},
//                                    {"digit": "9", "label": "Bye", "action": "hangup"}]}}}
//
// Menus refer to each other by name, so a tree could loop back on itself:
// a cycle, a menu that cannot be reached, a digit used twice in a menu and
// nesting deeper than allowed are all refused.
#pragma once

#include <optional>
#include <string>

#include <tabhost/sdk/sdk.hpp>

namespace companies {

/// Why a call tree is refused: where in it (e.g.
/// "menus.sales.options[1].digit") and what is wrong.
struct CallTreeProblem {
  std::string where;
  std::string message;
};

/// Checks `tree` and, when it is acceptable, rewrites it in its canonical
/// form (keys in a fixed order, nothing unknown) so that equal trees have
/// equal text. `maxDepth`: the deepest menu nesting, the root being 1.
std::optional<CallTreeProblem> checkCallTree(tabhost::sdk::Json& tree, int maxDepth);

}  // namespace companies
