#pragma once
// Funds' records and requests between protobuf and the domain, each mapping once.
#include "carehub/funds/v1/funds_service.pb.h"
#include "services/funds/app/budget_app.h"
#include "services/funds/app/figures_app.h"
#include "services/funds/app/payments_app.h"
#include "services/funds/domain/batch.h"
#include "services/funds/domain/grant.h"
#include "services/funds/domain/ledger.h"
#include "services/funds/domain/program.h"

namespace carehub::funds {

ProgramApplication ProgramFromProto(const v1::Program& p);
void ToProto(const Program& p, v1::Program* out);
void ToProto(const LedgerEntry& e, v1::LedgerEntry* out);
void ToProto(const BudgetView& b, v1::Budget* out);
void ToProto(const Reconciliation& r, v1::ReconcileReport* out);
void ToProto(const Grant& g, v1::Grant* out);  // the payee's account number masked

void ToProto(const BatchTally& t, v1::SkipCounts* out);
void ToProto(const GrantBatch& b, v1::GrantBatch* out);
void ToProto(const PaymentBatch& b, v1::PaymentBatch* out);
void ToProto(const ResultsOutcome& o, v1::PaymentResultsSummary* out);
void ToProto(const FundsFigures& f, v1::FundsSummary* out);

}  // namespace carehub::funds
