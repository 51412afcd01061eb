// carehub-bench: a closed-loop load generator for the registry. N client threads each send
// the next request as soon as the last one answered; it reports throughput and latency
// percentiles per operation. Through the gateway it sends an API key; with --direct it signs
// the principal itself (needs the internal key) to measure a backend without the gateway.
#include <grpcpp/grpcpp.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <iostream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <random>
#include <thread>

#include "carehub/registry/v1/registry_service.grpc.pb.h"
#include "common/crypto.h"
#include "common/ids.h"
#include "common/principal.h"
#include "common/resident_id.h"
#include "common/rpc.h"
#include "common/server.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "tools/carehub-bench/batch_bench.h"
#include "tools/carehub-bench/forward_floor.h"
#include "tools/carehub-bench/funds_bench.h"
#include "tools/carehub-bench/report_bench.h"
#include "tools/carehub-bench/timed.h"
#include "tools/carehub-bench/volunteers_bench.h"

namespace {

namespace reg = carehub::registry::v1;

struct Options {
  carehub::bench::FundsBenchOptions funds;
  carehub::bench::VolunteersBenchOptions volunteers;
  std::string addr = "127.0.0.1:7000";
  std::string reports_addr = "127.0.0.1:7104";
  std::string api_key;
  bool direct = false;
  carehub::InternalKeyOptions key;
  int concurrency = 8;
  int requests = 5000;
  std::string op = "create";
  std::string division = "500116001001";
  int seed_children = 1000;
  int run_id = 0;
  int villages = 1;      // children spread over this many village divisions
  int districts = 1;     // … of this many districts of the city (01, 02, …)
  int import_files = 1;  // --op import: the rows are sent as this many files, one after another
  std::string forward_to = "127.0.0.1:7101";  // --op forward-server: where calls go
  int forward_threads = 1;                     // --op forward-server: completion queues, a thread each
};

// The village division of the n-th child: the town of --division, village n % villages; with
// districts, district n % districts of the city, the same town number, village of the rest.
std::string DivisionFor(long n, const Options& o) {
  if (o.villages <= 1 && o.districts <= 1) return o.division;
  char code[16];
  std::snprintf(code, sizeof code, "%02ld", 1 + n % o.districts);
  std::string district = o.districts > 1 ? o.division.substr(0, 4) + code : o.division.substr(0, 6);
  std::snprintf(code, sizeof code, "%03ld", n / o.districts % o.villages);
  return district + o.division.substr(6, 3) + code;
}

// A valid, distinct resident ID number for every n (run_id keeps repeated runs apart).
std::string IdNumberFor(long n, int run_id, const std::string& division) {
  using namespace std::chrono;
  auto base = sys_days{year{2011} / 1 / 1};
  long day = n % 3650;  // ten years of birth dates
  long seq = (n / 3650 + 97 * run_id) % 500;
  year_month_day ymd{base + days{day}};
  char first17[32];
  std::snprintf(first17, sizeof first17, "%s%04d%02u%02u%03ld", division.substr(0, 6).c_str(),
                static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                seq * 2 + 1);
  return std::string(first17) + carehub::ResidentIdCheckChar(first17);
}

reg::CreateChildRequest CreateRequest(long n, const Options& o) {
  reg::CreateChildRequest req;
  req.set_request_id(carehub::NewId("rq"));
  auto* c = req.mutable_child();
  std::string idn = IdNumberFor(n, o.run_id, o.division);
  c->set_name("压测儿童" + std::to_string(n));
  c->set_sex(reg::SEX_MALE);
  c->set_birth_date(idn.substr(6, 4) + "-" + idn.substr(10, 2) + "-" + idn.substr(12, 2));
  c->set_resident_id_number(idn);
  c->set_division_code(DivisionFor(n, o));
  c->set_category(reg::CHILD_CATEGORY_IN_DIFFICULTY);
  c->add_hardship_reasons(reg::HARDSHIP_REASON_POVERTY);
  c->set_risk_level(reg::RISK_LEVEL_LOW);
  c->mutable_guardian()->set_name("监护人");
  c->mutable_guardian()->set_relation(reg::GUARDIAN_RELATION_GRANDPARENT);
  c->mutable_guardian()->set_mobile("13812345678");
  return req;
}

// Rows [first, first + count) as an import CSV file, the same children CreateRequest makes.
std::string ImportFile(long first, long count, const Options& o) {
  std::string out =
      "name,sex,birth_date,resident_id_number,division_code,category,guardian_name,guardian_relation,"
      "guardian_mobile,guardian_able_to_care,risk_level,hardship_reasons\n";
  out.reserve(static_cast<size_t>(count) * 160);
  for (long n = first; n < first + count; ++n) {
    std::string idn = IdNumberFor(n, o.run_id, o.division);
    out += "压测儿童" + std::to_string(n) + ",男," + idn.substr(6, 4) + "-" + idn.substr(10, 2) + "-" +
           idn.substr(12, 2) + "," + idn + "," + DivisionFor(n, o) + ",困境儿童,监护人,奶奶,13812345678,是,低,贫困\n";
  }
  return out;
}

class Caller {
 public:
  explicit Caller(const Options& o) : o_(o) {
    if (o.direct) internal_key_ = carehub::LoadInternalKey(o.key);
    grpc::ChannelArguments args;
    args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);  // a connection per caller thread, as separate clients
    auto channel = grpc::CreateCustomChannel(o.addr, grpc::InsecureChannelCredentials(), args);
    stub_ = reg::RegistryService::NewStub(channel);
    health_ = grpc::health::v1::Health::NewStub(channel);
  }
  std::unique_ptr<grpc::ClientContext> Ctx() {
    auto ctx = std::make_unique<grpc::ClientContext>();
    ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
    if (o_.direct) {
      // The district's officer, or the city's when the children spread over its districts.
      carehub::Principal p{"bench", {"officer"}, o_.division.substr(0, o_.districts > 1 ? 4 : 6), carehub::NewId("rq")};
      auto s = carehub::SignPrincipal(p, internal_key_, std::chrono::system_clock::now());
      ctx->AddMetadata(carehub::kPrincipalHeader, s.payload);
      ctx->AddMetadata(carehub::kPrincipalSignatureHeader, s.signature);
    } else {
      ctx->AddMetadata("x-api-key", o_.api_key);
    }
    return ctx;
  }
  reg::RegistryService::Stub& stub() { return *stub_; }
  grpc::health::v1::Health::Stub& health() { return *health_; }

