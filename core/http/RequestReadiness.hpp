// Whether the bytes a connection has received so far make a request a
// worker can serve without waiting on the client: its whole head, and its
// body (or the first kBodyHandOffBytes of a longer one). Read from a peek
// at the socket, so nothing is consumed: the worker's parser reads the same
// bytes. A connection whose request is not ready holds no thread.
#pragma once

#include <cstddef>
#include <string_view>

namespace tabhost::core {

/// A head longer than this is handed on as it is: the parser refuses it.
inline constexpr std::size_t kMaxHeadBytes = 64 * 1024;
/// Bodies are waited for up to this much; past it the route reads the rest
/// as it arrives (uploads, imports). Small enough to sit in a socket's
/// receive buffer whole, so a peek can see it.
inline constexpr std::size_t kBodyHandOffBytes = 16 * 1024;

struct Readiness {
  bool ready = false;
  /// The head is complete and asks for "100 Continue" before the body.
  bool expectsContinue = false;
};

Readiness requestReadiness(std::string_view received);

}  // namespace tabhost::core
