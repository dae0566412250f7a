// Counters for /metrics in the Prometheus text format: requests by route pattern, method and
// status, a latency histogram, open connections, and store failures (read at render time).
// Beast-free. All methods are thread-safe (one mutex; the counters are tiny).
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

namespace mh::http {

class Metrics {
 public:
  void observe(const std::string& route, const std::string& method, int status, std::chrono::microseconds latency);
  void set_open_connections(int n);
  // `sqlite_heap_bytes`, when the store is SQLite, is reported as a gauge.
  std::string render(long long store_failures, std::optional<long long> sqlite_heap_bytes = std::nullopt) const;

 private:
  static const std::vector<double>& buckets();
  mutable std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, int>, long long> requests_;
  std::vector<long long> bucket_counts_ = std::vector<long long>(buckets().size(), 0);
  long long latency_count_ = 0;
  double latency_sum_ = 0;
  int open_connections_ = 0;
};

}  // namespace mh::http