 private:
  const Options& o_;
  std::string internal_key_;
  std::unique_ptr<reg::RegistryService::Stub> stub_;
  std::unique_ptr<grpc::health::v1::Health::Stub> health_;
};

struct Result {
  std::vector<double> latencies_ms;
  std::map<std::string, int> errors;
};

nlohmann::json Summarise(const std::string& op, Result& r, double seconds, const Options& o) {
  auto& l = r.latencies_ms;
  std::sort(l.begin(), l.end());
  auto pct = [&](double p) { return l.empty() ? 0.0 : l[std::min(l.size() - 1, static_cast<size_t>(p * l.size()))]; };
  return {{"op", op},
          {"path", o.direct ? "direct" : "gateway"},
          {"concurrency", o.concurrency},
          {"ok", l.size()},
          {"errors", r.errors},
          {"seconds", seconds},
          {"rps", l.size() / seconds},
          {"mean_ms", l.empty() ? 0.0 : seconds * 1000 * o.concurrency / l.size()},
          {"p50_ms", pct(0.50)},
          {"p90_ms", pct(0.90)},
          {"p99_ms", pct(0.99)},
          {"max_ms", l.empty() ? 0.0 : l.back()}};
}

template <class Call>
nlohmann::json Run(const std::string& op, const Options& o, Call call) {
  std::atomic<long> next{0};
  std::mutex mu;
  Result total;
  auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> threads;
  for (int t = 0; t < o.concurrency; ++t) {
    threads.emplace_back([&] {
      Caller caller(o);
      Result mine;
      for (long n; (n = next++) < o.requests;) {
        auto t0 = std::chrono::steady_clock::now();
        grpc::Status s = call(caller, n);
        double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        if (s.ok())
          mine.latencies_ms.push_back(ms);
        else
          mine.errors[carehub::StatusCodeName(s.error_code())]++;
      }
      std::lock_guard lock(mu);
      total.latencies_ms.insert(total.latencies_ms.end(), mine.latencies_ms.begin(), mine.latencies_ms.end());
      for (auto& [k, v] : mine.errors) total.errors[k] += v;
    });
  }
  for (auto& th : threads) th.join();
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return Summarise(op, total, seconds, o);
}

using Op = std::function<grpc::Status(Caller&, long)>;

