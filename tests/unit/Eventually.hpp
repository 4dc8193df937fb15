// For tests of threads: wait for a state instead of sleeping a guessed time.
#pragma once

#include <chrono>
#include <thread>

namespace tabhost::core {

/// Polls `done` every millisecond for up to about two seconds; whether it held.
template <class F>
bool eventually(F done) {
  for (int i = 0; i < 2000 && !done(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  return done();
}

}  // namespace tabhost::core
