// Orders plugins so that each starts after the plugins it depends on.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace tabhost::core {

struct DependencyNode {
  std::string id;
  std::vector<std::string> dependsOn;
};

struct StartPlan {
  /// Ids in start order (dependencies first; otherwise the input order).
  std::vector<std::string> order;
  /// Ids that must not start, with the reason.
  std::map<std::string, std::string> refused;
};

/// Plans the start order. A missing dependency, a cycle, or a dependency that
/// is itself refused (including the ones in `refusedUpFront`) refuses the
/// plugin — and, transitively, its dependents — but never the others.
StartPlan planStartOrder(const std::vector<DependencyNode>& nodes,
                         const std::map<std::string, std::string>& refusedUpFront = {});

}  // namespace tabhost::core