void AddFlags(CLI::App& app, Options& o) {
  app.add_option("--reports-addr", o.reports_addr, "--op report: the reports service (direct)");
  app.add_option("--funds-addr", o.funds.funds_addr, "--op funds: the funds service (direct)");
  app.add_option("--funds-db-url", o.funds.funds_db_url, "--op funds: its database, for the bound");
  app.add_option("--programs", o.funds.programs, "--op funds: programs the grants spread over")->capture_default_str();
  app.add_option("--addr", o.addr, "gateway (or, with --direct, registry) address")->capture_default_str();
  app.add_option("--api-key", o.api_key, "API key (through the gateway)")->envname("CAREHUB_API_KEY");
  app.add_flag("--direct", o.direct, "call the backend directly, signing the principal with the internal key");
  carehub::AddInternalKeyFlags(app, o.key);
  app.add_option("--villages", o.villages, "spread the children over this many villages of --division's town")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  app.add_option("--districts", o.districts,
                 "spread the children over this many districts of --division's city too (--op report: the city's form)")
      ->check(CLI::Range(1, 99))
      ->capture_default_str();
  app.add_option("--import-files", o.import_files, "--op import: send --requests rows as this many files")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  app.add_option("--volunteers-addr", o.volunteers.addr, "--op volunteers: the volunteers service (direct)");
  app.add_option("--volunteers-db-url", o.volunteers.db_url, "--op volunteers: its database, to seed attendance");
  app.add_option("--attendance-rows", o.volunteers.attendance_rows, "--op volunteers: attendance entries seeded")
      ->capture_default_str();
  app.add_option("--op", o.op,
                 "create, import, get, list, all, funds (grants: --funds-*), batch (a district's batch: --requests "
                 "women), report (the form: --reports-addr, --requests women imported first), volunteers, echo (a "
                 "bare gRPC call: grpc.health.v1 Check against an echo-server), echo-server (serves only that at "
                 "--addr until stopped), forward-server (forwards unary calls at --addr to --forward-to on "
                 "completion queues, nothing checked: the floor a gateway could reach)")
      ->check(CLI::IsMember(
          {"create", "import", "get", "list", "all", "funds", "batch", "report", "volunteers", "echo", "echo-server",
           "forward-server"}))
      ->capture_default_str();
  app.add_option("--forward-to", o.forward_to, "--op forward-server: the backend")->capture_default_str();
  app.add_option("--forward-threads", o.forward_threads, "--op forward-server: completion queues, a thread each")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  app.add_option("--concurrency", o.concurrency, "client threads")->check(CLI::Range(1, 1024))->capture_default_str();
  app.add_option("--requests", o.requests, "requests per operation")
      ->check(CLI::Range(1, 100000000))
      ->capture_default_str();
  app.add_option("--division", o.division, "12-digit division of the children made")->capture_default_str();
  app.add_option("--seed-children", o.seed_children, "children created first for get")->capture_default_str();
  app.add_option("--run-id", o.run_id, "distinguishes the ID numbers of repeated runs (0-99)")
      ->check(CLI::Range(0, 99))
      ->capture_default_str();
}

// One client streams the files one after another; the figure is rows stored per second.
void RunImport(const Options& o) {
  Caller caller(o);
  long per_file = (o.requests + o.import_files - 1) / o.import_files;
  double total_seconds = 0;
  for (long first = 0; first < o.requests; first += per_file) {
    std::string file = ImportFile(first, std::min<long>(per_file, o.requests - first), o);
    auto ctx = caller.Ctx();
    ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::minutes(10));
    reg::ImportSummary summary;
    auto t0 = std::chrono::steady_clock::now();
    auto writer = caller.stub().ImportChildren(ctx.get(), &summary);
    carehub::bench::Upload(*writer, file);
    auto status = writer->Finish();
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    total_seconds += seconds;
    if (!status.ok()) throw std::runtime_error("import failed: " + status.error_message());
    std::cout << nlohmann::json{{"op", "ImportChildren"},
                                {"first_row", first},
                                {"rows", summary.rows()},
                                {"created", summary.created()},
                                {"already_registered", summary.already_registered()},
                                {"rejected", summary.rejected()},
                                {"seconds", seconds},
                                {"rows_per_s", summary.rows() / seconds}}
                     .dump()
              << std::endl;
  }
  std::cout << nlohmann::json{{"op", "ImportChildren total"},
                              {"rows", o.requests},
                              {"seconds", total_seconds},
                              {"rows_per_s", o.requests / total_seconds}}
                   .dump()
            << std::endl;
}

// GetChild over the children just created, or (after an import) sampled from village pages.
void RunGet(const Options& o, std::vector<std::string>& ids, const Op& create) {
  if (ids.empty()) {
    // Children already stored (an import, say): sample ids from the first pages of villages.
    Caller lister(o);
    for (int v = 0; v < o.villages && static_cast<int>(ids.size()) < o.seed_children; ++v) {
      reg::ListChildrenRequest req;
      req.set_page_size(500);
      req.set_division_prefix(DivisionFor(v, o));
      reg::ListChildrenResponse resp;
      auto ctx = lister.Ctx();
      if (!lister.stub().ListChildren(ctx.get(), req, &resp).ok()) break;
      for (const auto& c : resp.children()) ids.push_back(c.id());
    }
  }
  if (ids.empty()) {
    Options seed = o;
    seed.requests = o.seed_children;
    seed.run_id = (o.run_id + 50) % 100;
    Run("seed", seed, create);
  }
  if (ids.empty()) throw std::runtime_error("no children to read");
  auto get = [&](Caller& c, long n) {
    reg::GetChildRequest req;
    req.set_id(ids[static_cast<size_t>(n) * 7919 % ids.size()]);
    reg::Child resp;
    auto ctx = c.Ctx();
    return c.stub().GetChild(ctx.get(), req, &resp);
  };
  std::cout << Run("GetChild", o, get).dump() << std::endl;
}

