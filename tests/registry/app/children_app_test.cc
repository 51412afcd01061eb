// The children's use cases on both backends: uniqueness, idempotency, reach, paging,
// encryption, audit, and concurrent changes with one winner.
#include "services/registry/app/children_app.h"

#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <thread>

#include "common/audit.h"
#include "common/backend.h"
#include "common/crypto.h"
#include "common/idempotency.h"
#include "services/registry/api/person_proto.h"
#include "services/registry/migrations.h"
#include "tests/support/registry_fixtures.h"
#include "tests/support/test_db.h"

namespace carehub::registry {
namespace {

class ChildStoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    t_ = testing::TestDatabase::Make(GetParam());
    if (!t_) return;
    MigrateServiceSchema(t_->db(), RegistryMigrations);
    app_ = std::make_unique<ChildrenApp>(t_->db(), cipher_);
  }

  ValidChild Valid(int n, const std::string& division = "500116001001") {
    auto c = testing::ChildProto(n, division);
    ChildApplication a = ApplicationFromProto(c);
    return ValidateChild(a, TodayInChina());
  }
  static IdempotencyKey Key(const std::string& rid, const std::string& hash = "h") {
    return {"officer-1", rid, "CreateChild", hash};
  }
  static Caller Officer(const std::string& subject, const std::string& trace_id, const std::string& reach = "") {
    return {subject, {"officer"}, reach, trace_id};
  }
  // Registers once per idempotency key as CreateChild does; the child's id (the first one, for a replay).
  std::string Register(const ValidChild& child, const std::string& rid, const IdempotencyKey& key) {
    Caller c = Officer("officer-1", rid);
    NewChild n = app_->Prepare(c, child);
    return RunIdempotent(t_->db(), key, [&](db::Tx& tx) { return app_->Register(tx, c, n).id; });
  }
  std::string Create(int n, const std::string& rid, const std::string& division = "500116001001") {
    return Register(Valid(n, division), rid, Key(rid));
  }
  std::optional<ChildRecord> Get(const std::string& id, const std::string& reach) {
    return app_->Get(Officer("reader", "rq", reach), id);
  }
  std::vector<ChildRecord> List(const std::string& prefix, const db::KeysetCursor& after, int limit,
                                const store::ChildFilter& f = {}) {
    return app_->List(Officer("reader", "rq"), prefix, {prefix, after, limit, store::ToSql(f)});
  }
  std::vector<HistoryEntry> History(const std::string& id) {
    std::vector<HistoryEntry> out;
    t_->db().Read([&](db::Tx& tx) { out = store::History(tx, id); });
    return out;
  }
  int64_t Count(const std::string& table) {
    int64_t n = 0;
    t_->db().Read([&](db::Tx& tx) { n = db::AsInt(tx.Query("SELECT COUNT(*) FROM " + table)[0][0]); });
    return n;
  }

  crypto::PiiCipher cipher_{crypto::RandomBytes(32)};
  std::unique_ptr<testing::TestDatabase> t_;
  std::unique_ptr<ChildrenApp> app_;
};

TEST_P(ChildStoreTest, CreateThenGetWithinReach) {
  if (!t_) return;
  std::string id = Create(1, "req-0000001");
  auto got = Get(id, "500116");
  ASSERT_TRUE(got);
  EXPECT_EQ(got->name, "测试儿童1");
  EXPECT_EQ(got->id_number_masked.substr(6, 8), "********");
  EXPECT_EQ(got->guardian_mobile_masked, "138****5678");
  EXPECT_TRUE(Get(id, ""));
  EXPECT_FALSE(Get(id, "500117")) << "outside reach must look absent";
  EXPECT_FALSE(Get(id, "5001160010019")) << "a longer prefix that does not match";
}

