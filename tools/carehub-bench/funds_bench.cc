#include "tools/carehub-bench/funds_bench.h"

#include <grpcpp/grpcpp.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <functional>
#include <iostream>
#include <mutex>
#include <thread>

#include "carehub/funds/v1/funds_service.grpc.pb.h"
#include "carehub/registry/v1/registry_service.grpc.pb.h"
#include "common/db/database.h"
#include "common/ids.h"
#include "common/log.h"
#include "common/resident_id.h"
#include "common/service_client.h"
#include "tools/carehub-bench/timed.h"

namespace carehub::bench {
namespace {

namespace fv1 = funds::v1;
namespace rv1 = registry::v1;

struct Clients {
  std::string key;
  std::shared_ptr<grpc::Channel> registry, funds;
  std::unique_ptr<grpc::ClientContext> As(const char* role) const { return SignedAs(key, role); }
};

std::vector<std::string> MakePrograms(const Clients& c, const FundsBenchOptions& o) {
  auto stub = fv1::FundsService::NewStub(c.funds);
  std::vector<std::string> ids;
  for (int p = 0; p < o.programs; ++p) {
    fv1::CreateProgramRequest create;
    create.set_request_id(NewId("rq"));
    auto* prog = create.mutable_program();
    prog->set_code("BENCH-" + std::to_string(o.run_id) + "-" + std::to_string(o.programs) + "-" + std::to_string(p));
    prog->set_name("bench program");
    prog->set_funding_source(fv1::FUNDING_SOURCE_DISTRICT);
    prog->set_division_code("500116000000");
    prog->set_beneficiary_kind(fv1::BENEFICIARY_KIND_WOMAN);
    prog->set_benefit_class("bench");
    prog->set_opens_on("2026-01-01");
    prog->set_closes_on("2030-12-31");
    prog->set_amount_rule(fv1::AMOUNT_RULE_FIXED);
    prog->set_amount_fen(10'000);
    fv1::Program out;
    if (!stub->CreateProgram(c.As("finance").get(), create, &out).ok())
      throw std::runtime_error("cannot create program");
    fv1::ChangeProgramStateRequest open;
    open.set_request_id(NewId("rq"));
    open.set_id(out.id());
    (void)stub->OpenProgram(c.As("finance").get(), open, &out);
    fv1::AllocateBudgetRequest money;
    money.set_request_id(NewId("rq"));
    money.set_program_id(out.id());
    money.set_amount_fen(int64_t{o.grants} * 10'000);
    fv1::LedgerEntry e;
    (void)stub->AllocateBudget(c.As("finance").get(), money, &e);
    ids.push_back(out.id());
  }
  return ids;
}

// The database's bound for an approval's row changes: the same statements in bare transactions.
void RunBound(const FundsBenchOptions& o, const std::vector<std::string>& programs,
              const std::vector<std::string>& grants) {
  db::PoolOptions pool;
  pool.max_connections = o.concurrency;
  auto db = db::Open(o.funds_db_url, pool);
  for (const auto& p : programs) {
    db->Transact([&](db::Tx& tx) {
      tx.Exec("UPDATE accounts SET balance_fen = balance_fen + ? WHERE id = ?",
              {int64_t{o.grants} * 10'000, p + ":available"});
    });
  }
  Timed("bound: bare approval transaction", o.grants, o.concurrency, [&](int i) {
    const std::string& p = programs[i % programs.size()];
    db->Transact([&](db::Tx& tx) {
      std::string rid = NewId("rq");
      tx.Exec(
          "INSERT INTO idempotency_keys (subject, request_id, method, request_hash, response, created_at) VALUES "
          "('bench-bound', ?, 'ApproveGrant', 'h', '', 'now')",
          {rid});
      tx.Query(std::string("SELECT version FROM grants WHERE id = ?") +
                   (tx.backend() == db::Backend::kMysql ? " FOR UPDATE" : ""),
               {grants[i]});
      tx.Exec("UPDATE accounts SET balance_fen = balance_fen - 1 WHERE id = ? AND balance_fen >= 1",
              {p + ":available"});
      tx.Exec("UPDATE accounts SET balance_fen = balance_fen + 1 WHERE id = ?", {p + ":held"});
      tx.Exec(
          "INSERT INTO ledger_entries (id, posted_at, kind, from_account, to_account, amount_fen, program_id, "
          "other_program_id, grant_id, reason, actor, request_id, division_code, other_division_code) VALUES "
          "(?, 'now', 3, 'a', 'b', 1, 'bound', '', '', '', 'bench', '', '500116000000', '')",
          {NewId("le")});
      tx.Exec("UPDATE grants SET version = version WHERE id = ?", {grants[i]});
      tx.Exec(
          "INSERT INTO audit_events (id, occurred_at, actor, request_id, action, record_type, record_id, "
          "division_code, before_json, after_json) VALUES (?, 'now', 'bench', '', 'bound', 'grant', ?, '500116001001', "
          "'', '')",
          {NewId("au"), grants[i]});
      tx.Exec("UPDATE idempotency_keys SET response = 'x' WHERE subject = 'bench-bound' AND request_id = ?", {rid});
    });
    return true;
  });
}

}  // namespace

// A distinct valid woman's ID number for bench run `run` and index `n`.
std::string BenchWomanId(int n, int run) {
  char first17[32];
  unsigned u = static_cast<unsigned>(n), r = static_cast<unsigned>(run);
  // An even sequence number: a woman's.
  std::snprintf(first17, sizeof first17, "500116%04u%02u%02u%03u", 1970 + u % 20, 1 + (u / 20) % 12, 1 + (u / 240) % 28,
                ((u / 6720) * 2 + r * 100) % 1000);
  return std::string(first17) + ResidentIdCheckChar(first17);
}

int RunFunds(const FundsBenchOptions& o) {
  log::Init("carehub-bench", "warn");
  Clients c{LoadInternalKey(o.key), grpc::CreateChannel(o.registry_addr, grpc::InsecureChannelCredentials()),
            grpc::CreateChannel(o.funds_addr, grpc::InsecureChannelCredentials())};
  auto programs = MakePrograms(c, o);
  std::vector<std::string> women(o.grants), grants(o.grants);
  auto registry = rv1::RegistryService::NewStub(c.registry);
  auto funds = fv1::FundsService::NewStub(c.funds);
  std::cout << nlohmann::json{{"programs", o.programs}, {"grants", o.grants}}.dump() << std::endl;
  Timed("setup: CreateWoman", o.grants, o.concurrency, [&](int i) {
    rv1::CreateWomanRequest req;
    req.set_request_id(NewId("rq"));
    auto* w = req.mutable_woman();
    std::string id = BenchWomanId(i, o.run_id);
    w->set_name("测试" + std::to_string(i));
    w->set_birth_date(id.substr(6, 4) + "-" + id.substr(10, 2) + "-" + id.substr(12, 2));
    w->set_resident_id_number(id);
    w->set_division_code("500116001001");
    w->add_hardship_categories(rv1::WOMAN_HARDSHIP_MINIMUM_LIVING_ALLOWANCE);
    w->set_household_size(2);
    w->set_monthly_income_fen(50'000);
    rv1::Woman out;
    bool ok = registry->CreateWoman(c.As("officer").get(), req, &out).ok();
    women[i] = out.id();
    return ok;
  });
  Timed("SubmitGrant", o.grants, o.concurrency, [&](int i) {
    fv1::SubmitGrantRequest req;
    req.set_request_id(NewId("rq"));
    req.set_program_id(programs[i % programs.size()]);
    req.set_beneficiary_id(women[i]);
    fv1::Grant g;
    bool ok = funds->SubmitGrant(c.As("officer").get(), req, &g).ok();
    grants[i] = g.id();
    return ok;
  });
  Timed("ApproveGrant (final: eligibility from the registry, limits, hold)", o.grants, o.concurrency, [&](int i) {
    fv1::DecideGrantRequest req;
    req.set_request_id(NewId("rq"));
    req.set_id(grants[i]);
    fv1::Grant g;
    return funds->ApproveGrant(c.As("approver").get(), req, &g).ok();
  });
  Timed("DisburseGrant", o.grants, o.concurrency, [&](int i) {
    fv1::DisburseGrantRequest req;
    req.set_request_id(NewId("rq"));
    req.set_id(grants[i]);
    req.set_channel(fv1::PAYMENT_CHANNEL_CASH);
    fv1::Grant g;
    return funds->DisburseGrant(c.As("finance").get(), req, &g).ok();
  });
  if (!o.funds_db_url.empty()) RunBound(o, programs, grants);
  return 0;
}

}  // namespace carehub::bench
