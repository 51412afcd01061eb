#pragma once
// The ids this service takes, each kind checked in one place (common/api.h CheckId):
// INVALID_ARGUMENT on the field named.
#include <string>

#include "common/api.h"

namespace carehub::volunteers {

inline void CheckVolunteerId(const std::string& id, const std::string& field = "volunteer_id") {
  CheckId(id, "vo", field, "a volunteer id (vo_…)");
}
inline void CheckTeamId(const std::string& id, const std::string& field) {
  CheckId(id, "tm", field, "a team id (tm_…)");
}
inline void CheckActivityId(const std::string& id, const std::string& field) {
  CheckId(id, "ac", field, "an activity id (ac_…)");
}
inline void CheckEntryId(const std::string& id) { CheckId(id, "hr", "id", "an hours entry id (hr_…)"); }
inline void CheckPairingId(const std::string& id, const std::string& field) {
  CheckId(id, "pr", field, "a pairing id (pr_…)");
}
inline void CheckChildId(const std::string& id) { CheckId(id, "ch", "child_id", "a child id (ch_…)"); }
inline void CheckRiskReportId(const std::string& id) { CheckId(id, "rr", "id", "a risk report id (rr_…)"); }

}  // namespace carehub::volunteers
