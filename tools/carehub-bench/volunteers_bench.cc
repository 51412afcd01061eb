#include "tools/carehub-bench/volunteers_bench.h"

#include "carehub/volunteers/v1/volunteers_service.grpc.pb.h"
#include "common/db/bulk.h"
#include "common/db/database.h"
#include "common/instant.h"
#include "common/resident_id.h"
#include "services/volunteers/store/hours_rows.h"
#include "tools/carehub-bench/timed.h"

namespace carehub::bench {
namespace {

namespace vv1 = volunteers::v1;

// A distinct valid ID number (an adult) for bench run `run` and index `n`.
std::string VolunteerIdNumber(int n, int run) {
  char first17[32];
  unsigned u = static_cast<unsigned>(n), r = static_cast<unsigned>(run);
  std::snprintf(first17, sizeof first17, "500116%04u%02u%02u%03u", 1960 + u % 40, 1 + (u / 40) % 12, 1 + (u / 480) % 28,
                (u / 13440 + r * 7) % 1000);
  return std::string(first17) + ResidentIdCheckChar(first17);
}

struct Bench {
  const VolunteersBenchOptions& o;
  std::string key;
  std::shared_ptr<grpc::Channel> channel;

  std::unique_ptr<vv1::VolunteersService::Stub> Stub() const { return vv1::VolunteersService::NewStub(channel); }

  std::string OpenActivity(int64_t starts_at, int capacity) const {
    vv1::CreateActivityRequest create;
    create.set_request_id(NewId("rq"));
    auto* a = create.mutable_activity();
    a->set_title("bench");
    a->set_type(vv1::ACTIVITY_TYPE_OTHER);
    a->set_division_code("500116001001");
    a->set_starts_at(FormatInstantChina(starts_at));
    a->set_ends_at(FormatInstantChina(starts_at + 7200));
    a->set_capacity(capacity);
    vv1::Activity out;
    if (!Stub()->CreateActivity(SignedAs(key, "coordinator").get(), create, &out).ok()) {
      throw std::runtime_error("cannot create an activity");
    }
    vv1::ChangeActivityStateRequest open;
    open.set_request_id(NewId("rq"));
    open.set_id(out.id());
    (void)Stub()->OpenActivity(SignedAs(key, "coordinator").get(), open, &out);
    return out.id();
  }

