#pragma once
// The indicator catalogue (docs/REPORTS.md): what the form shows, where each figure comes from,
// and how it aggregates. A flow (events in the period) and a stock (a count at its end) add up
// over divisions; a distinct count of people is computed for each division and never added up,
// since one person can be counted in two towns. Plain C++: no gRPC, no SQL.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace carehub::reports {

enum class Source { kRegistry, kFunds, kVolunteers, kCare };
enum class Aggregation { kFlow = 1, kStock, kDistinct };

struct Indicator {
  std::string code;    // "care.visits"
  std::string name;    // 走访儿童（人次）
  std::string unit;    // 人, 人次, 笔, 元 (money: the value is in fen), 分钟, …
  std::string domain;  // the sheet: 儿童, 妇女, 救助资金, 志愿服务, 关爱帮扶
  Source source = Source::kRegistry;
  Aggregation aggregation = Aggregation::kFlow;

  bool Additive() const { return aggregation != Aggregation::kDistinct; }
  bool Money() const { return unit == "元"; }
};

const std::vector<Indicator>& Catalogue();
const Indicator* FindIndicator(const std::string& code);
const char* SourceName(Source s);           // "registry", …
const std::vector<std::string>& Domains();  // in sheet order

// Figures by indicator code. A source that did not answer has none of its codes here.
using Figures = std::map<std::string, int64_t>;

}  // namespace carehub::reports
