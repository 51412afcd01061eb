// carehubctl's answers as an operator reads them: aligned tables (Chinese text takes two columns),
// and json, yaml and csv that carry the same data back.
#include <google/protobuf/util/json_util.h>
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include <sstream>

#include "carehub/funds/v1/funds_service.pb.h"
#include "carehub/registry/v1/registry_service.pb.h"
#include "tools/carehubctl/output.h"

namespace carehub::ctl {
namespace {

namespace reg = registry::v1;
namespace fv1 = funds::v1;

std::string Rendered(const google::protobuf::Message& m, Format f) {
  std::ostringstream out;
  Render(m, f, out);
  return out.str();
}

reg::Child Child(const std::string& id, const std::string& name, const std::string& division) {
  reg::Child c;
  c.set_id(id);
  c.set_name(name);
  c.set_sex(reg::SEX_FEMALE);
  c.set_birth_date("2015-03-04");
  c.set_resident_id_number("500116********1230");  // masked by the server: printed as it came
  c.set_division_code(division);
  c.set_category(reg::CHILD_CATEGORY_LEFT_BEHIND);
  c.mutable_guardian()->set_name("张奶奶");
  c.mutable_guardian()->set_relation(reg::GUARDIAN_RELATION_GRANDPARENT);
  c.mutable_guardian()->set_mobile("138****5678");
  c.set_created_at("2026-11-23T09:41:57.397Z");
  c.set_status(reg::CHILD_STATUS_ACTIVE);
  c.set_risk_level(reg::RISK_LEVEL_HIGH);
  c.add_hardship_reasons(reg::HARDSHIP_REASON_POVERTY);
  c.add_hardship_reasons(reg::HARDSHIP_REASON_DISABILITY);
  c.set_notes("说 \"你好\", then: a new\nline");
  return c;
}

reg::ListChildrenResponse TwoChildren() {
  reg::ListChildrenResponse r;
  *r.add_children() = Child("ch_01M855QJGN6E96Y25XPFYRJYZB", "欧阳小明", "500116001001");
  *r.add_children() = Child("ch_01M855QJGN6E96Y25XPFYRJYZC", "Li Na", "500116001002");
  r.set_next_page_token("pt_abc");
  return r;
}

TEST(Table, ChineseAndLatinNamesLineUpByDisplayWidth) {
  EXPECT_EQ(Rendered(TwoChildren(), Format::kTable),
            "ID                              NAME       BIRTH DATE   RESIDENT ID NUMBER   DIVISION CODE   CATEGORY     "
            " CREATED AT         STATUS   RISK LEVEL\n"
            "ch_01M855QJGN6E96Y25XPFYRJYZB   欧阳小明   2015-03-04   500116********1230   500116001001    left-behind  "
            " 2026-11-23 09:41   active   high\n"
            "ch_01M855QJGN6E96Y25XPFYRJYZC   Li Na      2015-03-04   500116********1230   500116001002    left-behind  "
            " 2026-11-23 09:41   active   high\n"
            "\n"
            "next_page_token:   pt_abc\n");
}

TEST(Table, AnEmptyListSaysSo) {
  EXPECT_EQ(Rendered(reg::ListChildrenResponse{}, Format::kTable), "(no children)\n");
}

TEST(Table, AmountsAreYuanWithTwoDecimals) {
  fv1::ListGrantsResponse r;
  auto* g = r.add_grants();
  g->set_id("gr_01");
  g->set_program_id("pg_01");
  g->set_beneficiary_id("ch_01");
  g->set_amount_fen(123450);
  g->set_state(fv1::GRANT_STATE_APPROVED);
  g->set_division_code("500116001001");
  g->set_applied_on("2026-11-20");
  auto* big = r.add_grants();
  big->set_id("gr_02");
  big->set_amount_fen(5);
  std::string out = Rendered(r, Format::kTable);
  EXPECT_NE(out.find("AMOUNT YUAN"), std::string::npos) << out;
  EXPECT_NE(out.find("1234.50"), std::string::npos) << out;
  EXPECT_NE(out.find("0.05"), std::string::npos) << out;
  EXPECT_NE(out.find("approved"), std::string::npos) << out;
}

TEST(Table, AnswerThatIsNoRecordPrintsOneLineAField) {
  reg::ImportSummary s;
  s.set_rows(3);
  s.set_created(2);
  s.set_rejected(1);
  auto* r = s.add_rejections();
  r->set_line(4);
  r->set_field("division_code");
  r->set_reason("outside your reach");
  std::string out = Rendered(s, Format::kTable);
  EXPECT_EQ(out.substr(0, out.find("\n\n")), "rows:       3\ncreated:    2\nrejected:   1") << out;
  EXPECT_NE(out.find("division_code   outside your reach"), std::string::npos) << out;
}

TEST(Width, WideCharactersTakeTwoColumns) {
  EXPECT_EQ(DisplayWidth("abc"), 3u);
  EXPECT_EQ(DisplayWidth("张小明"), 6u);
  EXPECT_EQ(DisplayWidth("王A明"), 5u);
  EXPECT_EQ(DisplayWidth("（）"), 4u);  // full-width brackets
  EXPECT_EQ(PadTo("张", 4), "张  ");
  EXPECT_EQ(PadTo("12", 4, true), "  12");
}

// Strings YAML would otherwise read as numbers, booleans or null stay strings.
reg::ListChildrenResponse Tricky() {
  auto r = TwoChildren();
  r.mutable_children(0)->set_name("123");
  r.mutable_children(0)->set_school("true");
  r.mutable_children(1)->set_name("null");
  r.mutable_children(1)->set_school("1e5");
  r.mutable_children(1)->set_address("key: value # not a comment");
  r.mutable_children(1)->set_version(42);
  return r;
}

TEST(RoundTrip, JsonAndYamlReadBackToTheSameAnswer) {
  auto original = Tricky();
  reg::ListChildrenResponse from_json, from_yaml;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(Rendered(original, Format::kJson), &from_json).ok());
  std::string yaml = Rendered(original, Format::kYaml);
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(YamlToJson(yaml), &from_yaml).ok()) << yaml;
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(original, from_json));
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(original, from_yaml)) << yaml;
}