  bool SignUp(const std::string& activity, const std::string& volunteer) const {
    vv1::SignUpRequest req;
    req.set_request_id(NewId("rq"));
    req.set_activity_id(activity);
    req.set_volunteer_id(volunteer);
    vv1::ActivitySignUp out;
    return Stub()->SignUp(SignedAs(key, "coordinator").get(), req, &out).ok();
  }
};

// Attendance entries straight into the ledger's table: 300 villages of one district, 5,000
// volunteers, a year of service dates, confirmed two-hour claims.
void SeedAttendance(const VolunteersBenchOptions& o) {
  auto db = db::Open(o.db_url);
  const std::string insert =
      "INSERT INTO hours_entries (id, volunteer_id, activity_id, signup_id, team_id, division_code, kind, state, "
      "minutes, credited_from, credited_to, service_date, check_out_missing, adjusts_entry_id, reason, created_at, "
      "created_by, decided_at, decided_by, version) VALUES ";
  auto start = std::chrono::steady_clock::now();
  const int64_t day0 = ChinaMidnight(*ParseDate("2026-01-01"));
  for (int64_t done = 0; done < o.attendance_rows;) {
    int64_t batch = std::min<int64_t>(10'000, o.attendance_rows - done);
    db->Transact([&](db::Tx& tx) {
      std::vector<db::Value> rows;
      for (int64_t i = done; i < done + batch; ++i) {
        char division[16];
        std::snprintf(division, sizeof division, "500116%03d%03d", static_cast<int>(i % 30),
                      static_cast<int>(i / 30 % 10));
        int64_t from = day0 + (i % 365) * 86400 + 9 * 3600;
        std::string id = "hr_bench_" + std::to_string(o.run_id) + "_" + std::to_string(i);
        for (db::Value v : {db::Value(id),
                            db::Value("vo_bench_" + std::to_string(i % 5000)),
                            db::Value("ac_bench_" + std::to_string(i % 20000)),
                            db::Value("su_" + id.substr(3)),
                            db::Value("tm_bench_" + std::to_string(i % 300)),
                            db::Value(std::string(division)),
                            db::Value(int64_t{1}),
                            db::Value(int64_t{2}),
                            db::Value(int64_t{120}),
                            db::Value(from),
                            db::Value(from + 7200),
                            db::Value(FormatDate(ChinaDateOf(from))),
                            db::Value(int64_t{0}),
                            db::Value(""),
                            db::Value(""),
                            db::Value("now"),
                            db::Value("bench"),
                            db::Value("now"),
                            db::Value("bench"),
                            db::Value(int64_t{1})}) {
          rows.push_back(std::move(v));
        }
        if (rows.size() == 500 * 20) {
          db::InsertRows(tx, insert, 20, rows);
          rows.clear();
        }
      }
      if (!rows.empty()) db::InsertRows(tx, insert, 20, rows);
    });
    done += batch;
  }
  db->Transact([](db::Tx& tx) { volunteers::store::RebuildRollup(tx); });  // as if each had been written by the service
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << nlohmann::json{{"op", "seed attendance rows and their rollup"},
                              {"n", o.attendance_rows},
                              {"per_s", o.attendance_rows / seconds}}
                   .dump()
            << std::endl;
}

}  // namespace

int RunVolunteers(const VolunteersBenchOptions& o) {
  Bench b{o, LoadInternalKey(o.key), grpc::CreateChannel(o.addr, grpc::InsecureChannelCredentials())};
  std::vector<std::string> volunteers(o.signups);
  Timed("CreateVolunteer", o.signups, o.concurrency, [&](int i) {
    vv1::CreateVolunteerRequest req;
    req.set_request_id(NewId("rq"));
    auto* v = req.mutable_volunteer();
    v->set_name("志愿者");
    v->set_mobile("139" + std::to_string(10'000'000 + i));
    v->set_resident_id_number(VolunteerIdNumber(i, o.run_id));
    v->set_division_code("500116001001");
    vv1::Volunteer out;
    bool ok = b.Stub()->CreateVolunteer(SignedAs(b.key, "coordinator").get(), req, &out).ok();
    volunteers[i] = out.id();
    return ok;
  });
  // Starts tomorrow and later, three hours apart, so no volunteer's sign-ups overlap.
  int64_t day = NowSeconds() + 86400 + o.run_id * 400 * 3 * 3600;
  std::string contended = b.OpenActivity(day, o.signups / 2);
  Timed("SignUp contended: one activity, half of them waitlisted", o.signups, o.concurrency,
        [&](int i) { return b.SignUp(contended, volunteers[i]); });
  std::vector<std::string> spread;
  for (int k = 0; k < 100; ++k) spread.push_back(b.OpenActivity(day + (k + 1) * 3 * 3600, o.signups));
  Timed("SignUp spread over 100 activities", o.signups, o.concurrency,
        [&](int i) { return b.SignUp(spread[i % spread.size()], volunteers[i]); });
  if (o.db_url.empty()) return 0;

  SeedAttendance(o);
  auto totals = [&](const std::string& name, const std::function<void(vv1::GetHoursTotalsRequest&)>& scope) {
    Timed(name, o.totals_queries, o.concurrency, [&](int) {
      vv1::GetHoursTotalsRequest req;
      scope(req);
      vv1::HoursTotals out;
      return b.Stub()->GetHoursTotals(SignedAs(b.key, "officer").get(), req, &out).ok();
    });
  };
  totals("GetHoursTotals district 500116, whole year",
         [](auto& r) { r.set_division_prefix("500116"), r.set_from("2026-01-01"), r.set_to("2026-12-31"); });
  totals("GetHoursTotals district 500116, one month",
         [](auto& r) { r.set_division_prefix("500116"), r.set_from("2026-06-01"), r.set_to("2026-06-30"); });
  totals("GetHoursTotals one town 500116007, whole year",
         [](auto& r) { r.set_division_prefix("500116007"), r.set_from("2026-01-01"), r.set_to("2026-12-31"); });
  return 0;
}

}  // namespace carehub::bench
