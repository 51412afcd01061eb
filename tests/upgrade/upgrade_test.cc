// Databases made by the previous main (tests/upgrade/main_v1 holds its migrations as they were)
// upgrade in place on both backends: the shared migrations adopt the tables the services made
// themselves, the registry's history is renamed for persons, and what was stored stays readable.
#include <gtest/gtest.h>

#include "common/backend.h"
#include "common/ids.h"
#include "services/funds/migrations.h"
#include "services/registry/migrations.h"
#include "services/volunteers/migrations.h"
#include "tests/support/registry_fixtures.h"
#include "tests/support/registry_harness.h"
#include "tests/support/test_db.h"

namespace carehub {
const std::vector<db::Migration>& MainV1RegistryMigrations(db::Backend backend);
const std::vector<db::Migration>& MainV1FundsMigrations(db::Backend backend);
const std::vector<db::Migration>& MainV1VolunteersMigrations(db::Backend backend);

namespace {

class UpgradeTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override { t_ = testing::TestDatabase::Make(GetParam()); }
  int64_t Count(const std::string& sql) {
    int64_t n = 0;
    t_->db().Read([&](db::Tx& tx) { n = db::AsInt(tx.Query(sql)[0][0]); });
    return n;
  }
  std::unique_ptr<testing::TestDatabase> t_;
};

TEST_P(UpgradeTest, RegistryOfThePreviousMainUpgradesAndKeepsItsRecords) {
  if (!t_) return;
  ASSERT_EQ(db::ApplyMigrations(t_->db(), MainV1RegistryMigrations(t_->db().backend())), 7);
  std::string id = NewId("ch");
  t_->db().Transact([&](db::Tx& tx) {
    tx.Exec(
        "INSERT INTO children (id, name, sex, birth_date, id_number_masked, division_code, category, guardian_name, "
        "guardian_relation, guardian_mobile_masked, created_at, created_by, id_number_cipher, "
        "guardian_mobile_cipher, status, exit_reason, version, address, school, hardship_reasons, father_location, "
        "father_place, mother_location, mother_place, guardian_able_to_care, risk_level, notes) VALUES "
        "(?, '张小明', 1, '2015-03-04', '500116********1234', '500116001001', 1, '张奶奶', 3, '138****5678', "
        "'2026-01-01T00:00:00Z', 'officer-old', 'sealed', 'sealed', 1, 0, 2, '', '', '', 2, '', 2, '', 0, 2, '')",
        {id});
    tx.Exec(
        "INSERT INTO child_status_history (id, child_id, from_status, to_status, reason, note, actor, request_id, "
        "changed_at, field, from_value, to_value) VALUES (?, ?, 1, 1, 0, '入户复核', 'officer-old', 'rq-old', "
        "'2026-01-02T00:00:00Z', 'risk_level', 1, 2)",
        {NewId("cs"), id});
    tx.Exec(
        "INSERT INTO idempotency_keys (subject, request_id, method, request_hash, response, created_at) VALUES "
        "('officer-old', 'rq-old-0001', 'CreateChild', 'h', '', '2026-01-01T00:00:00Z')");
  });

  EXPECT_EQ(MigrateServiceSchema(t_->db(), RegistryMigrations), 11);  // 0011: the change feed's counter
  EXPECT_EQ(Count("SELECT COUNT(*) FROM shared_schema_migrations"), 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM idempotency_keys"), 1);
  EXPECT_EQ(MigrateServiceSchema(t_->db(), RegistryMigrations), 11) << "a second start is a no-op";

  testing::RegistryHarness registry(t_->db());
  Principal officer{"officer-jj", {"officer"}, "500116", "rq"};
  registry::v1::GetChildRequest get;
  get.set_id(id);
  registry::v1::Child child;
  ASSERT_TRUE(registry.stub().GetChild(registry.As(officer).get(), get, &child).ok());
  EXPECT_EQ(child.name(), "张小明");
  EXPECT_EQ(child.version(), 2);

  registry::v1::ExitChildRequest exit;
  exit.set_request_id("rq-upgrade-exit");
  exit.set_id(id);
  exit.set_reason(registry::v1::EXIT_REASON_MOVED_AWAY);
  ASSERT_TRUE(registry.stub().ExitChild(registry.As(officer).get(), exit, &child).ok());
  registry::v1::ListStatusHistoryRequest history;
  history.set_person_id(id);
  registry::v1::ListStatusHistoryResponse changes;
  ASSERT_TRUE(registry.stub().ListStatusHistory(registry.As(officer).get(), history, &changes).ok());
  ASSERT_EQ(changes.changes_size(), 2) << "the history written before the upgrade is still there";
  EXPECT_EQ(changes.changes(0).note(), "入户复核");
  EXPECT_EQ(changes.changes(1).to_status(), registry::v1::CHILD_STATUS_EXITED);
}

// A registry whose change feed was numbered by AUTO_INCREMENT (up to 0010) takes up numbering by
// its counter (0011) after the highest number given, never again below it.
TEST_P(UpgradeTest, TheChangeFeedGoesOnAfterTheNumbersItHadGiven) {
  if (!t_) return;
  const auto& all = RegistryMigrations(t_->db().backend());
  std::vector<db::Migration> up_to_10;
  for (const auto& m : all) {
    if (m.version <= 10) up_to_10.push_back(m);
  }
  ASSERT_EQ(db::ApplyMigrations(t_->db(), up_to_10), 10);
  std::string id = NewId("ch");
  t_->db().Transact([&](db::Tx& tx) {
    tx.Exec(
        "INSERT INTO person_changes (seq, person_id, person_type, division_code, field, status, value, changed_at) "
        "VALUES (41, ?, 'child', '500116001001', 'status', 2, 0, '2026-01-01T00:00:00Z')",
        {id});
  });
  ASSERT_EQ(MigrateServiceSchema(t_->db(), RegistryMigrations), 11);
  testing::RegistryHarness registry(t_->db());
  Principal officer{"officer-jj", {"officer"}, "500116", "rq"};
  registry::v1::CreateChildRequest create;
  create.set_request_id("rq-upgrade-feed-1");
  *create.mutable_child() = testing::ChildProto(1);
  registry::v1::Child child;
  ASSERT_TRUE(registry.stub().CreateChild(registry.As(officer).get(), create, &child).ok());
  registry::v1::ExitChildRequest exit;
  exit.set_request_id("rq-upgrade-feed-2");
  exit.set_id(child.id());
  exit.set_reason(registry::v1::EXIT_REASON_MOVED_AWAY);
  ASSERT_TRUE(registry.stub().ExitChild(registry.As(officer).get(), exit, &child).ok());
  EXPECT_EQ(Count("SELECT MAX(seq) FROM person_changes"), 42);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM person_changes"), 2);
}

TEST_P(UpgradeTest, FundsAndVolunteersOfThePreviousMainUpgrade) {
  if (!t_) return;
  for (auto [old, now] : {std::pair<MigrationList, MigrationList>{MainV1FundsMigrations, FundsMigrations},
                          std::pair<MigrationList, MigrationList>{MainV1VolunteersMigrations, VolunteersMigrations}}) {
    auto fresh = t_->OpenAnother();
    // Each service has a database of its own; here they share one after another, so start clean.
    fresh->Transact([](db::Tx& tx) {
      tx.Exec("DROP TABLE IF EXISTS idempotency_keys");
      tx.Exec("DROP TABLE IF EXISTS audit_events");
      tx.Exec("DROP TABLE IF EXISTS schema_migrations");
      tx.Exec("DROP TABLE IF EXISTS shared_schema_migrations");
      for (const char* t : {"ledger_entries", "accounts", "programs"})
        tx.Exec(std::string("DROP TABLE IF EXISTS ") + t);
    });
    ASSERT_EQ(db::ApplyMigrations(*fresh, old(fresh->backend())), 1);
    fresh->Transact([](db::Tx& tx) {
      tx.Exec(
          "INSERT INTO idempotency_keys (subject, request_id, method, request_hash, response, created_at) VALUES "
          "('s', 'rq-kept-0001', 'M', 'h', '', '2026-01-01T00:00:00Z')");
    });
    EXPECT_EQ(MigrateServiceSchema(*fresh, now), now(fresh->backend()).back().version);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM idempotency_keys"), 1);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_events"), 0) << "the shared audit table joins the old schema";
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, UpgradeTest, ::testing::Values("sqlite", "mysql"), testing::BackendParamName);

}  // namespace
}  // namespace carehub