// RFC 4180 records, as a spreadsheet reads them.
std::vector<std::vector<std::string>> ParseCsv(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1, std::vector<std::string>(1));
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char ch = text[i];
    if (quoted) {
      if (ch == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        rows.back().back() += '"';
        ++i;
      } else if (ch == '"') {
        quoted = false;
      } else {
        rows.back().back() += ch;
      }
    } else if (ch == '"') {
      quoted = true;
    } else if (ch == ',') {
      rows.back().emplace_back();
    } else if (ch == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      rows.emplace_back(1);
      ++i;
    } else {
      rows.back().back() += ch;
    }
  }
  if (rows.back().size() == 1 && rows.back()[0].empty()) rows.pop_back();
  return rows;
}

TEST(RoundTrip, CsvCarriesEveryScalarFieldOfEveryRecord) {
  auto original = Tricky();
  auto rows = ParseCsv(Rendered(original, Format::kCsv));
  ASSERT_EQ(rows.size(), 3u);
  auto column = [&](const std::string& name) {
    auto it = std::find(rows[0].begin(), rows[0].end(), name);
    EXPECT_NE(it, rows[0].end()) << name;
    return static_cast<size_t>(it - rows[0].begin());
  };
  for (int i = 0; i < 2; ++i) {
    const auto& c = original.children(i);
    const auto& row = rows[i + 1];
    ASSERT_EQ(row.size(), rows[0].size());
    EXPECT_EQ(row[column("id")], c.id());
    EXPECT_EQ(row[column("name")], c.name());
    EXPECT_EQ(row[column("resident_id_number")], "500116********1230");
    EXPECT_EQ(row[column("guardian.name")], "张奶奶");
    EXPECT_EQ(row[column("guardian.mobile")], "138****5678");
    EXPECT_EQ(row[column("notes")], c.notes());
    EXPECT_EQ(row[column("address")], c.address());
    EXPECT_EQ(row[column("created_at")], c.created_at());
    EXPECT_EQ(row[column("category")], "left-behind");
    EXPECT_EQ(row[column("hardship_reasons")], "poverty;disability");
    EXPECT_EQ(row[column("version")], std::to_string(c.version()));
  }
}

TEST(Formats, WordsAreUnderstoodAndOthersRefused) {
  Format f;
  EXPECT_TRUE(ParseFormat("yaml", &f));
  EXPECT_EQ(f, Format::kYaml);
  EXPECT_FALSE(ParseFormat("xml", &f));
}

}  // namespace
}  // namespace carehub::ctl
