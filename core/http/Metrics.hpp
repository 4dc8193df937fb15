// Prometheus metrics: requests by route and status, a latency histogram per
// route, and gauges the runtime supplies (plugins loaded, config generation).
//
// Lock-free on the request path: the set of route labels is fixed when the
// host starts, so each has its own block of atomic counters.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

namespace tabhost::core {

class Metrics {
 public:
  /// `labels` are every route label a request can be observed under
  /// ("GET /hello", "unmatched", "/healthz", ...).
  explicit Metrics(const std::vector<std::string>& labels);

  /// Index of `label` for observe(); the "unmatched" slot when unknown.
  std::size_t slot(const std::string& label) const;
  /// Records one request.
  void observe(std::size_t slot, int status, double seconds);

  /// The text exposition format, with `gauges` (name, help, value) appended.
  std::string render(const std::vector<std::tuple<std::string, std::string, double>>& gauges) const;

 private:
  static constexpr std::array<double, 12> kBuckets{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                   0.05,   0.1,   0.25,   0.5,   1.0,  2.5};
  // HTTP statuses are 100..599; one counter each keeps observe() a single add.
  static constexpr int kFirstStatus = 100;
  static constexpr int kStatuses = 500;
  struct Series {
    std::string label;
    std::array<std::atomic<std::uint64_t>, kStatuses> byStatus{};
    std::array<std::atomic<std::uint64_t>, kBuckets.size()> buckets{};
    std::atomic<std::uint64_t> count{0};
    std::atomic<std::uint64_t> sumMicroseconds{0};
  };

  std::vector<std::unique_ptr<Series>> series_;
  std::unordered_map<std::string, std::size_t> slots_;
};

}  // namespace tabhost::core
