// A configuration error located in a file, printed as file:line:col: message.
#pragma once

#include <string>
#include <vector>

namespace tabhost::core {

struct Diagnostic {
  std::string file;
  /// 1-based; 0 when the error is about the file as a whole.
  int line = 0;
  int column = 0;
  std::string message;

  std::string str() const {
    if (line == 0) return file + ": " + message;
    return file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " + message;
  }
};

using Diagnostics = std::vector<Diagnostic>;

}  // namespace tabhost::core
