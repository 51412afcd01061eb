#pragma once
// The use cases of the hours ledger: an attendance's claim, confirmation, dispute and its
// resolution, adjustments with a reason; totals, a volunteer's service record (and its CSV), and
// the summary reports compose. Entries are never edited: only their state moves, and a correction
// is an entry of its own.
#include <optional>
#include <string>
#include <vector>

#include "common/caller.h"
#include "common/db/database.h"
#include "services/volunteers/domain/activity.h"
#include "services/volunteers/domain/hours.h"
#include "services/volunteers/domain/volunteer.h"
#include "services/volunteers/store/hours_rows.h"

namespace carehub::volunteers {

// The claim an attendance earns (CreditAttendance), written as a CLAIMED entry inside `tx`.
HoursEntry ClaimAttendance(db::Tx& tx, const Caller& caller, const Activity& a, const SignUp& s, Span attended,
                           bool check_out_missing);

struct HoursDecision {
  std::string id;
  HoursState to = HoursState::kConfirmed;
  std::string note;
};
struct Resolution {
  std::string id;
  int64_t final_minutes = 0;
  std::string note;
};
struct Adjustment {
  std::string volunteer_id, activity_id;
  int64_t minutes = 0;
  std::string reason;
};

struct ServiceRecord {
  Volunteer volunteer;
  std::vector<store::RecordLine> lines;
  store::Totals totals;
  int attended = 0, no_shows = 0;
};

struct Period {
  std::string from, to;  // YYYY-MM-DD, inclusive; "" unbounded
};

class HoursApp {
 public:
  explicit HoursApp(db::Database& db) : db_(db) {}

  // Confirm or dispute. Audited.
  HoursEntry Decide(db::Tx& tx, const Caller& caller, const HoursDecision& d) const;
  // Resolves a dispute; when the final minutes differ, an adjustment entry carries the
  // difference. Returns the resolved entry. Audited.
  HoursEntry Resolve(db::Tx& tx, const Caller& caller, const Resolution& r) const;
  HoursEntry Adjust(db::Tx& tx, const Caller& caller, const Adjustment& a) const;

  std::vector<HoursEntry> List(const Caller& caller, store::HoursPage page) const;
  store::Totals Totals(const Caller& caller, store::HoursScope scope) const;
  ServiceRecord Record(const Caller& caller, const std::string& volunteer_id, const Period& period) const;
  store::Summary Summarize(const Caller& caller, const std::string& division_prefix, const Period& period) const;

 private:
  db::Database& db_;
};

// The record as CSV (UTF-8 with a BOM, so Excel shows Chinese text), one line per activity
// and a totals line.
std::string ServiceRecordCsv(const ServiceRecord& r);

}  // namespace carehub::volunteers
