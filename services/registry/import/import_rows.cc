#include "services/registry/import/import_rows.h"

#include <algorithm>
#include <span>
#include <utility>

#include "common/errors.h"
#include "common/money.h"
#include "common/text.h"

namespace carehub::registry {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

std::string_view Trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

struct Word {
  std::string_view text;
  int value;
};

// The enum number `value` stands for; 0 for an empty value; INVALID_ARGUMENT on `column` for
// anything else (the value itself is not echoed: it may be personal data in the wrong column).
int WordValue(std::string_view column, std::string_view value, std::span<const Word> words) {
  if (value.empty()) return 0;
  std::string lower = Lower(value);
  for (const auto& w : words) {
    if (lower == w.text) return w.value;
  }
  std::string expected;
  for (const auto& w : words) {
    if (w.text.size() > 1 && (w.text[0] & 0x80) == 0) expected += (expected.empty() ? "" : ", ") + std::string(w.text);
  }
  ThrowInvalid(std::string(column), "is not one of the known values (" + expected + ", or their Chinese names)");
}

constexpr Word kSex[] = {{"male", 1}, {"m", 1}, {"男", 1}, {"female", 2}, {"f", 2}, {"女", 2}};
constexpr Word kCategory[] = {{"left_behind", 1},   {"留守儿童", 1}, {"留守", 1},
                              {"in_difficulty", 2}, {"困境儿童", 2}, {"困境", 2}};
constexpr Word kRelation[] = {
    {"father", 1},   {"父亲", 1},           {"mother", 2},   {"母亲", 2},  {"grandparent", 3}, {"祖父母", 3},
    {"外祖父母", 3}, {"爷爷", 3},           {"奶奶", 3},     {"外公", 3},  {"外婆", 3},        {"sibling", 4},
    {"兄弟姐妹", 4}, {"other_relative", 5}, {"其他亲属", 5}, {"other", 6}, {"其他", 6}};
constexpr Word kYesNo[] = {{"yes", 2}, {"true", 2},  {"1", 2}, {"是", 2}, {"能", 2},
                           {"no", 1},  {"false", 1}, {"0", 1}, {"否", 1}, {"不能", 1}};
constexpr Word kHardship[] = {{"poverty", 1}, {"贫困", 1}, {"disability", 2}, {"残疾", 2}, {"guardianship_failure", 3},
                              {"监护缺失", 3}};
constexpr Word kParent[] = {{"at_home", 1},   {"在家", 1}, {"working_away", 2},
                            {"外出务工", 2},  {"外出", 2}, {"deceased_or_absent", 3},
                            {"死亡或失联", 3}};
constexpr Word kWomanHardship[] = {{"minimum_living_allowance", 1},
                                   {"低保", 1},
                                   {"extreme_hardship", 2},
                                   {"特困", 2},
                                   {"disabled", 3},
                                   {"残疾", 3},
                                   {"single_mother", 4},
                                   {"单亲母亲", 4},
                                   {"left_behind", 5},
                                   {"留守妇女", 5},
                                   {"留守", 5},
                                   {"serious_illness", 6},
                                   {"重病", 6},
                                   {"大病", 6}};
constexpr Word kRisk[] = {{"low", 1}, {"低", 1}, {"medium", 2}, {"中", 2}, {"high", 3}, {"高", 3}};

// Several values in one cell: "poverty;disability", "贫困、残疾" or "poverty|disability".
std::vector<std::string_view> SplitList(std::string_view cell) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (start <= cell.size()) {
    size_t end = cell.size(), sep_len = 0;
    for (std::string_view sep : {";", "|", ",", "，", "、", "；"}) {
      size_t at = cell.find(sep, start);
      if (at < end) end = at, sep_len = sep.size();
    }
    if (auto part = Trim(cell.substr(start, end - start)); !part.empty()) out.push_back(part);
    if (sep_len == 0) break;
    start = end + sep_len;
  }
  return out;
}

}  // namespace

ImportColumns::ImportColumns(const CsvRecord& header, const std::vector<std::string_view>& known,
                             const std::vector<std::string_view>& required) {
  count_ = header.fields.size();
  for (size_t i = 0; i < header.fields.size(); ++i) {
    if (!text::IsValidUtf8(header.fields[i])) {
      ThrowInvalid("header", "is not UTF-8 text; save the file as \"CSV UTF-8\"");
    }
    std::string name = Lower(Trim(header.fields[i]));
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      ThrowInvalid(
          "header",
          "column " + std::to_string(i + 1) + " (" + name.substr(0, 40) + ") is not a known column; known: " + [&] {
            std::string all;
            for (auto k : known) all += (all.empty() ? "" : ", ") + std::string(k);
            return all;
          }());
    }
    if (!index_.emplace(name, i).second) ThrowInvalid("header", "column " + name + " appears twice");
  }
  for (auto r : required) {
    if (!index_.count(r)) ThrowInvalid("header", "the required column " + std::string(r) + " is missing");
  }
  names_.resize(count_);
  for (const auto& [name, i] : index_) names_[i] = name;
}

void ImportColumns::CheckShape(const CsvRecord& r) const {
  if (r.fields.size() != count_) {
    ThrowInvalid("",
                 "has " + std::to_string(r.fields.size()) + " fields where the header has " + std::to_string(count_));
  }
  for (size_t i = 0; i < count_; ++i) {
    if (!text::IsValidUtf8(r.fields[i])) ThrowInvalid(names_[i], "is not valid UTF-8 text");
  }
}

