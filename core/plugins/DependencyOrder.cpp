#include "core/plugins/DependencyOrder.hpp"

#include <algorithm>
#include <set>

namespace tabhost::core {

namespace {
// Follows unplaced dependencies from `start` until one repeats: that loop is
// the cycle to name in the message.
std::string describeCycle(const std::string& start, const std::map<std::string, const DependencyNode*>& unplaced) {
  std::vector<std::string> path{start};
  std::string current = start;
  while (true) {
    const DependencyNode* node = unplaced.at(current);
    auto next = std::find_if(node->dependsOn.begin(), node->dependsOn.end(),
                             [&](const std::string& dep) { return unplaced.count(dep) > 0; });
    current = *next;
    auto seen = std::find(path.begin(), path.end(), current);
    if (seen != path.end()) {
      std::string text;
      for (auto it = seen; it != path.end(); ++it) text += *it + " -> ";
      return text + current;
    }
    path.push_back(current);
  }
}
}  // namespace

StartPlan planStartOrder(const std::vector<DependencyNode>& nodes,
                         const std::map<std::string, std::string>& refusedUpFront) {
  StartPlan plan;
  plan.refused = refusedUpFront;
  std::set<std::string> known;
  for (const auto& n : nodes) known.insert(n.id);

  // Refusal spreads to dependents until nothing changes.
  for (bool changed = true; changed;) {
    changed = false;
    for (const auto& n : nodes) {
      if (plan.refused.count(n.id)) continue;
      for (const auto& dep : n.dependsOn) {
        if (!known.count(dep)) {
          plan.refused[n.id] = "missing dependency '" + dep + "'";
        } else if (plan.refused.count(dep)) {
          plan.refused[n.id] = "dependency '" + dep + "' was refused";
        } else {
          continue;
        }
        changed = true;
        break;
      }
    }
  }

  std::map<std::string, const DependencyNode*> unplaced;
  for (const auto& n : nodes)
    if (!plan.refused.count(n.id)) unplaced[n.id] = &n;
  std::set<std::string> placed;
  for (bool progress = true; progress && !unplaced.empty();) {
    progress = false;
    for (const auto& n : nodes) {
      if (!unplaced.count(n.id)) continue;
      bool ready = std::all_of(n.dependsOn.begin(), n.dependsOn.end(),
                               [&](const std::string& dep) { return placed.count(dep) > 0; });
      if (!ready) continue;
      plan.order.push_back(n.id);
      placed.insert(n.id);
      unplaced.erase(n.id);
      progress = true;
    }
  }
  // Whatever is left waits on a cycle, directly or through a dependency.
  for (const auto& [id, node] : unplaced) plan.refused[id] = "dependency cycle: " + describeCycle(id, unplaced);
  return plan;
}

}  // namespace tabhost::core