TEST_P(ChildStoreTest, IdNumberIsStoredOnlyEncrypted) {
  if (!t_) return;
  auto child = Valid(2);
  Register(child, "req-0000002", Key("req-0000002"));
  std::vector<db::Row> rows;
  t_->db().Read([&](db::Tx& tx) {
    rows = tx.Query("SELECT id_number_cipher, id_number_masked, guardian_mobile_cipher FROM children");
  });
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(db::AsText(rows[0][0]).find(child.resident_id_number), std::string::npos);
  EXPECT_EQ(cipher_.Decrypt(db::AsText(rows[0][0])).value(), child.resident_id_number);
  EXPECT_EQ(cipher_.Decrypt(db::AsText(rows[0][2])).value(), "13812345678");
}

TEST_P(ChildStoreTest, SameIdNumberTwiceIsAlreadyExistsAndStoresNothing) {
  if (!t_) return;
  Create(3, "req-0000003");
  try {
    Register(Valid(3), "req-0000004", Key("req-0000004"));
    FAIL() << "second registration of the same ID number";
  } catch (const DomainError& e) {
    EXPECT_EQ(e.code(), ErrorCode::kAlreadyExists);
    EXPECT_EQ(e.field(), "child.resident_id_number");
  }
  EXPECT_EQ(Count("children"), 1);
  EXPECT_EQ(Count("idempotency_keys"), 1) << "the failed request must not be remembered";
}

TEST_P(ChildStoreTest, ReplayReturnsFirstAnswerAndOtherBodyIsRejected) {
  if (!t_) return;
  std::string first = Create(5, "req-0000005");
  EXPECT_EQ(Register(Valid(5), "req-0000005", Key("req-0000005")), first);
  EXPECT_EQ(Count("children"), 1);
  try {
    Register(Valid(6), "req-0000005", Key("req-0000005", "other-hash"));
    FAIL();
  } catch (const DomainError& e) {
    EXPECT_EQ(e.code(), ErrorCode::kAlreadyExists);
    EXPECT_EQ(e.field(), "request_id");
  }
  EXPECT_EQ(Count("children"), 1);
}