std::string ImportColumns::Get(const CsvRecord& r, std::string_view column) const {
  auto it = index_.find(column);
  if (it == index_.end() || it->second >= r.fields.size()) return "";
  return std::string(Trim(r.fields[it->second]));
}

bool IsBlankRecord(const CsvRecord& r) {
  return std::all_of(r.fields.begin(), r.fields.end(), [](const std::string& f) { return Trim(f).empty(); });
}

std::string ColumnOfField(std::string field) {
  std::replace(field.begin(), field.end(), '.', '_');
  return field;
}

ImportColumns ChildImportColumns(const CsvRecord& header) {
  static const std::vector<std::string_view> kRequired = {
      "name",      "sex",           "birth_date",        "resident_id_number", "division_code",
      "category",  "guardian_name", "guardian_relation", "guardian_mobile",    "guardian_able_to_care",
      "risk_level"};
  static const std::vector<std::string_view> kKnown = [] {
    std::vector<std::string_view> all = kRequired;
    for (std::string_view o : {"address", "school", "hardship_reasons", "father_location", "father_place",
                               "mother_location", "mother_place", "notes"}) {
      all.push_back(o);
    }
    return all;
  }();
  return ImportColumns(header, kKnown, kRequired);
}

ChildApplication ChildFromCsv(const ImportColumns& c, const CsvRecord& r) {
  ChildApplication a;
  a.name = c.Get(r, "name");
  a.sex = WordValue("sex", c.Get(r, "sex"), kSex);
  a.birth_date = c.Get(r, "birth_date");
  a.resident_id_number = c.Get(r, "resident_id_number");
  a.division_code = c.Get(r, "division_code");
  a.category = WordValue("category", c.Get(r, "category"), kCategory);
  a.guardian_name = c.Get(r, "guardian_name");
  a.guardian_relation = WordValue("guardian_relation", c.Get(r, "guardian_relation"), kRelation);
  a.guardian_mobile = c.Get(r, "guardian_mobile");
  // Required rather than defaulted: whether the guardian can care decides who is left-behind.
  int able = WordValue("guardian_able_to_care", c.Get(r, "guardian_able_to_care"), kYesNo);
  if (able == 0) ThrowInvalid("guardian_able_to_care", "is required (yes or no)");
  a.guardian_able_to_care = able == 2;
  a.address = c.Get(r, "address");
  a.school = c.Get(r, "school");
  const std::string reasons = c.Get(r, "hardship_reasons");  // outlives the views SplitList returns
  for (auto reason : SplitList(reasons)) {
    a.hardship_reasons.push_back(WordValue("hardship_reasons", reason, kHardship));
  }
  a.father_location = WordValue("father_location", c.Get(r, "father_location"), kParent);
  a.father_place = c.Get(r, "father_place");
  a.mother_location = WordValue("mother_location", c.Get(r, "mother_location"), kParent);
  a.mother_place = c.Get(r, "mother_place");
  a.risk_level = WordValue("risk_level", c.Get(r, "risk_level"), kRisk);
  a.notes = c.Get(r, "notes");
  return a;
}

}  // namespace carehub::registry

namespace carehub::registry {
namespace {

// A whole number of people or fen; INVALID_ARGUMENT on `column` otherwise (-1 when empty).
int64_t WholeNumber(std::string_view column, const std::string& value) {
  if (value.empty()) return -1;
  if (value.size() > 12 || !text::IsDigits(value)) ThrowInvalid(std::string(column), "must be a whole number");
  return std::stoll(value);
}

// Yuan as staff write them ("1234.5") as fen, exactly; -1 when empty.
int64_t YuanToFen(const std::string& value) { return value.empty() ? -1 : ParseYuan(value, "monthly_income_yuan"); }

}  // namespace

ImportColumns WomanImportColumns(const CsvRecord& header) {
  static const std::vector<std::string_view> kRequired = {"name",          "birth_date",          "resident_id_number",
                                                          "division_code", "hardship_categories", "household_size"};
  static const std::vector<std::string_view> kKnown = {
      "name",           "birth_date",         "resident_id_number",  "division_code", "hardship_categories",
      "household_size", "monthly_income_fen", "monthly_income_yuan", "mobile",        "notes"};
  ImportColumns c(header, kKnown, kRequired);
  if (c.Has("monthly_income_fen") == c.Has("monthly_income_yuan")) {
    ThrowInvalid("header", "needs exactly one of the columns monthly_income_fen and monthly_income_yuan");
  }
  return c;
}

WomanApplication WomanFromCsv(const ImportColumns& c, const CsvRecord& r) {
  WomanApplication a;
  a.name = c.Get(r, "name");
  a.birth_date = c.Get(r, "birth_date");
  a.resident_id_number = c.Get(r, "resident_id_number");
  a.division_code = c.Get(r, "division_code");
  a.mobile = c.Get(r, "mobile");
  const std::string categories = c.Get(r, "hardship_categories");  // outlives the views SplitList returns
  for (auto category : SplitList(categories)) {
    a.hardship_categories.push_back(WordValue("hardship_categories", category, kWomanHardship));
  }
  a.household_size = WholeNumber("household_size", c.Get(r, "household_size"));
  a.monthly_income_fen = c.Has("monthly_income_fen") ? WholeNumber("monthly_income_fen", c.Get(r, "monthly_income_fen"))
                                                     : YuanToFen(c.Get(r, "monthly_income_yuan"));
  if (a.monthly_income_fen < 0) {
    ThrowInvalid(c.Has("monthly_income_fen") ? "monthly_income_fen" : "monthly_income_yuan", "is required");
  }
  a.notes = c.Get(r, "notes");
  return a;
}

}  // namespace carehub::registry
