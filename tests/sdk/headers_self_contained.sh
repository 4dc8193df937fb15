#!/usr/bin/env bash
# The SDK's promise to third parties, checked: every public header compiles on
# its own as C++17 (the oldest standard plugins may use) and pulls in nothing
# but the standard library — no Poco, Boost, spdlog or yaml-cpp.
set -euo pipefail
INCLUDE="$1/sdk/include"
CXX="${CXX:-c++}"
status=0
for header in "$INCLUDE"/tabhost/sdk/*.hpp; do
  name="tabhost/sdk/$(basename "$header")"
  if ! echo "#include <$name>" | "$CXX" -std=c++17 -Wall -Wextra -Werror -fsyntax-only -I "$INCLUDE" -x c++ - ; then
    echo "FAIL: $name does not compile on its own as C++17"
    status=1
  fi
  # Every header it pulls in must be the SDK's own or the standard library's.
  foreign=$(echo "#include <$name>" | "$CXX" -std=c++17 -M -I "$INCLUDE" -x c++ - |
            tr ' \\' '\n\n' | grep -E '/(Poco|boost|spdlog|yaml-cpp|fmt)/' || true)
  if [ -n "$foreign" ]; then
    echo "FAIL: $name includes third-party headers: $foreign"
    status=1
  fi
done
[ $status -eq 0 ] && echo "all $(ls "$INCLUDE"/tabhost/sdk/*.hpp | wc -l) SDK headers are self-contained C++17 with no third-party types"
exit $status
