#include "core/http/Metrics.hpp"

#include <sstream>

namespace tabhost::core {

Metrics::Metrics(const std::vector<std::string>& labels) {
  auto add = [this](const std::string& label) {
    if (slots_.count(label)) return;
    slots_[label] = series_.size();
    series_.push_back(std::make_unique<Series>());
    series_.back()->label = label;
  };
  add("unmatched");
  for (const auto& label : labels) add(label);
}

std::size_t Metrics::slot(const std::string& label) const {
  auto it = slots_.find(label);
  return it == slots_.end() ? 0 : it->second;
}

void Metrics::observe(std::size_t slot, int status, double seconds) {
  Series& s = *series_[slot];
  if (status >= kFirstStatus && status < kFirstStatus + kStatuses)
    s.byStatus[status - kFirstStatus].fetch_add(1, std::memory_order_relaxed);
  for (std::size_t i = 0; i < kBuckets.size(); ++i)
    if (seconds <= kBuckets[i]) s.buckets[i].fetch_add(1, std::memory_order_relaxed);
  s.count.fetch_add(1, std::memory_order_relaxed);
  s.sumMicroseconds.fetch_add(static_cast<std::uint64_t>(seconds * 1e6), std::memory_order_relaxed);
}

std::string Metrics::render(const std::vector<std::tuple<std::string, std::string, double>>& gauges) const {
  std::ostringstream out;
  out << "# HELP tabhost_http_requests_total HTTP requests by route and status.\n"
         "# TYPE tabhost_http_requests_total counter\n";
  for (const auto& s : series_)
    for (int i = 0; i < kStatuses; ++i)
      if (auto n = s->byStatus[i].load(std::memory_order_relaxed))
        out << "tabhost_http_requests_total{route=\"" << s->label << "\",status=\"" << i + kFirstStatus << "\"} "
            << n << '\n';
  out << "# HELP tabhost_http_request_duration_seconds Request latency by route.\n"
         "# TYPE tabhost_http_request_duration_seconds histogram\n";
  for (const auto& s : series_) {
    auto count = s->count.load(std::memory_order_relaxed);
    if (count == 0) continue;
    for (std::size_t i = 0; i < kBuckets.size(); ++i)
      out << "tabhost_http_request_duration_seconds_bucket{route=\"" << s->label << "\",le=\"" << kBuckets[i]
          << "\"} " << s->buckets[i].load(std::memory_order_relaxed) << '\n';
    out << "tabhost_http_request_duration_seconds_bucket{route=\"" << s->label << "\",le=\"+Inf\"} " << count << '\n'
        << "tabhost_http_request_duration_seconds_sum{route=\"" << s->label << "\"} "
        << static_cast<double>(s->sumMicroseconds.load(std::memory_order_relaxed)) / 1e6 << '\n'
        << "tabhost_http_request_duration_seconds_count{route=\"" << s->label << "\"} " << count << '\n';
  }
  for (const auto& [name, help, value] : gauges)
    out << "# HELP " << name << ' ' << help << "\n# TYPE " << name << " gauge\n" << name << ' ' << value << '\n';
  return out.str();
}

}  // namespace tabhost::core
