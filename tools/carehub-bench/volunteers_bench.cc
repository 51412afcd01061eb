#include "tools/carehub-bench/volunteers_bench.h"

#include "carehub/volunteers/v1/volunteers_service.grpc.pb.h"
#include "common/db/bulk.h"
#include "common/db/database.h"
#include "common/instant.h"
#include "common/resident_id.h"
#include "services/volunteers/app/care_app.h"
#include "services/volunteers/app/feed.h"
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

// Inserts `n` rows of `columns` values each, made by `row(i, out)`, 500 a statement and 10,000 a
// transaction.
void BulkInsert(db::Database& db, const std::string& insert, size_t columns, int64_t n,
                const std::function<void(int64_t, std::vector<db::Value>&)>& row) {
  for (int64_t done = 0; done < n;) {
    int64_t batch = std::min<int64_t>(10'000, n - done);
    db.Transact([&](db::Tx& tx) {
      std::vector<db::Value> values;
      for (int64_t i = done; i < done + batch; ++i) {
        row(i, values);
        if (values.size() == 500 * columns) {
          db::InsertRows(tx, insert, columns, values);
          values.clear();
        }
      }
      if (!values.empty()) db::InsertRows(tx, insert, columns, values);
    });
    done += batch;
  }
}

std::string Village(int64_t i) {
  char division[16];
  std::snprintf(division, sizeof division, "500116%03d%03d", static_cast<int>(i % 30), static_cast<int>(i / 30 % 10));
  return division;
}

// Paired children over 300 villages, due from 60 days ago to 30 days ahead, each with a pairing
// and ten visits: the overdue lists read the plans; pairings and visits make the tables real.
void SeedCare(const VolunteersBenchOptions& o) {
  auto db = db::Open(o.db_url);
  auto start = std::chrono::steady_clock::now();
  auto today = std::chrono::sys_days(ChinaDateOf(NowSeconds()));
  auto day = [&](int64_t offset) { return FormatDate(std::chrono::year_month_day(today + std::chrono::days(offset))); };
  auto child = [&](int64_t i) { return "ch_bench" + std::to_string(o.run_id) + "_" + std::to_string(i); };
  BulkInsert(
      *db,
      "INSERT INTO care_plans (id, division_code, category, risk, last_contact_on, next_due_on, "
      "active_pairings, version) VALUES ",
      8, o.pairings, [&](int64_t i, std::vector<db::Value>& v) {
        for (db::Value x : {db::Value(child(i)), db::Value(Village(i)), db::Value(int64_t{1 + i % 2}),
                            db::Value(int64_t{1 + i % 3}), db::Value(day(-(i % 90) - 7)),
                            db::Value(day(30 - (i * 7919) % 91)), db::Value(int64_t{1}), db::Value(int64_t{1})}) {
          v.push_back(std::move(x));
        }
      });
  BulkInsert(*db,
             "INSERT INTO pairings (id, volunteer_id, child_id, division_code, state, started_on, ended_on, "
             "end_reason, end_note, active_key, version, created_at, created_by) VALUES ",
             13, o.pairings, [&](int64_t i, std::vector<db::Value>& v) {
               std::string vol = "vo_bench_" + std::to_string(i / 3);
               for (db::Value x :
                    {db::Value("pr_" + child(i).substr(3)), db::Value(vol), db::Value(child(i)), db::Value(Village(i)),
                     db::Value(int64_t{1}), db::Value(day(-365)), db::Value(""), db::Value(int64_t{0}), db::Value(""),
                     db::Value(vol + ":" + child(i)), db::Value(int64_t{1}), db::Value("now"), db::Value("bench")}) {
                 v.push_back(std::move(x));
               }
             });
  BulkInsert(*db,
             "INSERT INTO visits (id, pairing_id, child_id, volunteer_id, division_code, visited_on, kind, "
             "contact_made, duration_minutes, findings, goods_fen, services, note, follow_up, created_at, created_by) "
             "VALUES ",
             16, int64_t{o.pairings} * o.visits_per_child, [&](int64_t i, std::vector<db::Value>& v) {
               int64_t c = i % o.pairings;
               for (db::Value x : {db::Value("vi_" + child(c).substr(3) + "_" + std::to_string(i)),
                                   db::Value("pr_" + child(c).substr(3)), db::Value(child(c)),
                                   db::Value("vo_bench_" + std::to_string(c / 3)), db::Value(Village(c)),
                                   db::Value(day(-(i % 365))), db::Value(int64_t{1 + i % 4}), db::Value(int64_t{1}),
                                   db::Value(int64_t{45}), db::Value(int64_t{0}), db::Value(int64_t{0}), db::Value(""),
                                   db::Value(""), db::Value(int64_t{0}), db::Value("now"), db::Value("bench")}) {
                 v.push_back(std::move(x));
               }
             });
  db->Transact([](db::Tx& tx) { volunteers::store::RebuildVisitRollups(tx); });  // as if each were recorded
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << nlohmann::json{{"op", "seed pairings, plans and visits"},
                              {"pairings", o.pairings},
                              {"visits", int64_t{o.pairings} * o.visits_per_child},
                              {"seconds", seconds}}
                   .dump()
            << std::endl;
}

// Attendance entries straight into the ledger's table: 300 villages of one district, 5,000
// volunteers, a year of service dates, confirmed two-hour claims; then the rollup.
void SeedAttendance(const VolunteersBenchOptions& o) {
  auto db = db::Open(o.db_url);
  auto start = std::chrono::steady_clock::now();
  const int64_t day0 = ChinaMidnight(*ParseDate("2026-01-01"));
  BulkInsert(*db,
             "INSERT INTO hours_entries (id, volunteer_id, activity_id, signup_id, team_id, division_code, kind, "
             "state, minutes, credited_from, credited_to, service_date, check_out_missing, adjusts_entry_id, reason, "
             "created_at, created_by, decided_at, decided_by, version) VALUES ",
             20, o.attendance_rows, [&](int64_t i, std::vector<db::Value>& v) {
               int64_t from = day0 + (i % 365) * 86400 + 9 * 3600;
               std::string id = "hr_bench_" + std::to_string(o.run_id) + "_" + std::to_string(i);
               for (db::Value x : {db::Value(id),
                                   db::Value("vo_bench_" + std::to_string(i % 5000)),
                                   db::Value("ac_bench_" + std::to_string(i % 20000)),
                                   db::Value("su_" + id.substr(3)),
                                   db::Value("tm_bench_" + std::to_string(i % 300)),
                                   db::Value(Village(i)),
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
                 v.push_back(std::move(x));
               }
             });
  db->Transact([](db::Tx& tx) { volunteers::store::RebuildRollup(tx); });  // as if the service had written each
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << nlohmann::json{{"op", "seed attendance rows and their rollup"},
                              {"n", o.attendance_rows},
                              {"per_s", o.attendance_rows / seconds}}
                   .dump()
            << std::endl;
}

// A feed of `n` risk changes for the seeded children (each one a real change: a re-plan and its
// audit event), served from memory.
class SyntheticFeed final : public volunteers::PersonChangeSource {
 public:
  SyntheticFeed(int n, int children, int run) : n_(n), children_(children), run_(run) {}
  std::vector<volunteers::PersonChange> After(int64_t seq, int limit) const override {
    std::vector<volunteers::PersonChange> out;
    for (int64_t s = seq + 1; s <= n_ && static_cast<int>(out.size()) < limit; ++s) {
      std::string child = "ch_bench" + std::to_string(run_) + "_" + std::to_string(s % children_);
      out.push_back({s, child, "child", Village(s % children_), "risk_level", 1, static_cast<int>(1 + (s + 1) % 3),
                     FormatInstantChina(NowSeconds())});
    }
    return out;
  }

 private:
  int64_t n_;
  int children_, run_;
};

// Changes followed per second: the follower's side (a transaction per change with its cursor),
// which bounds the feed, over the seeded plans.
void FollowFeed(const VolunteersBenchOptions& o, int changes) {
  auto db = db::Open(o.db_url);
  db->Transact([](db::Tx& tx) { tx.Exec("DELETE FROM feed_cursors"); });
  volunteers::CareApp care(*db, {});
  SyntheticFeed feed(changes, o.pairings, o.run_id);
  volunteers::FeedFollower follower(*db, care, feed, NowSeconds);
  auto start = std::chrono::steady_clock::now();
  int applied = 0;
  while (applied < changes) {
    int n = follower.Poll();
    if (n == 0) break;
    applied += n;
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << nlohmann::json{{"op", "follow the change feed (risk changes re-planning)"},
                              {"n", applied},
                              {"per_s", applied / seconds}}
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

  SeedCare(o);
  for (const char* prefix : {"500116", "500116007"}) {
    Timed(std::string("ListOverdueVisits first page (50), ") + prefix, o.totals_queries, o.concurrency, [&](int) {
      vv1::ListOverdueVisitsRequest req;
      req.set_division_prefix(prefix);
      vv1::DueVisitsResponse out;
      return b.Stub()->ListOverdueVisits(SignedAs(b.key, "officer").get(), req, &out).ok() && out.visits_size() == 50;
    });
  }
  FollowFeed(o, 20'000);
  // The last month, and this calendar year (the form's year: whole years read the yearly sets).
  auto today = std::chrono::year_month_day(std::chrono::sys_days(ChinaDateOf(NowSeconds())));
  auto month_ago = std::chrono::year_month_day(std::chrono::sys_days(today) - std::chrono::days(30));
  auto year = std::to_string(static_cast<int>(today.year()));
  for (auto [name, from, to] : {std::tuple{std::string("last 31 days"), FormatDate(month_ago), FormatDate(today)},
                                std::tuple{"year " + year, year + "-01-01", year + "-12-31"}}) {
    Timed("SummarizeCare district 500116, " + name, o.totals_queries / 4, o.concurrency, [&](int) {
      vv1::SummarizeCareRequest req;
      req.set_division_prefix("500116");
      req.set_from(from);
      req.set_to(to);
      vv1::CareSummary out;
      return b.Stub()->SummarizeCare(SignedAs(b.key, "officer").get(), req, &out).ok();
    });
  }
  return 0;
}

}  // namespace carehub::bench
