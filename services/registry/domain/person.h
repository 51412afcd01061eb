#pragma once
// What every registered person shares, child or woman (DOMAIN.md): the status a register keeps
// (动态管理), the reasons for leaving it, the history of changes, and the checks on names, notes
// and codes. Plain C++: no gRPC, no SQL.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/errors.h"        // every rule here refuses with a DomainError
#include "common/field_checks.h"  // names, notes, free text, mobiles
#include "common/reach.h"         // IsDivisionCode

namespace carehub::registry {

enum class PersonStatus { kActive = 1, kExited = 2 };
enum class ExitReason { kNone = 0, kTurned16 = 1, kParentReturned, kMovedAway, kDeceased, kOther, kOutOfHardship };

inline constexpr int kChildAgeLimit = 18;  // an adult from 18: a woman's register, not a child's

// The state every register keeps of a person, changed only by the rules below.
struct PersonState {
  PersonStatus status = PersonStatus::kActive;
  ExitReason exit_reason = ExitReason::kNone;
  int64_t version = 1;
};

// A status change the rules decided on: where it goes, why, and the note given.
struct StatusChange {
  PersonStatus to;
  ExitReason reason;
  std::string note;
};

// One leave or return, refused as the state requires: FAILED_PRECONDITION on "id" with
// `already` when the person already has the status asked for.
void RequireStatusChange(PersonStatus current, PersonStatus to, const char* already);

// An entry of a person's history: a status change, or a change of a field the history keeps
// (a child's category or risk level, a woman's hardship categories).
struct HistoryEntry {
  std::string id;
  std::string person_id;
  PersonStatus from_status = PersonStatus::kActive;
  PersonStatus to_status = PersonStatus::kActive;
  ExitReason reason = ExitReason::kNone;
  std::string note, actor, trace_id, changed_at;
  std::string field = "status";
  int from_value = 0, to_value = 0;
};

// An entry of the registry's change feed: a person's status changed (`field` "status", `status`
// the new one) or a tracked field did (`field` its name, `value` the new value).
struct PersonChange {
  int64_t seq = 0;  // assigned on append: in commit order, without holes
  std::string person_id;
  std::string person_type;  // "child", "woman"
  std::string division_code;
  std::string field;
  PersonStatus status = PersonStatus::kActive;
  int value = 0;
  std::string changed_at;
};

// Whole-years age bounds on a day as birth-date bounds (YYYY-MM-DD, "" when unbounded);
// INVALID_ARGUMENT on min_age / max_age for impossible bounds.
struct BirthRange {
  std::string on_or_after, on_or_before;
};
BirthRange BirthRangeForAges(std::optional<int> min_age, std::optional<int> max_age, std::chrono::year_month_day today);

}  // namespace carehub::registry
