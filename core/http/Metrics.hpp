// Prometheus metrics: requests by route and status, a latency histogram per
// route, and gauges the runtime supplies (plugins loaded, config generation).
#pragma once

#include <array>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace tabhost::core {

class Metrics {
 public:
  /// Records one request. `route` is a bounded label ("GET /hello",
  /// "unmatched", ...), never the raw path.
  void observe(const std::string& route, int status, double seconds);

  /// The text exposition format, with `gauges` (name, help, value) appended.
  std::string render(const std::vector<std::tuple<std::string, std::string, double>>& gauges) const;

 private:
  static constexpr std::array<double, 12> kBuckets{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                   0.05,   0.1,   0.25,   0.5,   1.0,  2.5};
  struct Histogram {
    std::array<std::uint64_t, kBuckets.size()> buckets{};
    std::uint64_t count = 0;
    double sum = 0;
  };

  mutable std::mutex mutex_;
  std::map<std::pair<std::string, int>, std::uint64_t> requests_;
  std::map<std::string, Histogram> latency_;
};

}  // namespace tabhost::core
