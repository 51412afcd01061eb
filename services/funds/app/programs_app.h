#pragma once
// The use cases of programs: set one up, open and close it, read them inside the caller's reach.
// Writes run on the caller's open (idempotent) transaction; reads open their own.
#include <optional>
#include <string>
#include <vector>

#include "common/caller.h"
#include "common/db/database.h"
#include "common/db/in_reach.h"
#include "services/funds/domain/program.h"

namespace carehub::funds {

class ProgramsApp {
 public:
  explicit ProgramsApp(db::Database& db) : db_(db) {}

  // A draft program; PERMISSION_DENIED on program.division_code outside the caller's reach,
  // ALREADY_EXISTS on program.code when the code is taken. Audited.
  Program Create(db::Tx& tx, const Caller& caller, const ProgramTerms& terms) const;
  // draft → open → closed (FAILED_PRECONDITION otherwise), under the program's lock. Audited.
  Program ChangeState(db::Tx& tx, const Caller& caller, const std::string& id, ProgramState wanted,
                      const std::string& note) const;

  std::optional<Program> Get(const Caller& caller, const std::string& id) const;
  std::vector<Program> List(const Caller& caller, const std::string& division_filter, const db::PageQuery& q) const;

 private:
  db::Database& db_;
};

// The program's terms as the audit trail shows them.
std::string ProgramAuditJson(const Program& p);

}  // namespace carehub::funds
