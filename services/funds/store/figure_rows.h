#pragma once
// What funds figures read: grants counted by program over a period of stored instants, and the
// disbursements of a program for export.
#include <map>
#include <string>
#include <vector>

#include "common/db/database.h"
#include "services/funds/domain/grant.h"

namespace carehub::funds::store {

// Instants [from, before) as RFC 3339 prefixes, divisions inside `prefix`.
struct FigureQuery {
  std::string prefix;
  std::string from, before;
};
struct Measure {
  int64_t count = 0, fen = 0;
  int64_t people = 0;     // distinct beneficiaries (disbursed only)
  int64_t goods_fen = 0;  // of goods (disbursed only)
};
enum class Event { kSubmitted, kApproved, kDisbursed, kReversed, kReleased };
// By program: the grants whose `event` fell in the period.
std::map<std::string, Measure> CountBy(db::Tx& tx, const FigureQuery& q, Event event);
// Distinct beneficiaries paid in the period, across programs.
int64_t PeoplePaid(db::Tx& tx, const FigureQuery& q);
// Σ of the journal's entries of `kind` posted in the period, by program.
std::map<std::string, int64_t> JournalBy(db::Tx& tx, const FigureQuery& q, int kind);

// Disbursed grants of a program in the period, by id after `after`.
std::vector<Grant> Disbursed(db::Tx& tx, const std::string& program_id, const FigureQuery& q, const std::string& after,
                             int limit);

}  // namespace carehub::funds::store
