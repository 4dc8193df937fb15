#include "core/http/Metrics.hpp"

#include <sstream>

namespace tabhost::core {

void Metrics::observe(const std::string& route, int status, double seconds) {
  std::lock_guard lock(mutex_);
  ++requests_[{route, status}];
  Histogram& h = latency_[route];
  for (std::size_t i = 0; i < kBuckets.size(); ++i)
    if (seconds <= kBuckets[i]) ++h.buckets[i];
  ++h.count;
  h.sum += seconds;
}

std::string Metrics::render(const std::vector<std::tuple<std::string, std::string, double>>& gauges) const {
  std::ostringstream out;
  std::lock_guard lock(mutex_);
  out << "# HELP tabhost_http_requests_total HTTP requests by route and status.\n"
         "# TYPE tabhost_http_requests_total counter\n";
  for (const auto& [key, count] : requests_)
    out << "tabhost_http_requests_total{route=\"" << key.first << "\",status=\"" << key.second << "\"} " << count
        << '\n';
  out << "# HELP tabhost_http_request_duration_seconds Request latency by route.\n"
         "# TYPE tabhost_http_request_duration_seconds histogram\n";
  for (const auto& [route, h] : latency_) {
    for (std::size_t i = 0; i < kBuckets.size(); ++i)
      out << "tabhost_http_request_duration_seconds_bucket{route=\"" << route << "\",le=\"" << kBuckets[i] << "\"} "
          << h.buckets[i] << '\n';
    out << "tabhost_http_request_duration_seconds_bucket{route=\"" << route << "\",le=\"+Inf\"} " << h.count << '\n'
        << "tabhost_http_request_duration_seconds_sum{route=\"" << route << "\"} " << h.sum << '\n'
        << "tabhost_http_request_duration_seconds_count{route=\"" << route << "\"} " << h.count << '\n';
  }
  for (const auto& [name, help, value] : gauges)
    out << "# HELP " << name << ' ' << help << "\n# TYPE " << name << " gauge\n" << name << ' ' << value << '\n';
  return out.str();
}

}  // namespace tabhost::core
