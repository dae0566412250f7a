#include "http/metrics.hpp"

#include <sstream>

namespace mh::http {

const std::vector<double>& Metrics::buckets() {
  static const std::vector<double> b{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5};
  return b;
}

void Metrics::observe(const std::string& route, const std::string& method, int status,
                      std::chrono::microseconds latency) {
  const double seconds = static_cast<double>(latency.count()) / 1e6;
  std::lock_guard lock(mutex_);
  ++requests_[{route, method, status}];
  for (size_t i = 0; i < buckets().size(); ++i)
    if (seconds <= buckets()[i]) ++bucket_counts_[i];
  ++latency_count_;
  latency_sum_ += seconds;
}

void Metrics::set_open_connections(int n) {
  std::lock_guard lock(mutex_);
  open_connections_ = n;
}

namespace {
std::string escape_label(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\') out.push_back('\\');
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out.push_back(c);
  }
  return out;
}
}  // namespace

std::string Metrics::render(long long store_failures, std::optional<long long> sqlite_heap_bytes) const {
  std::lock_guard lock(mutex_);
  std::ostringstream out;
  out << "# HELP mentorhub_http_requests_total HTTP requests by route pattern, method and status.\n"
      << "# TYPE mentorhub_http_requests_total counter\n";
  for (const auto& [key, n] : requests_)
    out << "mentorhub_http_requests_total{route=\"" << escape_label(std::get<0>(key)) << "\",method=\""
        << escape_label(std::get<1>(key)) << "\",status=\"" << std::get<2>(key) << "\"} " << n << "\n";
  out << "# HELP mentorhub_http_request_duration_seconds Time from request read to response ready.\n"
      << "# TYPE mentorhub_http_request_duration_seconds histogram\n";
  for (size_t i = 0; i < buckets().size(); ++i)
    out << "mentorhub_http_request_duration_seconds_bucket{le=\"" << buckets()[i] << "\"} " << bucket_counts_[i]
        << "\n";
  out << "mentorhub_http_request_duration_seconds_bucket{le=\"+Inf\"} " << latency_count_ << "\n"
      << "mentorhub_http_request_duration_seconds_sum " << latency_sum_ << "\n"
      << "mentorhub_http_request_duration_seconds_count " << latency_count_ << "\n"
      << "# HELP mentorhub_open_connections Open HTTP connections.\n"
      << "# TYPE mentorhub_open_connections gauge\n"
      << "mentorhub_open_connections " << open_connections_ << "\n"
      << "# HELP mentorhub_store_errors_total Database failures (not business errors).\n"
      << "# TYPE mentorhub_store_errors_total counter\n"
      << "mentorhub_store_errors_total " << store_failures << "\n";
  if (sqlite_heap_bytes)
    out << "# HELP mentorhub_sqlite_heap_bytes Heap held by SQLite in this process: page caches and statements.\n"
        << "# TYPE mentorhub_sqlite_heap_bytes gauge\n"
        << "mentorhub_sqlite_heap_bytes " << *sqlite_heap_bytes << "\n";
  return out.str();
}

}  // namespace mh::http