TEST_P(ChildStoreTest, ConcurrentReplaysCreateOneChild) {
  if (!t_) return;
  constexpr int kClients = 8;
  std::vector<std::string> answers(kClients);
  std::atomic<int> errors{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kClients; ++i) {
    threads.emplace_back([&, i] {
      try {
        answers[i] = Create(7, "req-same-id");
      } catch (const std::exception& e) {
        ++errors;
        ADD_FAILURE() << e.what();
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(errors, 0);
  EXPECT_EQ(Count("children"), 1);
  for (const auto& a : answers) EXPECT_EQ(a, answers[0]);
}

TEST_P(ChildStoreTest, ConcurrentRegistrationsOfOneIdNumberHaveOneWinner) {
  if (!t_) return;
  constexpr int kClients = 8;
  std::atomic<int> won{0}, exists{0}, other{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kClients; ++i) {
    threads.emplace_back([&, i] {
      try {
        Create(8, "req-racer-" + std::to_string(i));
        ++won;
      } catch (const DomainError& e) {
        (e.code() == ErrorCode::kAlreadyExists ? exists : other)++;
      } catch (const std::exception&) {
        ++other;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(won, 1);
  EXPECT_EQ(exists, kClients - 1);
  EXPECT_EQ(other, 0);
  EXPECT_EQ(Count("children"), 1);
}

TEST_P(ChildStoreTest, PagingVisitsEveryChildInReachExactlyOnce) {
  if (!t_) return;
  std::set<std::string> in_town, elsewhere;
  for (int i = 0; i < 23; ++i) in_town.insert(Create(100 + i, "req-town-" + std::to_string(i), "500116001001"));
  for (int i = 0; i < 5; ++i) in_town.insert(Create(200 + i, "req-town2-" + std::to_string(i), "500116001999"));
  for (int i = 0; i < 7; ++i) elsewhere.insert(Create(300 + i, "req-other-" + std::to_string(i), "500117001001"));
  std::set<std::string> seen;
  db::KeysetCursor cursor;
  int pages = 0;
  while (true) {
    auto page = List("500116", cursor, 4);
    if (page.empty()) break;
    ++pages;
    for (const auto& c : page) {
      EXPECT_TRUE(seen.insert(c.id).second) << "seen twice: " << c.id;
      EXPECT_EQ(c.division_code.substr(0, 6), "500116");
    }
    // A child added mid-listing in an already-listed division does not disturb the rest.
    if (pages == 2) in_town.insert(Create(400, "req-late", "500116001999"));
    cursor = {page.back().division_code, page.back().id};
  }
  EXPECT_EQ(seen, in_town);
  EXPECT_EQ(List("500117", {}, 100).size(), 7u);
  EXPECT_EQ(List("", {}, 500).size(), in_town.size() + elsewhere.size());
}

TEST_P(ChildStoreTest, CreationAndUnmaskedReadsAreAuditedWithoutPlaintext) {
  if (!t_) return;
  auto child = Valid(9);
  std::string id = Register(child, "req-audit-1", Key("req-audit-1"));
  auto events = ListAudit(t_->db(), {.reach_prefix = "", .record_id = id});
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].action, "child.create");
  EXPECT_EQ(events[0].actor, "officer-1");
  EXPECT_EQ(events[0].request_id, "req-audit-1");
  EXPECT_EQ(events[0].after_json.find(child.resident_id_number), std::string::npos);
  EXPECT_NE(events[0].after_json.find(MaskResidentId(child.resident_id_number)), std::string::npos);
  // A replay is not a second creation.
  Register(child, "req-audit-1", Key("req-audit-1"));
  EXPECT_EQ(ListAudit(t_->db(), {.reach_prefix = "", .record_id = id}).size(), 1u);

  auto record = Get(id, "500116");
  ASSERT_TRUE(record);
  auto revealed = app_->Reveal(Officer("pii-officer", "req-look-1"), {*record});
  ASSERT_EQ(revealed.size(), 1u);
  EXPECT_EQ(revealed[0].resident_id_number, child.resident_id_number);
  EXPECT_EQ(revealed[0].mobile, "13812345678");
  auto reads = ListAudit(t_->db(), {.reach_prefix = "", .actor = "pii-officer", .action = "child.read_unmasked"});
  ASSERT_EQ(reads.size(), 1u);
  EXPECT_EQ(reads[0].record_id, id);
  EXPECT_TRUE(ListAudit(t_->db(), {.reach_prefix = "500117", .record_id = id}).empty()) << "audit reads honour reach";
}

TEST_P(ChildStoreTest, ConcurrentExitsOfOneChildHaveOneWinner) {
  if (!t_) return;
  std::string id = Create(11, "req-exit-base");
  constexpr int kClients = 8;
  std::atomic<int> won{0}, refused{0}, other{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kClients; ++i) {
    threads.emplace_back([&, i] {
      std::string rid = "req-exit-" + std::to_string(i);
      try {
        RunIdempotent(t_->db(), Key(rid), [&](db::Tx& tx) {
          return app_
              ->Exit(tx, Officer("officer-" + std::to_string(i), rid, "500116"), {id, 3, "moved to the city"},
                     TodayInChina())
              .id;
        });
        ++won;
      } catch (const DomainError& e) {
        (e.code() == ErrorCode::kFailedPrecondition ? refused : other)++;
      } catch (const std::exception&) {
        ++other;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(won, 1);
  EXPECT_EQ(refused, kClients - 1);
  EXPECT_EQ(other, 0);
  EXPECT_EQ(History(id).size(), 1u);
  EXPECT_EQ(Get(id, "")->version, 2);
  EXPECT_EQ(ListAudit(t_->db(), {.reach_prefix = "", .record_id = id, .action = "child.exit"}).size(), 1u);
}

TEST_P(ChildStoreTest, ConcurrentUpdatesFromOneVersionHaveOneWinner) {
  if (!t_) return;
  std::string id = Create(15, "req-upd-base");
  constexpr int kClients = 8;
  std::atomic<int> won{0}, stale{0}, other{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kClients; ++i) {
    threads.emplace_back([&, i] {
      std::string rid = "req-upd-" + std::to_string(i);
      ChildChanges changes;
      changes.name = "新名字" + std::to_string(i);
      try {
        RunIdempotent(t_->db(), Key(rid), [&](db::Tx& tx) {
          return app_
              ->Update(tx, Officer("officer-" + std::to_string(i), rid, "500116"), {id, 1, changes, ""}, TodayInChina())
              .id;
        });
        ++won;
      } catch (const DomainError& e) {
        (e.code() == ErrorCode::kAborted ? stale : other)++;
      } catch (const std::exception&) {
        ++other;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(won, 1);
  EXPECT_EQ(stale, kClients - 1);
  EXPECT_EQ(other, 0);
  auto after = Get(id, "");
  EXPECT_EQ(after->version, 2);
  EXPECT_EQ(after->name.rfind("新名字", 0), 0u);
  EXPECT_EQ(ListAudit(t_->db(), {.reach_prefix = "", .record_id = id, .action = "child.update"}).size(), 1u);
}

TEST_P(ChildStoreTest, FiltersWorkAlikeOnBothBackends) {
  if (!t_) return;
  auto wang = Valid(21);
  wang.name = "王小红";
  std::string wang_id = Register(wang, "req-flt-1", Key("req-flt-1"));
  auto wangwu = Valid(22);
  wangwu.name = "王五";
  wangwu.category = ChildCategory::kInDifficulty;
  wangwu.hardship_reasons = {1};
  std::string wangwu_id = Register(wangwu, "req-flt-2", Key("req-flt-2"));
  Create(23, "req-flt-3");  // 测试儿童23
  auto ids = [](const std::vector<ChildRecord>& rows) {
    std::set<std::string> out;
    for (const auto& r : rows) out.insert(r.id);
    return out;
  };
  EXPECT_EQ(ids(List("500116", {}, 50, {.name_prefix = "王"})), (std::set<std::string>{wang_id, wangwu_id}));
  EXPECT_EQ(ids(List("500116", {}, 50, {.name_prefix = "王小"})), std::set<std::string>{wang_id});
  EXPECT_EQ(ids(List("500116", {}, 50, {.category = 2})), std::set<std::string>{wangwu_id});
  EXPECT_EQ(List("500116", {}, 50, {.born_on_or_after = "2099-01-01"}).size(), 0u);
  EXPECT_EQ(List("500116", {}, 50, {.status = 2}).size(), 0u);
}

TEST_P(ChildStoreTest, DueToExitListsActiveLeftBehindChildrenWhoTurnedSixteen) {
  if (!t_) return;
  std::string due = Create(12, "req-due-1");
  std::string young = Create(13, "req-due-2");
  std::string exited = Create(14, "req-due-3");
  // Years pass: two of them are now past sixteen.
  t_->db().Transact([&](db::Tx& tx) {
    tx.Exec("UPDATE children SET birth_date = '2009-05-01' WHERE id = ? OR id = ?", {due, exited});
    tx.Exec("UPDATE children SET status = 2 WHERE id = ?", {exited});
  });
  auto cutoff = FormatDate(TurnedSixteenCutoff(TodayInChina()));
  auto rows = app_->List(Officer("reader", "rq"), "500116", {"500116", {}, 50, store::DueToExit(cutoff)});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].id, due);
  EXPECT_TRUE(app_->List(Officer("reader", "rq"), "500117", {"500117", {}, 50, store::DueToExit(cutoff)}).empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, ChildStoreTest, ::testing::Values("sqlite", "mysql"), testing::BackendParamName);

}  // namespace
}  // namespace carehub::registry
