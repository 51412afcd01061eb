#pragma once
// The programs table, declared once; its three accounts are opened with it.
#include <string>

#include "common/db/in_reach.h"
#include "common/db/record_table.h"
#include "services/funds/domain/program.h"

namespace carehub::funds::store {

const db::RecordTable<Program>& Programs();

// Inserts the program and its available/held/spent accounts at zero; ALREADY_EXISTS on
// program.code when another program has the code.
void InsertProgram(db::Tx& tx, const Program& p);

struct ProgramFilter {
  int state = 0;
  std::string benefit_class{};
};
db::Filter ToSql(const ProgramFilter& f);

}  // namespace carehub::funds::store
