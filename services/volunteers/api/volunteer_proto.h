#pragma once
// Volunteers' records and requests between protobuf and the domain, each mapping once.
#include "carehub/volunteers/v1/volunteers_service.pb.h"
#include "services/volunteers/app/care_app.h"
#include "services/volunteers/app/hours_app.h"
#include "services/volunteers/app/volunteers_app.h"
#include "services/volunteers/domain/activity.h"
#include "services/volunteers/domain/hours.h"
#include "services/volunteers/domain/volunteer.h"
#include "services/volunteers/store/hours_rows.h"

namespace carehub::volunteers {

VolunteerApplication VolunteerFromProto(const v1::Volunteer& v);
// Masked identifiers, or the opened ones when given (a caller holding `pii`).
void ToProto(const Volunteer& v, int no_show_limit, const OpenedIdentifiers* opened, v1::Volunteer* out);
void ToProto(const Team& t, v1::Team* out);
ActivityPlan ActivityFromProto(const v1::Activity& a);
void ToProto(const Activity& a, bool with_code, v1::Activity* out);
void ToProto(const SignUp& s, v1::ActivitySignUp* out);
void ToProto(const HoursEntry& e, v1::HoursEntry* out);
void ToProto(const store::Totals& t, v1::HoursTotals* out);
void ToProto(const store::RecordLine& l, v1::ServiceRecordLine* out);
void ToProto(const store::Summary& s, v1::VolunteersSummary* out);
void ToProto(const Pairing& p, v1::Pairing* out);
VisitReport VisitFromProto(const v1::Visit& v);
void ToProto(const Visit& v, v1::Visit* out);
void ToProto(const DueChild& d, v1::DueVisit* out);
void ToProto(const store::CareSummary& s, v1::CareSummary* out);
void ToProto(const RiskReport& r, std::chrono::year_month_day today, v1::RiskReport* out);

}  // namespace carehub::volunteers
