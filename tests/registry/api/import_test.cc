// Bulk import of children from CSV over a real gRPC stream, on both backends: every good row
// lands once, every bad row is named by line and column, re-runs and concurrent runs create no
// duplicates.
#include <gtest/gtest.h>

#include <thread>

#include "common/audit.h"
#include "services/registry/import/bulk_import.h"
#include "tests/support/registry_fixtures.h"
#include "tests/support/registry_harness.h"
#include "tests/support/test_db.h"

namespace carehub::registry {
namespace {

constexpr char kHeader[] =
    "name,sex,birth_date,resident_id_number,division_code,category,guardian_name,guardian_relation,"
    "guardian_mobile,guardian_able_to_care,risk_level,address,hardship_reasons,father_location,father_place,"
    "mother_location,mother_place,notes\n";

// The n-th valid child as a CSV row; `id_number` replaces its resident ID number when set.
std::string Row(int n, const std::string& division = "500116001001", std::string id_number = "",
                std::string name = "") {
  auto c = testing::ChildProto(n, division);
  if (id_number.empty()) id_number = c.resident_id_number();
  if (name.empty()) name = c.name();
  return name + ",male," + c.birth_date() + "," + id_number + "," + c.division_code() + ",left_behind," +
         c.guardian().name() + ",grandparent,13812345678,yes,low,\"重庆市江津区某村, 3组\",,working_away,广东东莞," +
         "外出务工,,\n";
}

class ImportTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    t_ = testing::TestDatabase::Make(GetParam());
    if (!t_) return;
    harness_ = std::make_unique<testing::RegistryHarness>(t_->db());
  }

  // Streams `file` in chunks of `chunk` bytes.
  grpc::Status Import(const std::string& file, v1::ImportSummary* out, size_t chunk = 64 * 1024,
                      v1::RegistryService::Stub* stub = nullptr, const Principal* who = nullptr) {
    auto ctx = harness_->As(who ? *who : officer_);
    auto writer = (stub ? stub : &harness_->stub())->ImportChildren(ctx.get(), out);
    for (size_t at = 0; at == 0 || at < file.size(); at += chunk) {  // an empty file is one empty last chunk
      v1::ImportChunk c;
      c.set_data(file.substr(at, chunk));
      c.set_last(at + chunk >= file.size());
      if (!writer->Write(c)) break;
    }
    writer->WritesDone();
    return writer->Finish();
  }
  int64_t Count(const std::string& sql) {
    int64_t n = 0;
    t_->db().Read([&](db::Tx& tx) { n = db::AsInt(tx.Query(sql)[0][0]); });
    return n;
  }
  int64_t Children() { return Count("SELECT COUNT(*) FROM children"); }

  Principal officer_{"officer-jj", {"officer"}, "500116", "rq-import-0001"};
  std::unique_ptr<testing::TestDatabase> t_;
  std::unique_ptr<testing::RegistryHarness> harness_;
};

// A stream that ends without its last chunk (a client that went away, a proxy that half-closed
// for it) stores nothing of what it carried: not even a row cut mid-way that still parses.
TEST_P(ImportTest, AStreamEndingWithoutItsLastChunkStoresNothingMore) {
  if (!t_) return;
  std::string file = std::string(kHeader) + Row(1) + Row(2);
  std::string cut = file.substr(0, file.size() - 20);  // the second row cut short
  auto ctx = harness_->As(officer_);
  v1::ImportSummary out;
  auto writer = harness_->stub().ImportChildren(ctx.get(), &out);
  v1::ImportChunk c;
  c.set_data(cut);
  writer->Write(c);
  writer->WritesDone();
  auto status = writer->Finish();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ABORTED) << status.error_message();
  EXPECT_EQ(Children(), 0);
}

