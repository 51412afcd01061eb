#include "services/volunteers/app/hours_app.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>

#include "common/audit.h"
#include "common/csv.h"
#include "common/ids.h"
#include "common/instant.h"
#include "common/log.h"
#include "common/reach.h"
#include "common/resident_id.h"
#include "services/volunteers/store/activity_rows.h"
#include "services/volunteers/store/volunteer_rows.h"

namespace carehub::volunteers {
namespace {

nlohmann::json EntryView(const HoursEntry& e) {
  return {{"volunteer_id", e.volunteer_id},
          {"activity_id", e.activity_id},
          {"kind", static_cast<int>(e.kind)},
          {"state", HoursStateName(e.state)},
          {"minutes", e.minutes},
          {"service_date", e.service_date},
          {"reason", e.reason}};
}

void AuditEntry(db::Tx& tx, const Caller& caller, const std::string& action, const HoursEntry* before,
                const HoursEntry& after) {
  RecordAudit(tx, {AuditBy(caller, action, {"hours", after.id, after.division_code},
                           before ? AuditJson(EntryView(*before)) : "", AuditJson(EntryView(after)))});
}

// A new entry of `a` for `volunteer_id`, stamped by the caller.
HoursEntry NewEntry(const Caller& caller, const Activity& a, const std::string& volunteer_id, HoursKind kind) {
  HoursEntry e;
  e.id = NewId("hr");
  e.volunteer_id = volunteer_id;
  e.activity_id = a.id;
  e.team_id = a.team_id;
  e.division_code = a.division_code;
  e.kind = kind;
  e.service_date = FormatDate(ChinaDateOf(a.starts_at));
  e.created_at = log::NowRfc3339();
  e.created_by = caller.subject;
  return e;
}

HoursEntry Write(db::Tx& tx, const Caller& caller, HoursEntry e, const char* action) {
  store::InsertEntry(tx, e);
  AuditEntry(tx, caller, action, nullptr, e);
  return e;
}

// A confirmed adjustment of `minutes` on the activity, with its reason.
HoursEntry WriteAdjustment(db::Tx& tx, const Caller& caller, const Activity& a, const Adjustment& adj,
                           const std::string& adjusts) {
  HoursEntry e = NewEntry(caller, a, adj.volunteer_id, HoursKind::kAdjustment);
  e.state = HoursState::kConfirmed;
  e.minutes = static_cast<int>(adj.minutes);
  e.reason = adj.reason;
  e.adjusts_entry_id = adjusts;
  e.decided_at = e.created_at;
  e.decided_by = caller.subject;
  return Write(tx, caller, e, "hours.adjust");
}

}  // namespace

HoursEntry ClaimAttendance(db::Tx& tx, const Caller& caller, const Activity& a, const SignUp& s, Span attended,
                           bool check_out_missing) {
  Span activity{a.starts_at, a.ends_at};
  Credit credit = CreditAttendance(activity, attended, store::CreditedSpans(tx, s.volunteer_id, activity));
  HoursEntry e = NewEntry(caller, a, s.volunteer_id, HoursKind::kAttendance);
  e.signup_id = s.id;
  e.minutes = credit.minutes;
  e.credited_from = credit.span.from;
  e.credited_to = credit.span.to;
  e.check_out_missing = check_out_missing;
  return Write(tx, caller, e, "hours.claim");
}

HoursEntry HoursApp::Decide(db::Tx& tx, const Caller& caller, const HoursDecision& d) const {
  HoursEntry before = store::HoursEntries().Lock(tx, d.id, caller.reach);
  HoursEntry after = before;
  after.state = NextHoursState(before, d.to);
  after.reason = d.note.empty() ? before.reason : d.note;
  after.decided_at = log::NowRfc3339();
  after.decided_by = caller.subject;
  after.version = before.version + 1;
  store::MoveEntry(tx, before, after);
  AuditEntry(tx, caller, std::string("hours.") + HoursStateName(d.to), &before, after);
  return after;
}

HoursEntry HoursApp::Resolve(db::Tx& tx, const Caller& caller, const Resolution& r) const {
  HoursEntry disputed = store::HoursEntries().Lock(tx, r.id, caller.reach);
  NextHoursState(disputed, HoursState::kResolved);
  Activity a = store::Activities().Lock(tx, disputed.activity_id, "", "id");
  CheckFinalMinutes(r.final_minutes, a.seconds());
  if (r.final_minutes != disputed.minutes) {
    WriteAdjustment(tx, caller, a, {disputed.volunteer_id, a.id, r.final_minutes - disputed.minutes, r.note},
                    disputed.id);
  }
  return Decide(tx, caller, {r.id, HoursState::kResolved, r.note});
}

HoursEntry HoursApp::Adjust(db::Tx& tx, const Caller& caller, const Adjustment& adj) const {
  Activity a = store::Activities().Lock(tx, adj.activity_id, caller.reach, "activity_id");
  store::Volunteers().Lock(tx, adj.volunteer_id, caller.reach, "volunteer_id");
  CheckAdjustment("minutes", adj.minutes, a.seconds());
  return WriteAdjustment(tx, caller, a, adj, "");
}

std::vector<HoursEntry> HoursApp::List(const Caller& caller, store::HoursPage page) const {
  page.reach = caller.reach;
  std::vector<HoursEntry> out;
  db_.Read([&](db::Tx& tx) { out = store::ListHours(tx, page); });
  return out;
}

store::Totals HoursApp::Totals(const Caller& caller, store::HoursScope scope) const {
  auto narrowed = NarrowReach(caller.reach, scope.reach);
  if (!narrowed) return {};
  scope.reach = *narrowed;
  store::Totals out;
  db_.Read([&](db::Tx& tx) { out = store::SumHours(tx, scope); });
  return out;
}

ServiceRecord HoursApp::Record(const Caller& caller, const std::string& volunteer_id, const Period& period) const {
  ServiceRecord r;
  int64_t from = period.from.empty() ? 0 : ChinaMidnight(*ParseDate(period.from));
  int64_t to = period.to.empty() ? INT64_MAX : ChinaMidnight(*ParseDate(period.to)) + 86400;
  db_.Read([&](db::Tx& tx) {
    auto v = store::Volunteers().Get(tx, volunteer_id, caller.reach);
    if (!v) Throw(ErrorCode::kNotFound, "volunteer_id", "no such volunteer");
    r.volunteer = *v;
    r.lines = store::ServiceRecordLines(tx, volunteer_id, from, to);
    r.totals = store::SumHours(tx, {caller.reach, volunteer_id, "", period.from, period.to});
  });
  for (const auto& line : r.lines) {
    r.attended += line.state == SignUpState::kAttended;
    r.no_shows += line.state == SignUpState::kNoShow;
  }
  return r;
}

store::Summary HoursApp::Summarize(const Caller& caller, const std::string& division_prefix,
                                   const Period& period) const {
  auto narrowed = NarrowReach(caller.reach, division_prefix);
  if (!narrowed) return {};
  store::SummaryQuery q{*narrowed, ChinaMidnight(*ParseDate(period.from)), ChinaMidnight(*ParseDate(period.to)) + 86400,
                        period.from, period.to};
  store::Summary out;
  db_.Read([&](db::Tx& tx) { out = store::Summarize(tx, q); });
  return out;
}

std::string ServiceRecordCsv(const ServiceRecord& r) {
  auto hours = [](int64_t minutes) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%s%lld.%02lld", minutes < 0 ? "-" : "",
                  static_cast<long long>(std::llabs(minutes) / 60),
                  static_cast<long long>(std::llabs(minutes) % 60 * 100 / 60));
    return std::string(buf);
  };
  static const char* kStates[] = {"", "已报名", "候补", "已取消", "缺席", "已参加"};
  std::string out = "\xEF\xBB\xBF";  // BOM
  out += CsvLine({"活动编号", "活动名称", "类型", "开始", "结束", "状态", "确认时长(小时)", "待确认时长(小时)"});
  for (const auto& line : r.lines) {
    out += CsvLine({line.activity.id, line.activity.title, std::to_string(static_cast<int>(line.activity.type)),
                    FormatInstantChina(line.activity.starts_at), FormatInstantChina(line.activity.ends_at),
                    kStates[static_cast<int>(line.state)], hours(line.confirmed_minutes), hours(line.pending_minutes)});
  }
  out += CsvLine({"合计", r.volunteer.name, "", "", "", "参加 " + std::to_string(r.attended),
                  hours(r.totals.confirmed_minutes), hours(r.totals.claimed_minutes + r.totals.disputed_minutes)});
  return out;
}

}  // namespace carehub::volunteers
