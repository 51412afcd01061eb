#pragma once
// What the registry's figures read: people by division range and instant, the change feed's
// status changes, screenings by date. Each query seeks the (division_code, …) indexes.
#include <map>
#include <string>
#include <vector>

#include "common/db/database.h"

namespace carehub::registry::store {

// A division prefix and a period: instants [from, before) as RFC 3339 prefixes, and the same
// period's dates [from_date, to_date] for date columns.
struct SummaryQuery {
  std::string prefix;
  std::string from, before;
  std::string from_date, to_date;
};

struct RegistryFigures {
  int64_t children_left_behind = 0, children_in_difficulty = 0, children_entered = 0, children_exited = 0;
  int64_t women_active = 0, women_entered = 0, women_exited = 0;
  int64_t screenings = 0, screenings_confirmed = 0, cancer_patients = 0;
  std::vector<std::string> next_level;  // division prefixes one level down with anyone registered
  std::map<int, int64_t> children_exited_by_reason, women_exited_by_reason;  // ExitReason → exits
};

RegistryFigures Summarize(db::Tx& tx, const SummaryQuery& q, size_t next_level_length);

}  // namespace carehub::registry::store