TEST_P(ImportTest, GoodRowsLandAndEveryBadRowIsNamedByLineAndColumn) {
  if (!t_) return;
  auto bad_checksum = testing::ChildProto(50).resident_id_number();
  bad_checksum.back() = bad_checksum.back() == '0' ? '1' : '0';
  std::string file = std::string("\xEF\xBB\xBF") + kHeader;      // Excel's byte-order mark
  file += Row(1);                                                // line 2
  file += Row(2);                                                // line 3
  file += Row(50, "500116001001", bad_checksum);                 // line 4
  file += "张三,male,2015-01-01\n";                              // line 5: 3 fields
  file += Row(51, "500116001001", "", "\xFF\xFE坏");             // line 6: invalid UTF-8
  file += Row(52, "500116001001", "", std::string(10240, 'a'));  // line 7: 10 KB name
  std::string unknown = Row(53);
  unknown.replace(unknown.find("left_behind"), 11, "orphan");
  file += unknown;                  // line 8: unknown category
  file += "\r\n";                   // line 9: blank, skipped
  file += Row(54, "500113001001");  // line 10: outside reach
  file += Row(1);                   // line 11: same person as line 2
  std::string multiline = Row(3);
  multiline.replace(multiline.size() - 1, 1, "\"第一行\n第二行, 带逗号\"\r\n");
  file += multiline;                         // lines 12-13: notes on 2 lines
  file += Row(55, "500116001001", "12345");  // line 14: too short
  std::string in_difficulty = Row(4);
  in_difficulty.replace(in_difficulty.find(",left_behind,"), 13, ",困境儿童,");
  const std::string no_reasons = "3组\",,";
  in_difficulty.replace(in_difficulty.find(no_reasons), no_reasons.size(), "3组\",贫困、残疾,");
  file += in_difficulty;  // line 15, no final newline:
  file.pop_back();

  v1::ImportSummary s;
  auto status = Import(file, &s);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(s.rows(), 12);
  EXPECT_EQ(s.created(), 4);
  EXPECT_EQ(s.already_registered(), 0);
  EXPECT_EQ(s.rejected(), 8);
  std::vector<std::pair<int64_t, std::string>> got;
  for (const auto& r : s.rejections()) {
    got.emplace_back(r.line(), r.field());
    EXPECT_FALSE(r.reason().empty());
    EXPECT_EQ(r.reason().find("\xFF"), std::string::npos);  // bad bytes are not echoed
  }
  std::vector<std::pair<int64_t, std::string>> want = {{4, "resident_id_number"},
                                                       {5, ""},
                                                       {6, "name"},
                                                       {7, "name"},
                                                       {8, "category"},
                                                       {10, "division_code"},
                                                       {11, "resident_id_number"},
                                                       {14, "resident_id_number"}};
  ASSERT_GE(got.size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) EXPECT_EQ(got[i], want[i]) << "rejection " << i;
  EXPECT_NE(s.rejections(6).reason().find("line 2"), std::string::npos);
  EXPECT_EQ(Children(), 4);

  // What landed is what the file said, the notes' line break included; creations are audited.
  v1::ListChildrenRequest lreq;
  lreq.set_name_prefix(testing::ChildProto(3).name());
  v1::ListChildrenResponse lresp;
  ASSERT_TRUE(harness_->stub().ListChildren(harness_->As(officer_).get(), lreq, &lresp).ok());
  ASSERT_EQ(lresp.children_size(), 1);
  EXPECT_EQ(lresp.children(0).notes(), "第一行\n第二行, 带逗号");
  EXPECT_EQ(lresp.children(0).address(), "重庆市江津区某村, 3组");
  EXPECT_EQ(lresp.children(0).father().location(), v1::PARENT_LOCATION_WORKING_AWAY);
  EXPECT_EQ(lresp.children(0).mother().location(), v1::PARENT_LOCATION_WORKING_AWAY);
  EXPECT_EQ(lresp.children(0).created_by(), "officer-jj");
  lreq.set_name_prefix(testing::ChildProto(4).name());
  ASSERT_TRUE(harness_->stub().ListChildren(harness_->As(officer_).get(), lreq, &lresp).ok());
  ASSERT_EQ(lresp.children_size(), 1);
  EXPECT_EQ(lresp.children(0).category(), v1::CHILD_CATEGORY_IN_DIFFICULTY);
  ASSERT_EQ(lresp.children(0).hardship_reasons_size(), 2);
  EXPECT_EQ(lresp.children(0).hardship_reasons(1), v1::HARDSHIP_REASON_DISABILITY);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_events WHERE action = 'child.create' AND request_id = 'rq-import-0001'"),
            4);
}

