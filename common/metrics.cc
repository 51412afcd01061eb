#include "common/metrics.h"

#include <prometheus/collectable.h>
#include <prometheus/metric_family.h>

#include "common/db/database.h"  // the interface only: this library links no driver

namespace carehub {
namespace {

class PoolCollectable : public prometheus::Collectable {
 public:
  PoolCollectable(const db::Database* db, std::string service) : db_(db), service_(std::move(service)) {}
  std::vector<prometheus::MetricFamily> Collect() const override {
    auto gauge = [&](const char* name, const char* help, int value) {
      prometheus::MetricFamily f;
      f.name = name;
      f.help = help;
      f.type = prometheus::MetricType::Gauge;
      prometheus::ClientMetric m;
      m.label = {{"service", service_}, {"backend", db_->backend() == db::Backend::kMysql ? "mysql" : "sqlite"}};
      m.gauge.value = value;
      f.metric.push_back(m);
      return f;
    };
    return {gauge("carehub_db_pool_in_use", "Database connections lent out", db_->ConnectionsInUse()),
            gauge("carehub_db_pool_max", "Database connection pool bound", db_->MaxConnections())};
  }

 private:
  const db::Database* db_;
  std::string service_;
};

}  // namespace

Metrics::Metrics(const std::string& service) : registry_(std::make_shared<prometheus::Registry>()), service_(service) {
  rpc_total_ = &prometheus::BuildCounter()
                    .Name("carehub_rpc_total")
                    .Help("RPCs handled, by method and gRPC status code")
                    .Labels({{"service", service}})
                    .Register(*registry_);
  rpc_latency_ = &prometheus::BuildHistogram()
                      .Name("carehub_rpc_latency_seconds")
                      .Help("RPC latency, by method")
                      .Labels({{"service", service}})
                      .Register(*registry_);
}

Metrics::~Metrics() = default;

void Metrics::Serve(const std::string& listen) {
  try {
    exposer_ = std::make_unique<prometheus::Exposer>(listen);
  } catch (const std::exception& e) {
    throw std::runtime_error("cannot serve metrics on " + listen + ": " + e.what());
  }
  exposer_->RegisterCollectable(registry_);
  if (pool_) exposer_->RegisterCollectable(pool_);
}

void Metrics::ObserveRpc(std::string_view method, std::string_view code, double seconds) {
  static const prometheus::Histogram::BucketBoundaries kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                                   0.1,    0.25,  0.5,    1,     2.5,  5,     10};
  rpc_total_->Add({{"method", std::string(method)}, {"code", std::string(code)}}).Increment();
  rpc_latency_->Add({{"method", std::string(method)}}, kBuckets).Observe(seconds);
}

void Metrics::SetFigure(const std::string& name, const std::string& help, double value) {
  std::lock_guard lock(figures_mu_);
  auto& gauge = figures_[name];
  if (!gauge) {
    gauge = &prometheus::BuildGauge().Name(name).Help(help).Labels({{"service", service_}}).Register(*registry_).Add({});
  }
  gauge->Set(value);
}

void Metrics::WatchPool(const db::Database* db) {
  pool_ = std::make_shared<PoolCollectable>(db, service_);
  if (exposer_) exposer_->RegisterCollectable(pool_);
}

}  // namespace carehub