void RunList(const Options& o) {
  auto list = [&](Caller& c, long n) {
    reg::ListChildrenRequest req;
    req.set_page_size(50);
    // A village's first page when spread over villages, else the town's.
    req.set_division_prefix(o.villages > 1 ? DivisionFor(n, o) : o.division.substr(0, 9));
    reg::ListChildrenResponse resp;
    auto ctx = c.Ctx();
    return c.stub().ListChildren(ctx.get(), req, &resp);
  };
  std::cout << Run("ListChildren(50)", o, list).dump() << std::endl;
}

// The floor under any unary call: gRPC's default synchronous server with one trivial method, no
// interceptors, no authentication, no storage.
class Echo final : public grpc::health::v1::Health::Service {
  grpc::Status Check(grpc::ServerContext*, const grpc::health::v1::HealthCheckRequest*,
                     grpc::health::v1::HealthCheckResponse* resp) override {
    resp->set_status(grpc::health::v1::HealthCheckResponse::SERVING);
    return grpc::Status::OK;
  }
};

int ServeEcho(const Options& o) {
  Echo echo;
  grpc::ServerBuilder builder;
  builder.AddListeningPort(o.addr, grpc::InsecureServerCredentials());
  builder.RegisterService(&echo);
  auto server = builder.BuildAndStart();
  if (!server) throw std::runtime_error("cannot listen on " + o.addr);
  server->Wait();
  return 0;
}

void RunEcho(const Options& o) {
  auto echo = [](Caller& c, long) {
    grpc::health::v1::HealthCheckRequest req;
    grpc::health::v1::HealthCheckResponse resp;
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
    return c.health().Check(&ctx, req, &resp);
  };
  std::cout << Run("echo", o, echo).dump() << std::endl;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  CLI::App app{"carehub-bench: load generator for the CareHub registry"};
  AddFlags(app, o);
  CLI11_PARSE(app, argc, argv);
  try {
    std::vector<std::string> ids;
    std::mutex ids_mu;
    Op create = [&](Caller& c, long n) {
      auto req = CreateRequest(n, o);
      reg::Child resp;
      auto ctx = c.Ctx();
      auto s = c.stub().CreateChild(ctx.get(), req, &resp);
      if (s.ok()) {
        std::lock_guard lock(ids_mu);
        ids.push_back(resp.id());
      }
      return s;
    };
    if (o.op == "report") {
      return carehub::bench::RunReport(
          {o.reports_addr, o.addr, o.key, static_cast<int>(o.requests),
           o.districts > 1 ? o.division.substr(0, 4) + "00000000" : o.division.substr(0, 6) + "000000", 2026, 5,
           o.run_id});
    }
    if (o.op == "batch") {
      return carehub::bench::RunBatch(
          {o.addr, o.funds.funds_addr, o.key, static_cast<int>(o.requests), o.concurrency, o.run_id});
    }
    if (o.op == "funds") {
      o.funds.registry_addr = o.addr;
      o.funds.key = o.key;
      o.funds.grants = o.requests;
      o.funds.concurrency = o.concurrency;
      o.funds.run_id = o.run_id;
      return carehub::bench::RunFunds(o.funds);
    }
    if (o.op == "volunteers") {
      o.volunteers.key = o.key;
      o.volunteers.signups = static_cast<int>(o.requests);
      o.volunteers.concurrency = o.concurrency;
      o.volunteers.run_id = o.run_id;
      return carehub::bench::RunVolunteers(o.volunteers);
    }
    if (o.op == "echo-server") return ServeEcho(o);
    if (o.op == "forward-server") return carehub::bench::ServeForwardFloor(o.addr, o.forward_to, o.forward_threads);
    if (o.op == "echo") RunEcho(o);
    if (o.op == "create" || o.op == "all") std::cout << Run("CreateChild", o, create).dump() << std::endl;
    if (o.op == "import") RunImport(o);
    if (o.op == "get" || o.op == "all") RunGet(o, ids, create);
    if (o.op == "list" || o.op == "all") RunList(o);
  } catch (const std::exception& e) {
    std::cerr << "carehub-bench: " << e.what() << std::endl;
    return 1;
  }
  return 0;
}
