#include "services/reports/domain/indicators.h"

namespace carehub::reports {

const std::vector<Indicator>& Catalogue() {
  using A = Aggregation;
  using S = Source;
  static const std::vector<Indicator> kCatalogue = {
      {"children.left_behind", "在册留守儿童", "人", "儿童", S::kRegistry, A::kStock},
      {"children.in_difficulty", "在册困境儿童", "人", "儿童", S::kRegistry, A::kStock},
      {"children.entered", "新纳入儿童", "人", "儿童", S::kRegistry, A::kFlow},
      {"children.exited", "退出儿童", "人", "儿童", S::kRegistry, A::kFlow},
      {"women.active", "在册困难妇女", "人", "妇女", S::kRegistry, A::kStock},
      {"women.entered", "新纳入困难妇女", "人", "妇女", S::kRegistry, A::kFlow},
      {"women.exited", "退出困难妇女", "人", "妇女", S::kRegistry, A::kFlow},
      {"women.screenings", "两癌筛查", "人次", "妇女", S::kRegistry, A::kFlow},
      {"women.screenings_confirmed", "筛查确诊", "人次", "妇女", S::kRegistry, A::kFlow},
      {"women.cancer_patients", "在册两癌患者", "人", "妇女", S::kRegistry, A::kStock},
      {"funds.approved", "批准救助", "笔", "救助资金", S::kFunds, A::kFlow},
      {"funds.approved_fen", "批准救助金额", "元", "救助资金", S::kFunds, A::kFlow},
      {"funds.disbursed", "发放救助", "笔", "救助资金", S::kFunds, A::kFlow},
      {"funds.disbursed_fen", "发放救助金额", "元", "救助资金", S::kFunds, A::kFlow},
      {"funds.people_paid", "受助人数", "人", "救助资金", S::kFunds, A::kDistinct},
      {"funds.goods_fen", "慰问物资价值", "元", "救助资金", S::kFunds, A::kFlow},
      {"funds.reversed_fen", "冲回金额", "元", "救助资金", S::kFunds, A::kFlow},
      {"volunteers.active", "在册志愿者", "人", "志愿服务", S::kVolunteers, A::kStock},
      {"volunteers.teams", "志愿服务队", "个", "志愿服务", S::kVolunteers, A::kStock},
      {"volunteers.activities", "开展志愿服务活动", "场", "志愿服务", S::kVolunteers, A::kFlow},
      {"volunteers.participations", "参与志愿服务", "人次", "志愿服务", S::kVolunteers, A::kFlow},
      {"volunteers.distinct", "参与服务的志愿者", "人", "志愿服务", S::kVolunteers, A::kDistinct},
      {"volunteers.minutes", "志愿服务时长", "分钟", "志愿服务", S::kVolunteers, A::kFlow},
      {"care.visits", "走访儿童", "人次", "关爱帮扶", S::kCare, A::kFlow},
      {"care.left_behind_visited", "走访留守儿童", "人", "关爱帮扶", S::kCare, A::kDistinct},
      {"care.in_difficulty_visited", "走访困境儿童", "人", "关爱帮扶", S::kCare, A::kDistinct},
      {"care.goods_fen", "走访赠送物资价值", "元", "关爱帮扶", S::kCare, A::kFlow},
      {"care.active_pairings", "结对关爱", "对", "关爱帮扶", S::kCare, A::kStock},
      {"care.overdue", "逾期未走访儿童", "人", "关爱帮扶", S::kCare, A::kStock},
      {"care.risk_reports", "风险报告", "件", "关爱帮扶", S::kCare, A::kFlow},
  };
  return kCatalogue;
}

const Indicator* FindIndicator(const std::string& code) {
  for (const auto& i : Catalogue()) {
    if (i.code == code) return &i;
  }
  return nullptr;
}

const char* SourceName(Source s) {
  switch (s) {
    case Source::kRegistry:
      return "registry";
    case Source::kFunds:
      return "funds";
    case Source::kVolunteers:
      return "volunteers";
    case Source::kCare:
      return "care";
  }
  return "unknown";
}

const std::vector<std::string>& Domains() {
  static const std::vector<std::string> kDomains = {"儿童", "妇女", "救助资金", "志愿服务", "关爱帮扶"};
  return kDomains;
}

}  // namespace carehub::reports
