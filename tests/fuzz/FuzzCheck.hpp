// A property a fuzz target asserts about the code under test. Failing one
// aborts, which libFuzzer and the corpus replay both report as a crash
// with the input that caused it.
#pragma once

#include <cstdio>
#include <cstdlib>

inline void fuzzCheck(bool holds, const char* property) {
  if (holds) return;
  std::fprintf(stderr, "fuzz property broken: %s\n", property);
  std::abort();
}
