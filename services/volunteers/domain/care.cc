#include "services/volunteers/domain/care.h"

#include <algorithm>
#include <stdexcept>
#include <vector>

#include "common/field_checks.h"
#include "common/resident_id.h"

namespace carehub::volunteers {
namespace {

std::vector<std::string> Split(const std::string& text, char sep) {
  std::vector<std::string> out;
  for (size_t at = 0; at <= text.size();) {
    size_t end = std::min(text.find(sep, at), text.size());
    if (end > at) out.push_back(text.substr(at, end - at));
    at = end + 1;
  }
  return out;
}

int RiskOf(const std::string& word) {
  if (word == "low") return 1;
  if (word == "medium") return 2;
  if (word == "high") return 3;
  return 0;
}

}  // namespace

CadencePolicy::CadencePolicy() { days_ = {{{0, 3}, 7}, {{0, 2}, 14}, {{0, 1}, 30}}; }

CadencePolicy CadencePolicy::Parse(const std::string& text) {
  CadencePolicy p;
  for (const auto& entry : Split(text, ',')) {
    size_t eq = entry.find('=');
    std::string key = entry.substr(0, eq), category_word;
    if (size_t colon = key.find(':'); colon != std::string::npos) {
      category_word = key.substr(0, colon);
      key = key.substr(colon + 1);
    }
    int category = category_word.empty()              ? 0
                   : category_word == "left-behind"   ? 1
                   : category_word == "in-difficulty" ? 2
                                                      : -1;
    int risk = RiskOf(key), days = 0;
    try {
      days = eq == std::string::npos ? 0 : std::stoi(entry.substr(eq + 1));
    } catch (const std::exception&) {
    }
    if (category < 0 || risk == 0 || days < 1 || days > 365) {
      throw std::invalid_argument("cadence entry \"" + entry +
                                  "\": expected [left-behind:|in-difficulty:]low|medium|high=DAYS (1..365)");
    }
    p.days_[{category, risk}] = days;
  }
  return p;
}

int CadencePolicy::IntervalDays(ChildCategory category, RiskLevel risk) const {
  if (auto it = days_.find({static_cast<int>(category), static_cast<int>(risk)}); it != days_.end()) return it->second;
  return days_.at({0, static_cast<int>(risk)});
}

EscalationPolicy EscalationPolicy::Parse(const std::string& text) {
  auto parts = Split(text, ',');
  EscalationPolicy p;
  try {
    if (parts.size() != 3) throw std::invalid_argument("");
    p.team_leader = std::stoi(parts[0]);
    p.town = std::stoi(parts[1]);
    p.district = std::stoi(parts[2]);
  } catch (const std::exception&) {
    throw std::invalid_argument("escalation \"" + text + "\": expected three day counts, e.g. 1,7,14");
  }
  if (p.team_leader < 0 || p.town <= p.team_leader || p.district <= p.town) {
    throw std::invalid_argument("escalation \"" + text + "\": the day counts must increase");
  }
  return p;
}

int EscalationPolicy::LevelFor(int days_overdue) const {
  if (days_overdue >= district) return 3;
  if (days_overdue >= town) return 2;
  if (days_overdue >= team_leader && days_overdue > 0) return 1;
  return 0;
}

std::string NextDueOn(const CarePlan& plan, const CadencePolicy& policy, const std::string& since) {
  const std::string& from = plan.last_contact_on.empty() ? since : plan.last_contact_on;
  auto day = std::chrono::sys_days(*ParseDate(from)) + std::chrono::days(policy.IntervalDays(plan.category, plan.risk));
  return FormatDate(std::chrono::year_month_day(day));
}

int DaysOverdue(const std::string& due, std::chrono::year_month_day today) {
  auto d = ParseDate(due);
  if (!d) return 0;
  auto days = (std::chrono::sys_days(today) - std::chrono::sys_days(*d)).count();
  return days > 0 ? static_cast<int>(days) : 0;
}

void CheckVisit(const VisitReport& v, std::chrono::year_month_day today) {
  auto date = ParseDate(v.visited_on);
  if (!date) ThrowInvalid("visit.visited_on", "must be a date (YYYY-MM-DD)");
  if (std::chrono::sys_days(*date) > std::chrono::sys_days(today))
    ThrowInvalid("visit.visited_on", "lies in the future");
  if (v.kind < 1 || v.kind > 4) ThrowInvalid("visit.kind", "is not a VISIT_KIND_ value");
  if (v.duration_minutes < 0 || v.duration_minutes > 1440) ThrowInvalid("visit.duration_minutes", "must be 0 to 1440");
  if (v.findings < 0 || (v.findings & ~kAllFindings)) ThrowInvalid("visit.findings", "holds an unknown finding");
  if (v.goods_fen < 0 || v.goods_fen > 100'000'000) ThrowInvalid("visit.goods_fen", "must be 0 to 1,000,000 yuan");
  CheckText("visit.services", v.services, 200, true);
  CheckText("visit.note", v.note, kMaxNoteCodePoints, false);
}

void CheckVisitInPairing(const Pairing& p, const std::string& visited_on) {
  if (visited_on < p.started_on || (!p.ended_on.empty() && visited_on > p.ended_on)) {
    Throw(ErrorCode::kFailedPrecondition, "visit.visited_on", "lies outside the pairing's active dates");
  }
}

}  // namespace carehub::volunteers

namespace carehub::volunteers {

RiskSla RiskSla::Parse(const std::string& text) {
  RiskSla s;
  size_t comma = text.find(',');
  try {
    if (comma == std::string::npos) throw std::invalid_argument("");
    s.acknowledge_days = std::stoi(text.substr(0, comma));
    s.resolve_days = std::stoi(text.substr(comma + 1));
  } catch (const std::exception&) {
    throw std::invalid_argument("risk SLA \"" + text + "\": expected two day counts, e.g. 1,7");
  }
  if (s.acknowledge_days < 0 || s.resolve_days < 1) throw std::invalid_argument("risk SLA \"" + text + "\": bad days");
  return s;
}

RiskReportState NextRiskState(RiskReportState current, RiskReportState wanted) {
  bool ok = (current == RiskReportState::kOpen && wanted == RiskReportState::kAcknowledged) ||
            (current == RiskReportState::kAcknowledged && wanted == RiskReportState::kResolved);
  if (!ok) {
    Throw(ErrorCode::kFailedPrecondition, "id",
          current == RiskReportState::kResolved  ? "the risk report is resolved"
          : wanted == RiskReportState::kResolved ? "the risk report must be acknowledged first"
                                                 : "the risk report is acknowledged already");
  }
  return wanted;
}

std::string DaysAfter(const std::string& day, int days) {
  return FormatDate(std::chrono::year_month_day(std::chrono::sys_days(*ParseDate(day)) + std::chrono::days(days)));
}

}  // namespace carehub::volunteers