TEST_P(ImportTest, ReplayedImportIsANoOpWhateverTheChunking) {
  if (!t_) return;
  std::string file = kHeader;
  constexpr int kRows = static_cast<int>(kImportBatchRows) + 100;  // two batches
  for (int n = 1; n <= kRows; ++n) file += Row(n);
  file += Row(kRows + 1000, "500116001001", "", "");
  file.replace(file.rfind("left_behind"), 11, "unknown");
  v1::ImportSummary first, again;
  ASSERT_TRUE(Import(file, &first).ok());
  EXPECT_EQ(first.created(), kRows);
  EXPECT_EQ(first.rejected(), 1);
  int64_t audits = Count("SELECT COUNT(*) FROM audit_events");
  ASSERT_TRUE(Import(file, &again, 7).ok());  // 7-byte chunks split lines and characters
  EXPECT_EQ(again.rows(), first.rows());
  EXPECT_EQ(again.created(), 0);
  EXPECT_EQ(again.already_registered(), kRows);
  EXPECT_EQ(again.rejected(), 1);
  EXPECT_EQ(again.rejections(0).line(), first.rejections(0).line());
  EXPECT_EQ(Children(), kRows);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM person_identities"), kRows);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_events"), audits);  // nothing happened, nothing audited
}

TEST_P(ImportTest, ConcurrentImportsOfOneFileRegisterEachPersonOnce) {
  if (!t_) return;
  std::string file = kHeader;
  for (int n = 1; n <= 700; ++n) file += Row(n);
  constexpr int kClients = 4;
  std::vector<v1::ImportSummary> results(kClients);
  std::vector<grpc::Status> statuses(kClients);
  std::vector<std::thread> threads;
  for (int i = 0; i < kClients; ++i) {
    threads.emplace_back([&, i] {
      auto stub = harness_->NewClient();
      statuses[i] = Import(file, &results[i], 64 * 1024, stub.get());
    });
  }
  for (auto& t : threads) t.join();
  int64_t created = 0, already = 0;
  for (int i = 0; i < kClients; ++i) {
    ASSERT_TRUE(statuses[i].ok()) << statuses[i].error_message();
    created += results[i].created();
    already += results[i].already_registered();
  }
  EXPECT_EQ(created, 700);
  EXPECT_EQ(already, 700 * (kClients - 1));
  EXPECT_EQ(Children(), 700);
}

TEST_P(ImportTest, AFileThatCannotBeReadIsRefusedAndSaysWhere) {
  if (!t_) return;
  v1::ImportSummary s;
  auto status = Import("name,sex,favourite_colour\n" + Row(1), &s);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("header"), std::string::npos);
  EXPECT_NE(status.error_message().find("favourite_colour"), std::string::npos);

  status = Import(std::string(kHeader).replace(0, 4, "\xD0\xD5\xC3\xFB"), &s);  // "姓名" in GBK
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("UTF-8"), std::string::npos);

  status = Import("", &s);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Children(), 0);

  // Broken quoting costs the rows it swallows, nothing more: reading resumes after them.
  status = Import(std::string(kHeader) + Row(1) + Row(2) + "\"王五,male\n" + Row(3) + Row(4) + "王\"五\",male\n" +
                      Row(5) + "\"赵六,female\n",
                  &s);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(s.created(), 4);  // rows 1, 2, 4, 5
  ASSERT_EQ(s.rejections_size(), 3);
  EXPECT_EQ(s.rejections(0).line(), 4);
  EXPECT_NE(s.rejections(0).reason().find("lines 4-5"), std::string::npos) << s.rejections(0).reason();
  EXPECT_EQ(s.rejections(1).line(), 7);
  EXPECT_EQ(s.rejections(2).line(), 9);  // still open at the end of the file
  EXPECT_EQ(Children(), 4);

  // A record that never ends within 64 KB stops the import; the valid rows before it are kept.
  status = Import(std::string(kHeader) + Row(6) + "\"" + std::string(70000, 'x'), &s);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("line 3"), std::string::npos) << status.error_message();
  EXPECT_NE(status.error_message().find("1 valid rows"), std::string::npos) << status.error_message();
  EXPECT_EQ(Children(), 5);
}

TEST_P(ImportTest, OnlyWritersImport) {
  if (!t_) return;
  Principal auditor{"auditor-1", {"auditor"}, "500116", "rq-import-0002"};
  v1::ImportSummary s;
  EXPECT_EQ(Import(std::string(kHeader) + Row(1), &s, 64 * 1024, nullptr, &auditor).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Children(), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, ImportTest, ::testing::Values("sqlite", "mysql"), testing::BackendParamName);

}  // namespace
}  // namespace carehub::registry
