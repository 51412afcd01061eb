#pragma once
// Funds' records and requests between protobuf and the domain, each mapping once.
#include "carehub/funds/v1/funds_service.pb.h"
#include "services/funds/app/budget_app.h"
#include "services/funds/domain/grant.h"
#include "services/funds/domain/ledger.h"
#include "services/funds/domain/program.h"

namespace carehub::funds {

ProgramApplication ProgramFromProto(const v1::Program& p);
void ToProto(const Program& p, v1::Program* out);
void ToProto(const LedgerEntry& e, v1::LedgerEntry* out);
void ToProto(const BudgetView& b, v1::Budget* out);
void ToProto(const Reconciliation& r, v1::ReconcileReport* out);
void ToProto(const Grant& g, v1::Grant* out);

}  // namespace carehub::funds
