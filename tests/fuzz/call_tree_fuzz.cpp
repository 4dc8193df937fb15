// checkCallTree judges the call trees a company's admins send. Input: one
// byte for the depth limit, then the tree as JSON. An accepted tree is
// rewritten in canonical form, which must itself be accepted unchanged.
#include <cstdint>
#include <string>

#include "core/json/JsonCodec.hpp"
#include "plugins/companies/src/CallTree.hpp"
#include "tabhost/sdk/error.hpp"
#include "FuzzCheck.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace tabhost;
  if (size == 0) return 0;
  const int maxDepth = data[0] % 8 + 1;  // the setting's range, 1..8
  sdk::Json tree;
  try {
    tree = core::parseJsonText(std::string(reinterpret_cast<const char*>(data) + 1, size - 1));
  } catch (const sdk::Error&) {
    return 0;
  }
  if (companies::checkCallTree(tree, maxDepth)) return 0;
  const std::string canonical = core::toJsonText(tree);
  fuzzCheck(!companies::checkCallTree(tree, maxDepth), "a canonical tree is accepted");
  fuzzCheck(core::toJsonText(tree) == canonical, "the canonical form is a fixed point");
  return 0;
}
