// The registry over a real in-process gRPC channel, as a backend sees calls from the gateway.
#include "services/registry/api/registry_api.h"

#include <gtest/gtest.h>

#include "common/crypto.h"
#include "common/db/migrations.h"
#include "common/ids.h"
#include "tests/support/registry_fixtures.h"
#include "tests/support/registry_harness.h"
#include "tests/support/test_db.h"

namespace carehub::registry {
namespace {

class RegistryServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    t_ = testing::TestDatabase::Make("sqlite");
    harness_ = std::make_unique<testing::RegistryHarness>(t_->db());
    stub_ = &harness_->stub();
    key_ = harness_->key();
  }

  std::unique_ptr<grpc::ClientContext> As(const Principal& p, const std::string& key = "") {
    return harness_->As(p, key);
  }
  grpc::Status Create(const Principal& p, const v1::Child& c, const std::string& rid, v1::Child* out = nullptr) {
    v1::CreateChildRequest req;
    req.set_request_id(rid);
    *req.mutable_child() = c;
    v1::Child resp;
    auto s = stub_->CreateChild(As(p).get(), req, &resp);
    if (out) *out = resp;
    return s;
  }
  size_t CountAll() {
    v1::ListChildrenRequest req;
    req.set_page_size(500);
    v1::ListChildrenResponse resp;
    EXPECT_TRUE(stub_->ListChildren(As(admin_).get(), req, &resp).ok());
    return resp.children_size();
  }

  std::string key_;
  Principal officer_{"officer-jj", {"officer"}, "500116", "rq"};
  Principal other_district_{"officer-yb", {"officer"}, "500113", "rq"};
  Principal admin_{"admin", {"admin"}, "", "rq"};
  std::unique_ptr<testing::TestDatabase> t_;
  std::unique_ptr<testing::RegistryHarness> harness_;
  v1::RegistryService::Stub* stub_ = nullptr;
};

