// The monitoring shipped in deploy/: Prometheus's alert rules load and fire as their unit tests
// say, the scrape config is valid, and every query of the Grafana dashboard parses (Grafana's
// variables replaced by what they stand for) and reads only metrics CareHub exports.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "tests/support/process.h"
#include "tests/support/temp_dir.h"

namespace carehub::testing {
namespace {

std::string Deploy(const std::string& rel) { return std::string(CAREHUB_SOURCE_DIR) + "/deploy/" + rel; }

// Runs promtool with `args`; its exit code and output.
std::pair<int, std::string> Promtool(const std::vector<std::string>& args, const std::string& dir) {
  if (std::string(PROMTOOL).empty())
    return {-1, "promtool not found: scripts/install-deps.sh --with-mariadb installs it"};
  Process p(PROMTOOL, args, {}, dir + "/promtool.log");
  int rc = p.WaitExit(60);
  return {rc, p.Log()};
}

TEST(Monitoring, AlertRulesLoadAndPassTheirUnitTests) {
  std::string dir = MakeTempDir("promtool");
  auto [rc, out] = Promtool({"check", "rules", Deploy("prometheus/alerts.yml")}, dir);
  EXPECT_EQ(rc, 0) << out;
  std::tie(rc, out) = Promtool({"test", "rules", Deploy("prometheus/alerts_test.yml")}, dir);
  EXPECT_EQ(rc, 0) << out;
  std::tie(rc, out) = Promtool({"check", "config", Deploy("prometheus/prometheus.yml")}, dir);
  EXPECT_EQ(rc, 0) << out;
}

TEST(Monitoring, EveryDashboardQueryParsesAndReadsOurMetrics) {
  std::ifstream in(Deploy("grafana/carehub.json"));
  auto dashboard = nlohmann::json::parse(in);
  std::vector<std::string> exprs;
  for (const auto& panel : dashboard.at("panels")) {
    for (const auto& target : panel.at("targets")) exprs.push_back(target.at("expr").get<std::string>());
  }
  ASSERT_GE(exprs.size(), 7u);
  // What Grafana substitutes before Prometheus sees a query.
  const std::vector<std::pair<std::regex, std::string>> variables = {{std::regex(R"(\$__rate_interval)"), "5m"},
                                                                     {std::regex(R"(\$\{?service\}?)"), ".*"}};
  const std::set<std::string> exported = {"carehub_rpc_total",
                                          "carehub_rpc_latency_seconds_bucket",
                                          "carehub_db_pool_in_use",
                                          "carehub_db_pool_max",
                                          "up",
                                          "carehub:rpc_server_errors:rate5m",
                                          "carehub:rpc:rate5m",
                                          "carehub_funds_reconcile_differences",
                                          "carehub_funds_reconcile_last_run_timestamp_seconds",
                                          "carehub_volunteers_visits_overdue"};
  std::ostringstream rules;
  rules << "groups:\n  - name: dashboard\n    rules:\n";
  for (size_t i = 0; i < exprs.size(); ++i) {
    std::string e = exprs[i];
    for (const auto& [from, to] : variables) e = std::regex_replace(e, from, to);
    // Every metric named (a word followed by { or [ or a space or the end) is one we export.
    std::regex metric(R"((carehub[a-z_:0-9]*|\bup)\s*[\{\[\)])");
    for (auto it = std::sregex_iterator(e.begin(), e.end(), metric); it != std::sregex_iterator(); ++it) {
      std::string name = (*it)[1];
      EXPECT_TRUE(exported.count(name)) << name << " in " << exprs[i];
    }
    rules << "      - record: dashboard:query" << i << "\n        expr: " << nlohmann::json(e).dump() << "\n";
  }
  std::string dir = MakeTempDir("dashboard");
  std::ofstream(dir + "/dashboard_rules.yml") << rules.str();
  auto [rc, out] = Promtool({"check", "rules", dir + "/dashboard_rules.yml"}, dir);
  EXPECT_EQ(rc, 0) << out << rules.str();
}

}  // namespace
}  // namespace carehub::testing
