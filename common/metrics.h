#pragma once
// Prometheus metrics for a process: RPC counts by method and code, latency histograms by
// method, database pool use and the service's own domain figures, served as text on an HTTP
// port (prometheus-cpp).
#include <prometheus/counter.h>
#include <prometheus/exposer.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

namespace carehub {

namespace db {
class Database;
}

class Metrics {
 public:
  explicit Metrics(const std::string& service);
  ~Metrics();

  // Serves /metrics on `listen` (host:port). Throws std::runtime_error if it cannot bind.
  void Serve(const std::string& listen);
  void ObserveRpc(std::string_view method, std::string_view code, double seconds);
  // Reports connections in use and the pool bound of `db` at each scrape.
  void WatchPool(const db::Database* db);
  // A figure of the service's own work (a reconciliation's differences, visits overdue),
  // measured by the service every so often: each scrape serves the last value set.
  void SetFigure(const std::string& name, const std::string& help, double value);

  prometheus::Registry& registry() { return *registry_; }

 private:
  std::shared_ptr<prometheus::Registry> registry_;
  prometheus::Family<prometheus::Counter>* rpc_total_;
  prometheus::Family<prometheus::Histogram>* rpc_latency_;
  std::shared_ptr<prometheus::Collectable> pool_;
  std::mutex figures_mu_;
  std::map<std::string, prometheus::Gauge*> figures_;
  std::unique_ptr<prometheus::Exposer> exposer_;
  std::string service_;
};

}  // namespace carehub