TEST_F(RegistryServiceTest, CallsWithoutAValidPrincipalAreUnauthenticated) {
  v1::GetChildRequest req;
  req.set_id("ch_01M82JZ8KJ2A6H76TFAJT1EACQ");
  v1::Child resp;
  grpc::ClientContext bare;
  EXPECT_EQ(stub_->GetChild(&bare, req, &resp).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(stub_->GetChild(As(officer_, crypto::RandomBytes(32)).get(), req, &resp).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(Create(Principal{}, testing::ChildProto(1), "req-unauth").error_code(), grpc::StatusCode::UNAUTHENTICATED);
}

TEST_F(RegistryServiceTest, CreateMasksIdentifiersAndReplaysIdentically) {
  v1::Child first, again;
  auto c = testing::ChildProto(1);
  ASSERT_TRUE(Create(officer_, c, "req-00000001", &first).ok());
  EXPECT_TRUE(IsValidId(first.id(), "ch"));
  EXPECT_EQ(first.resident_id_number(), MaskResidentId(c.resident_id_number()));
  EXPECT_EQ(first.guardian().mobile(), "138****5678");
  EXPECT_EQ(first.created_by(), "officer-jj");
  ASSERT_TRUE(Create(officer_, c, "req-00000001", &again).ok());
  EXPECT_EQ(again.SerializeAsString(), first.SerializeAsString());
  auto changed = c;
  changed.set_name("另一个名字");
  auto s = Create(officer_, changed, "req-00000001");
  EXPECT_EQ(s.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_NE(s.error_message().find("request_id"), std::string::npos);
  EXPECT_EQ(CountAll(), 1u);
}

TEST_F(RegistryServiceTest, BadInputNamesTheFieldAndStoresNothing) {
  struct Case {
    std::string what;
    std::function<void(v1::Child&)> spoil;
    std::string field;
  };
  std::vector<Case> cases = {
      {"bad checksum",
       [](v1::Child& c) {
         auto n = c.resident_id_number();
         n[17] = n[17] == '1' ? '2' : '1';
         c.set_resident_id_number(n);
       },
       "child.resident_id_number"},
      {"10 KB name", [](v1::Child& c) { c.set_name(std::string(10 * 1024, 'x')); }, "child.name"},
      {"unknown category", [](v1::Child& c) { c.set_category(static_cast<v1::ChildCategory>(42)); }, "child.category"},
      {"unknown sex", [](v1::Child& c) { c.set_sex(static_cast<v1::Sex>(-3)); }, "child.sex"},
      {"short division", [](v1::Child& c) { c.set_division_code("500116"); }, "child.division_code"},
      {"bad mobile", [](v1::Child& c) { c.mutable_guardian()->set_mobile("+8613812345678"); }, "child.guardian.mobile"},
      {"date disagrees", [](v1::Child& c) { c.set_birth_date("2000-01-01"); }, "child.birth_date"},
  };
  int i = 0;
  for (const auto& k : cases) {
    auto c = testing::ChildProto(1);
    k.spoil(c);
    auto s = Create(officer_, c, "req-bad-" + std::to_string(i++));
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << k.what;
    EXPECT_EQ(s.error_message().rfind(k.field + ":", 0), 0u) << k.what << ": " << s.error_message();
  }
  EXPECT_EQ(Create(officer_, testing::ChildProto(1), "").error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  // Invalid UTF-8 in a proto3 string never reaches the handler: protobuf refuses to parse the
  // request and gRPC answers INTERNAL on its own. The call still fails and stores nothing.
  auto bad_utf8 = testing::ChildProto(1);
  bad_utf8.set_name("\xc3\x28");
  EXPECT_FALSE(Create(officer_, bad_utf8, "req-bad-utf8").ok());
  EXPECT_EQ(CountAll(), 0u);
}

TEST_F(RegistryServiceTest, ReachIsEnforcedAndUnprobeable) {
  v1::Child jj;
  ASSERT_TRUE(Create(officer_, testing::ChildProto(1), "req-reach-1", &jj).ok());
  // Creating outside one's reach is refused.
  auto s = Create(officer_, testing::ChildProto(2, "500113001001"), "req-reach-2");
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(s.error_message().rfind("child.division_code:", 0), 0u);
  // Another district gets NOT_FOUND for an existing child, exactly as for a missing one.
  v1::GetChildRequest get;
  get.set_id(jj.id());
  v1::Child resp;
  auto hidden = stub_->GetChild(As(other_district_).get(), get, &resp);
  get.set_id("ch_01M82JZ8KJ2A6H76TFAJT1EACQ");
  auto missing = stub_->GetChild(As(other_district_).get(), get, &resp);
  EXPECT_EQ(hidden.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(hidden.error_message(), missing.error_message());
  // …and lists nothing of it, even when asking for the other district's prefix.
  v1::ListChildrenRequest list;
  list.set_division_prefix("500116");
  v1::ListChildrenResponse page;
  ASSERT_TRUE(stub_->ListChildren(As(other_district_).get(), list, &page).ok());
  EXPECT_EQ(page.children_size(), 0);
  ASSERT_TRUE(stub_->ListChildren(As(officer_).get(), list, &page).ok());
  EXPECT_EQ(page.children_size(), 1);
}

TEST_F(RegistryServiceTest, RolesAreEnforced) {
  Principal auditor{"aud", {"auditor"}, "", "rq"};
  EXPECT_EQ(Create(auditor, testing::ChildProto(1), "req-role-1").error_code(), grpc::StatusCode::PERMISSION_DENIED);
  Principal machine{"sys", {"integration"}, "", "rq"};
  v1::ListChildrenRequest list;
  v1::ListChildrenResponse page;
  EXPECT_EQ(stub_->ListChildren(As(machine).get(), list, &page).error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_TRUE(stub_->ListChildren(As(auditor).get(), list, &page).ok());
}

TEST_F(RegistryServiceTest, PagingRules) {
  for (int i = 0; i < 7; ++i)
    ASSERT_TRUE(Create(officer_, testing::ChildProto(i), "req-page-" + std::to_string(i)).ok());
  v1::ListChildrenRequest req;
  v1::ListChildrenResponse page;
  req.set_page_size(-1);
  auto s = stub_->ListChildren(As(officer_).get(), req, &page);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(s.error_message().rfind("page_size:", 0), 0u);
  req.set_page_size(3);
  std::set<std::string> ids;
  std::string token;
  int pages = 0;
  do {
    req.set_page_token(token);
    page.Clear();
    ASSERT_TRUE(stub_->ListChildren(As(officer_).get(), req, &page).ok());
    for (const auto& c : page.children()) ids.insert(c.id());
    token = page.next_page_token();
    ++pages;
  } while (!token.empty());
  EXPECT_EQ(ids.size(), 7u);
  EXPECT_EQ(pages, 3);  // 3 + 3 + 1, and the last page carries no token
  // A token reused with other filters is refused.
  req.set_page_size(3);
  req.set_page_token("");
  ASSERT_TRUE(stub_->ListChildren(As(officer_).get(), req, &page).ok());
  req.set_page_token(page.next_page_token());
  req.set_division_prefix("500116001");
  s = stub_->ListChildren(As(officer_).get(), req, &page);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(s.error_message().rfind("page_token:", 0), 0u);
  req.set_division_prefix("5001x");
  req.set_page_token("");
  EXPECT_EQ(stub_->ListChildren(As(officer_).get(), req, &page).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(RegistryServiceTest, PiiRoleSeesIdentifiersAndEveryLookIsAudited) {
  auto c = testing::ChildProto(1);
  v1::Child created;
  ASSERT_TRUE(Create(officer_, c, "req-pii-1", &created).ok());
  v1::GetChildRequest get;
  get.set_id(created.id());
  v1::Child plain, unmasked;
  ASSERT_TRUE(stub_->GetChild(As(officer_).get(), get, &plain).ok());
  EXPECT_EQ(plain.resident_id_number(), MaskResidentId(c.resident_id_number()));
  Principal pii_officer{"officer-pii", {"officer", "pii"}, "500116", "rq-look-7"};
  ASSERT_TRUE(stub_->GetChild(As(pii_officer).get(), get, &unmasked).ok());
  EXPECT_EQ(unmasked.resident_id_number(), c.resident_id_number());
  EXPECT_EQ(unmasked.guardian().mobile(), "13812345678");
  v1::ListChildrenRequest list;
  v1::ListChildrenResponse page;
  ASSERT_TRUE(stub_->ListChildren(As(pii_officer).get(), list, &page).ok());
  EXPECT_EQ(page.children(0).resident_id_number(), c.resident_id_number());

  // The auditor sees who looked: one event per unmasked record read, none for masked reads.
  Principal auditor{"aud", {"auditor"}, "", "rq"};
  common::v1::ListAuditEventsRequest q;
  q.set_actor("officer-pii");
  common::v1::ListAuditEventsResponse events;
  ASSERT_TRUE(stub_->ListAuditEvents(As(auditor).get(), q, &events).ok());
  ASSERT_EQ(events.events_size(), 2);
  EXPECT_EQ(events.events(0).action(), "child.read_unmasked");
  EXPECT_EQ(events.events(0).record_id(), created.id());
  EXPECT_EQ(events.events(0).request_id(), "rq-look-7");
  q.Clear();
  q.set_record_id(created.id());
  ASSERT_TRUE(stub_->ListAuditEvents(As(auditor).get(), q, &events).ok());
  EXPECT_EQ(events.events_size(), 3);  // created, then read unmasked twice
  for (const auto& e : events.events()) {
    EXPECT_EQ(e.after_json().find(c.resident_id_number()), std::string::npos);
  }
  // Only auditors and admins read the trail, and only inside their reach.
  EXPECT_EQ(stub_->ListAuditEvents(As(officer_).get(), q, &events).error_code(), grpc::StatusCode::PERMISSION_DENIED);
  Principal far_auditor{"aud2", {"auditor"}, "500113", "rq"};
  ASSERT_TRUE(stub_->ListAuditEvents(As(far_auditor).get(), q, &events).ok());
  EXPECT_EQ(events.events_size(), 0);
  // Paging: one event per page, every event once.
  q.set_page_size(1);
  std::set<std::string> seen;
  std::string token;
  do {
    q.set_page_token(token);
    ASSERT_TRUE(stub_->ListAuditEvents(As(auditor).get(), q, &events).ok());
    for (const auto& e : events.events()) seen.insert(e.id());
    token = events.next_page_token();
  } while (!token.empty());
  EXPECT_EQ(seen.size(), 3u);
}

TEST_F(RegistryServiceTest, ExitAndReactivateKeepAHistory) {
  v1::Child child;
  ASSERT_TRUE(Create(officer_, testing::ChildProto(1), "req-st-1", &child).ok());
  EXPECT_EQ(child.status(), v1::CHILD_STATUS_ACTIVE);
  auto exit = [&](const Principal& p, const std::string& rid, v1::ExitReason reason, const std::string& note,
                  v1::Child* out = nullptr) {
    v1::ExitChildRequest req;
    req.set_request_id(rid);
    req.set_id(child.id());
    req.set_reason(reason);
    req.set_note(note);
    v1::Child resp;
    auto s = stub_->ExitChild(As(p).get(), req, &resp);
    if (out) *out = resp;
    return s;
  };
  // Bad requests change nothing.
  EXPECT_EQ(exit(officer_, "req-st-2", v1::EXIT_REASON_UNSPECIFIED, "").error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(exit(officer_, "req-st-3", v1::EXIT_REASON_OTHER, "  ").error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(exit(officer_, "req-st-4", v1::EXIT_REASON_PARENT_RETURNED, std::string(2000, 'x')).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  auto too_young = exit(officer_, "req-st-5", v1::EXIT_REASON_TURNED_16, "");
  EXPECT_EQ(too_young.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(too_young.error_message().rfind("reason:", 0), 0u);
  EXPECT_EQ(exit(other_district_, "req-st-6", v1::EXIT_REASON_MOVED_AWAY, "").error_code(),
            grpc::StatusCode::NOT_FOUND);
  Principal auditor{"aud", {"auditor"}, "", "rq"};
  EXPECT_EQ(exit(auditor, "req-st-7", v1::EXIT_REASON_MOVED_AWAY, "").error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  v1::ListStatusHistoryRequest hreq;
  hreq.set_person_id(child.id());
  v1::ListStatusHistoryResponse history;
  ASSERT_TRUE(stub_->ListStatusHistory(As(officer_).get(), hreq, &history).ok());
  EXPECT_EQ(history.changes_size(), 0);

  v1::Child exited, replayed;
  ASSERT_TRUE(exit(officer_, "req-st-8", v1::EXIT_REASON_PARENT_RETURNED, "母亲回乡就业", &exited).ok());
  EXPECT_EQ(exited.status(), v1::CHILD_STATUS_EXITED);
  EXPECT_EQ(exited.exit_reason(), v1::EXIT_REASON_PARENT_RETURNED);
  EXPECT_EQ(exited.version(), 2);
  ASSERT_TRUE(exit(officer_, "req-st-8", v1::EXIT_REASON_PARENT_RETURNED, "母亲回乡就业", &replayed).ok());
  EXPECT_EQ(replayed.SerializeAsString(), exited.SerializeAsString());
  EXPECT_EQ(exit(officer_, "req-st-9", v1::EXIT_REASON_MOVED_AWAY, "").error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);

  v1::ReactivateChildRequest rreq;
  rreq.set_request_id("req-st-10");
  rreq.set_id(child.id());
  v1::Child back;
  EXPECT_EQ(stub_->ReactivateChild(As(officer_).get(), rreq, &back).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  rreq.set_note("父母再次外出务工");
  ASSERT_TRUE(stub_->ReactivateChild(As(officer_).get(), rreq, &back).ok());
  EXPECT_EQ(back.status(), v1::CHILD_STATUS_ACTIVE);
  EXPECT_EQ(back.version(), 3);

  ASSERT_TRUE(stub_->ListStatusHistory(As(officer_).get(), hreq, &history).ok());
  ASSERT_EQ(history.changes_size(), 2);
  EXPECT_EQ(history.changes(0).to_status(), v1::CHILD_STATUS_EXITED);
  EXPECT_EQ(history.changes(0).field(), "status");
  EXPECT_EQ(history.changes(0).note(), "母亲回乡就业");
  EXPECT_EQ(history.changes(0).actor(), "officer-jj");
  EXPECT_EQ(history.changes(1).to_status(), v1::CHILD_STATUS_ACTIVE);
  EXPECT_EQ(stub_->ListStatusHistory(As(other_district_).get(), hreq, &history).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(RegistryServiceTest, UpdateWithFieldMaskAndVersion) {
  v1::Child child;
  ASSERT_TRUE(Create(officer_, testing::ChildProto(1), "req-up-1", &child).ok());
  auto update = [&](const std::string& rid, v1::Child c, std::vector<std::string> paths, v1::Child* out = nullptr,
                    const Principal* as = nullptr) {
    v1::UpdateChildRequest req;
    req.set_request_id(rid);
    *req.mutable_child() = c;
    for (const auto& p : paths) req.mutable_update_mask()->add_paths(p);
    v1::Child resp;
    auto s = stub_->UpdateChild(As(as ? *as : officer_).get(), req, &resp);
    if (out) *out = resp;
    return s;
  };
  v1::Child change = child;
  change.set_name("张晓明");
  change.mutable_guardian()->set_mobile("13912345678");
  change.set_sex(v1::SEX_FEMALE);  // not in the mask: ignored
  v1::Child updated;
  ASSERT_TRUE(update("req-up-2", change, {"name", "guardian.mobile"}, &updated).ok());
  EXPECT_EQ(updated.name(), "张晓明");
  EXPECT_EQ(updated.guardian().mobile(), "139****5678");
  EXPECT_EQ(updated.sex(), v1::SEX_MALE);
  EXPECT_EQ(updated.version(), 2);
  // The same request again returns the same answer; a stale version changes nothing.
  v1::Child again;
  ASSERT_TRUE(update("req-up-2", change, {"name", "guardian.mobile"}, &again).ok());
  EXPECT_EQ(again.SerializeAsString(), updated.SerializeAsString());
  change.set_name("过期的修改");
  auto stale = update("req-up-3", change, {"name"});  // still says version 1
  EXPECT_EQ(stale.error_code(), grpc::StatusCode::ABORTED);
  EXPECT_EQ(stale.error_message().rfind("child.version:", 0), 0u);
  v1::GetChildRequest get;
  get.set_id(child.id());
  v1::Child now;
  ASSERT_TRUE(stub_->GetChild(As(officer_).get(), get, &now).ok());
  EXPECT_EQ(now.name(), "张晓明");

  change = now;
  struct Bad {
    std::vector<std::string> paths;
    std::function<void(v1::Child&)> spoil;
    grpc::StatusCode code;
    std::string field;
  };
  std::vector<Bad> bad = {
      {{}, [](v1::Child&) {}, grpc::StatusCode::INVALID_ARGUMENT, "update_mask"},
      {{"resident_id_number"}, [](v1::Child&) {}, grpc::StatusCode::INVALID_ARGUMENT, "update_mask"},
      {{"created_by"}, [](v1::Child&) {}, grpc::StatusCode::INVALID_ARGUMENT, "update_mask"},
      {{"name"}, [](v1::Child& c) { c.set_name(""); }, grpc::StatusCode::INVALID_ARGUMENT, "child.name"},
      {{"guardian"},
       [](v1::Child& c) { c.mutable_guardian()->set_mobile("123"); },
       grpc::StatusCode::INVALID_ARGUMENT,
       "child.guardian.mobile"},
      {{"division_code"},
       [](v1::Child& c) { c.set_division_code("500113001001"); },
       grpc::StatusCode::PERMISSION_DENIED,
       "child.division_code"},
      {{"name"}, [](v1::Child& c) { c.set_version(0); }, grpc::StatusCode::INVALID_ARGUMENT, "child.version"},
  };
  int i = 0;
  for (const auto& b : bad) {
    v1::Child c = now;
    b.spoil(c);
    auto s = update("req-up-bad-" + std::to_string(i++), c, b.paths);
    EXPECT_EQ(s.error_code(), b.code) << s.error_message();
    EXPECT_EQ(s.error_message().rfind(b.field + ":", 0), 0u) << s.error_message();
  }
  ASSERT_TRUE(stub_->GetChild(As(officer_).get(), get, &now).ok());
  EXPECT_EQ(now.version(), 2) << "no bad update changed anything";
  // Another district cannot touch it at all.
  EXPECT_EQ(update("req-up-far", now, {"name"}, nullptr, &other_district_).error_code(), grpc::StatusCode::NOT_FOUND);
}

TEST_F(RegistryServiceTest, UpdatingDetailsKeepsTheCategoryRules) {
  v1::Child child;
  ASSERT_TRUE(Create(officer_, testing::ChildProto(1), "req-det-1", &child).ok());
  auto update = [&](const std::string& rid, const v1::Child& c, std::vector<std::string> paths, v1::Child* out,
                    const std::string& note = "入户复核") {
    v1::UpdateChildRequest req;
    req.set_request_id(rid);
    *req.mutable_child() = c;
    req.set_note(note);
    for (const auto& p : paths) req.mutable_update_mask()->add_paths(p);
    return stub_->UpdateChild(As(officer_).get(), req, out);
  };
  v1::Child c = child, out;
  c.set_risk_level(v1::RISK_LEVEL_HIGH);
  c.set_school("江津区某小学");
  auto no_why = update("req-det-1b", c, {"risk_level", "school"}, &out, "");
  EXPECT_EQ(no_why.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(no_why.error_message().rfind("note:", 0), 0u);
  ASSERT_TRUE(update("req-det-2", c, {"risk_level", "school"}, &out).ok());
  EXPECT_EQ(out.risk_level(), v1::RISK_LEVEL_HIGH);
  EXPECT_EQ(out.school(), "江津区某小学");
  // Mother comes home; the grandmother cannot care: still left-behind.
  c = out;
  c.mutable_mother()->set_location(v1::PARENT_LOCATION_AT_HOME);
  ASSERT_TRUE(update("req-det-3", c, {"mother.location"}, &out).ok());
  // Now the guardian can care: no longer left-behind, refused on the category.
  c = out;
  c.mutable_guardian()->set_able_to_care(true);
  auto s = update("req-det-4", c, {"guardian.able_to_care"}, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(s.error_message().rfind("child.category:", 0), 0u) << s.error_message();
  // Moving the child to "in difficulty" needs a hardship reason, in the same change.
  c.set_category(v1::CHILD_CATEGORY_IN_DIFFICULTY);
  s = update("req-det-5", c, {"category", "guardian.able_to_care"}, &out);
  EXPECT_EQ(s.error_message().rfind("child.hardship_reasons:", 0), 0u) << s.error_message();
  c.add_hardship_reasons(v1::HARDSHIP_REASON_GUARDIANSHIP_FAILURE);
  c.add_hardship_reasons(v1::HARDSHIP_REASON_POVERTY);
  ASSERT_TRUE(update("req-det-6", c, {"category", "guardian.able_to_care", "hardship_reasons"}, &out).ok());
  EXPECT_EQ(out.category(), v1::CHILD_CATEGORY_IN_DIFFICULTY);
  ASSERT_EQ(out.hardship_reasons_size(), 2);
  EXPECT_EQ(out.hardship_reasons(0), v1::HARDSHIP_REASON_POVERTY);  // kept sorted
  EXPECT_EQ(out.version(), 4);
  c = out;
  c.set_risk_level(static_cast<v1::RiskLevel>(9));
  EXPECT_EQ(update("req-det-7", c, {"risk_level"}, &out).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  v1::ListChildrenRequest by_risk;
  by_risk.set_risk_level(v1::RISK_LEVEL_HIGH);
  v1::ListChildrenResponse risky;
  ASSERT_TRUE(stub_->ListChildren(As(officer_).get(), by_risk, &risky).ok());
  ASSERT_EQ(risky.children_size(), 1);
  EXPECT_EQ(risky.children(0).id(), child.id());
  by_risk.set_risk_level(v1::RISK_LEVEL_MEDIUM);
  ASSERT_TRUE(stub_->ListChildren(As(officer_).get(), by_risk, &risky).ok());
  EXPECT_EQ(risky.children_size(), 0);
  // Risk and category changes are in the history with who, when and why.
  v1::ListStatusHistoryRequest hreq;
  hreq.set_person_id(child.id());
  v1::ListStatusHistoryResponse history;
  ASSERT_TRUE(stub_->ListStatusHistory(As(officer_).get(), hreq, &history).ok());
  ASSERT_EQ(history.changes_size(), 2);
  EXPECT_EQ(history.changes(0).field(), "risk_level");
  EXPECT_EQ(history.changes(0).from_value(), v1::RISK_LEVEL_LOW);
  EXPECT_EQ(history.changes(0).to_value(), v1::RISK_LEVEL_HIGH);
  EXPECT_EQ(history.changes(0).note(), "入户复核");
  EXPECT_EQ(history.changes(0).actor(), "officer-jj");
  EXPECT_EQ(history.changes(1).field(), "category");
  EXPECT_EQ(history.changes(1).to_value(), v1::CHILD_CATEGORY_IN_DIFFICULTY);
}

TEST_F(RegistryServiceTest, GetBeneficiaryGivesEligibilityFactsWithoutIdentifiers) {
  v1::Child child;
  auto proto = testing::ChildProto(1);
  ASSERT_TRUE(Create(officer_, proto, "req-ben-1", &child).ok());
  v1::GetBeneficiaryRequest req;
  req.set_id(child.id());
  v1::Beneficiary b;
  Principal pii{"p", {"officer", "pii"}, "500116", "rq"};
  ASSERT_TRUE(stub_->GetBeneficiary(As(pii).get(), req, &b).ok());
  EXPECT_EQ(b.kind(), v1::BENEFICIARY_KIND_CHILD);
  EXPECT_TRUE(b.active());
  EXPECT_EQ(b.categories(0), "left_behind");
  EXPECT_EQ(b.division_code(), "500116001001");
  EXPECT_EQ(b.birth_date(), proto.birth_date());
  EXPECT_EQ(b.SerializeAsString().find(proto.resident_id_number()), std::string::npos);
  EXPECT_EQ(b.SerializeAsString().find("13812345678"), std::string::npos);
  EXPECT_EQ(stub_->GetBeneficiary(As(other_district_).get(), req, &b).error_code(), grpc::StatusCode::NOT_FOUND);
  req.set_id("wm_nope");
  EXPECT_EQ(stub_->GetBeneficiary(As(officer_).get(), req, &b).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(RegistryServiceTest, StreamBeneficiariesGivesEveryoneUnderAPrefixOnceInOrderAndResumes) {
  std::vector<std::string> ids;
  for (int n = 1; n <= 1'050; ++n) {
    v1::Child out;
    ASSERT_TRUE(Create(officer_, testing::ChildProto(n, n % 3 ? "500116001001" : "500116001002"),
                       "req-stream-" + std::to_string(n), &out)
                    .ok());
    ids.push_back(out.id());
  }
  v1::Child elsewhere;
  ASSERT_TRUE(Create(officer_, testing::ChildProto(2'000, "500116002001"), "req-stream-x", &elsewhere).ok());
  v1::ExitChildRequest ex;
  ex.set_request_id("req-stream-exit");
  ex.set_id(ids[7]);
  ex.set_reason(v1::EXIT_REASON_MOVED_AWAY);
  v1::Child exited;
  ASSERT_TRUE(stub_->ExitChild(As(officer_).get(), ex, &exited).ok());

  auto stream = [&](const Principal& who, std::function<void(v1::StreamBeneficiariesRequest&)> set,
                    grpc::Status* status = nullptr) {
    v1::StreamBeneficiariesRequest req;
    req.set_kind(v1::BENEFICIARY_KIND_CHILD);
    req.set_division_prefix("500116001");
    if (set) set(req);
    auto ctx = As(who);
    auto reader = stub_->StreamBeneficiaries(ctx.get(), req);
    std::vector<v1::Beneficiary> out;
    v1::Beneficiary b;
    while (reader->Read(&b)) out.push_back(b);
    auto s = reader->Finish();
    if (status)
      *status = s;
    else
      EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  };
  auto all = stream(officer_, nullptr);
  ASSERT_EQ(all.size(), 1'050u);
  for (size_t i = 1; i < all.size(); ++i) {
    ASSERT_LT(all[i - 1].division_code() + "/" + all[i - 1].id(), all[i].division_code() + "/" + all[i].id());
  }
  auto first = std::find_if(all.begin(), all.end(), [&](const auto& b) { return b.id() == ids[0]; });
  ASSERT_NE(first, all.end());
  EXPECT_EQ(first->SerializeAsString().find(testing::ChildProto(1).resident_id_number()), std::string::npos)
      << "facts only: never an ID number";
  EXPECT_EQ(stream(officer_, [](auto& r) { r.set_active_only(true); }).size(), 1'049u);
  // Resumed after the 600th, it gives exactly the rest.
  auto rest = stream(officer_, [&](auto& r) { r.set_after(all[599].division_code() + "/" + all[599].id()); });
  ASSERT_EQ(rest.size(), 450u);
  EXPECT_EQ(rest[0].id(), all[600].id());
  EXPECT_EQ(rest.back().id(), all.back().id());
  // Reach applies: another district sees no one.
  EXPECT_TRUE(stream(other_district_, [](auto& r) { r.clear_division_prefix(); }).empty());
  grpc::Status s;
  stream(
      officer_, [](auto& r) { r.set_kind(v1::BENEFICIARY_KIND_UNSPECIFIED); }, &s);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  stream(
      officer_, [](auto& r) { r.set_after("garbage"); }, &s);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("after"), std::string::npos) << s.error_message();
}

TEST_F(RegistryServiceTest, ListFiltersByCategoryStatusAgeAndName) {
  // ChildProto(n) is born in 2012 + (n / 336) % 3: n < 336 → 2012, 336.. → 2013, 672.. → 2014.
  std::vector<int> ns = {1, 2, 340, 341, 700};
  std::map<int, std::string> ids;
  for (int n : ns) {
    auto c = testing::ChildProto(n);
    if (n == 2) {
      c.set_category(v1::CHILD_CATEGORY_IN_DIFFICULTY);
      c.add_hardship_reasons(v1::HARDSHIP_REASON_DISABILITY);
    }
    if (n == 341) c.set_name("王小红");
    v1::Child out;
    ASSERT_TRUE(Create(officer_, c, "req-filter-" + std::to_string(n), &out).ok());
    ids[n] = out.id();
  }
  v1::ExitChildRequest ex;
  ex.set_request_id("req-f-exit");
  ex.set_id(ids[340]);
  ex.set_reason(v1::EXIT_REASON_MOVED_AWAY);
  v1::Child exited;
  ASSERT_TRUE(stub_->ExitChild(As(officer_).get(), ex, &exited).ok());

  auto list = [&](std::function<void(v1::ListChildrenRequest&)> set) {
    v1::ListChildrenRequest req;
    set(req);
    v1::ListChildrenResponse resp;
    auto s = stub_->ListChildren(As(officer_).get(), req, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    std::set<std::string> got;
    for (const auto& c : resp.children()) got.insert(c.id());
    return got;
  };
  EXPECT_EQ(list([](auto& r) { r.set_category(v1::CHILD_CATEGORY_IN_DIFFICULTY); }), std::set<std::string>{ids[2]});
  EXPECT_EQ(list([](auto& r) { r.set_status(v1::CHILD_STATUS_EXITED); }), std::set<std::string>{ids[340]});
  EXPECT_EQ(list([](auto& r) { r.set_name_prefix("王"); }), std::set<std::string>{ids[341]});
  EXPECT_EQ(list([](auto& r) { r.set_name_prefix("测试儿童7"); }), std::set<std::string>{ids[700]});
  // Born in 2014: 11 or 12 years old on any day of 2026; those born in 2012 are 13 or 14.
  auto young = list([](auto& r) { r.set_max_age(12); });
  EXPECT_TRUE(young.count(ids[700]));
  EXPECT_FALSE(young.count(ids[1]));
  auto old = list([](auto& r) { r.set_min_age(13); });
  EXPECT_TRUE(old.count(ids[1]));
  EXPECT_FALSE(old.count(ids[700]));

  v1::ListChildrenRequest bad;
  v1::ListChildrenResponse resp;
  bad.set_min_age(13);
  bad.set_max_age(12);
  EXPECT_EQ(stub_->ListChildren(As(officer_).get(), bad, &resp).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  bad.Clear();
  bad.set_category(static_cast<v1::ChildCategory>(9));
  EXPECT_EQ(stub_->ListChildren(As(officer_).get(), bad, &resp).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  bad.Clear();
  bad.set_min_age(-1);
  EXPECT_EQ(stub_->ListChildren(As(officer_).get(), bad, &resp).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  // A page token is bound to its filters.
  v1::ListChildrenRequest paged;
  paged.set_page_size(1);
  ASSERT_TRUE(stub_->ListChildren(As(officer_).get(), paged, &resp).ok());
  paged.set_page_token(resp.next_page_token());
  paged.set_category(v1::CHILD_CATEGORY_LEFT_BEHIND);
  EXPECT_EQ(stub_->ListChildren(As(officer_).get(), paged, &resp).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

// The change feed: an exit and a risk change appear in order, in the transaction that made them,
// inside the reader's reach, for services (integration) and auditors only.
TEST_F(RegistryServiceTest, StatusAndRiskChangesAppearInTheChangeFeed) {
  v1::Child child, other;
  ASSERT_TRUE(Create(officer_, testing::ChildProto(1), "req-feed-1", &child).ok());
  ASSERT_TRUE(Create(officer_, testing::ChildProto(2), "req-feed-2", &other).ok());
  v1::UpdateChildRequest up;
  up.set_request_id("req-feed-3");
  *up.mutable_child() = child;
  up.mutable_child()->set_risk_level(v1::RISK_LEVEL_HIGH);
  up.mutable_update_mask()->add_paths("risk_level");
  up.set_note("走访发现监护缺失");
  ASSERT_TRUE(stub_->UpdateChild(As(officer_).get(), up, &child).ok());
  v1::ExitChildRequest ex;
  ex.set_request_id("req-feed-4");
  ex.set_id(other.id());
  ex.set_reason(v1::EXIT_REASON_MOVED_AWAY);
  ex.set_note("随父母迁居");
  ASSERT_TRUE(stub_->ExitChild(As(officer_).get(), ex, &other).ok());

  Principal service{"carehub-volunteers", {"integration"}, "", "rq"};
  v1::ListPersonChangesRequest req;
  v1::ListPersonChangesResponse feed;
  EXPECT_EQ(stub_->ListPersonChanges(As(officer_).get(), req, &feed).error_code(), grpc::StatusCode::PERMISSION_DENIED);
  ASSERT_TRUE(stub_->ListPersonChanges(As(service).get(), req, &feed).ok());
  ASSERT_EQ(feed.changes_size(), 2);
  EXPECT_EQ(feed.changes(0).person_id(), child.id());
  EXPECT_EQ(feed.changes(0).field(), "risk_level");
  EXPECT_EQ(feed.changes(0).value(), v1::RISK_LEVEL_HIGH);
  EXPECT_EQ(feed.changes(1).person_id(), other.id());
  EXPECT_EQ(feed.changes(1).field(), "status");
  EXPECT_EQ(feed.changes(1).status(), v1::CHILD_STATUS_EXITED);
  EXPECT_LT(feed.changes(0).seq(), feed.changes(1).seq());
  EXPECT_EQ(feed.last_seq(), feed.changes(1).seq());
  req.set_after_seq(feed.changes(0).seq());
  ASSERT_TRUE(stub_->ListPersonChanges(As(service).get(), req, &feed).ok());
  EXPECT_EQ(feed.changes_size(), 1);
  Principal elsewhere{"carehub-volunteers", {"integration"}, "500112", "rq"};
  req.set_after_seq(0);
  ASSERT_TRUE(stub_->ListPersonChanges(As(elsewhere).get(), req, &feed).ok());
  EXPECT_EQ(feed.changes_size(), 0);
}

TEST_F(RegistryServiceTest, MalformedIdIsInvalidArgument) {
  v1::GetChildRequest get;
  get.set_id("'; DROP TABLE children; --");
  v1::Child resp;
  auto s = stub_->GetChild(As(officer_).get(), get, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(s.error_message().rfind("id:", 0), 0u);
}

}  // namespace
}  // namespace carehub::registry
