#pragma once
// The use cases of volunteers and teams: register a volunteer (identifiers sealed, one record per
// ID number), change a status, clear no-shows, form teams and change their members, and read all
// of it inside the caller's reach. Writes run on the caller's open (idempotent) transaction.
#include <optional>
#include <string>
#include <vector>

#include "common/caller.h"
#include "common/crypto.h"
#include "common/db/database.h"
#include "common/db/in_reach.h"
#include "services/volunteers/domain/volunteer.h"

namespace carehub::volunteers {

// A volunteer ready to register: sealed identifiers and the blind index of the ID number.
struct NewVolunteer {
  Volunteer record;
  std::string id_index;
};

struct StatusChange {
  std::string id;
  VolunteerStatus to = VolunteerStatus::kActive;
  std::string note;
};

struct Membership {
  std::string team_id, volunteer_id;
};

// A volunteer's identifiers opened for a caller holding `pii`.
struct OpenedIdentifiers {
  std::string resident_id_number, mobile;
};

// The volunteer, locked inside the caller's reach (NOT_FOUND on `field` otherwise); FAILED_PRECONDITION
// on `field` unless active.
Volunteer LockActiveVolunteer(db::Tx& tx, const Caller& caller, const std::string& id, const std::string& field);

class VolunteersApp {
 public:
  VolunteersApp(db::Database& db, const crypto::PiiCipher& cipher) : db_(db), cipher_(cipher) {}

  // Seals the identifiers (CPU work, before any transaction); PERMISSION_DENIED on
  // volunteer.division_code outside the caller's reach.
  NewVolunteer Prepare(const Caller& caller, const ValidVolunteer& valid) const;
  // ALREADY_EXISTS on volunteer.resident_id_number when the person is a volunteer already. Audited.
  Volunteer Register(db::Tx& tx, const Caller& caller, const NewVolunteer& v) const;
  Volunteer ChangeStatus(db::Tx& tx, const Caller& caller, const StatusChange& change) const;
  Volunteer ClearNoShows(db::Tx& tx, const Caller& caller, const std::string& id, const std::string& note) const;

  std::optional<Volunteer> Get(const Caller& caller, const std::string& id) const;
  std::vector<Volunteer> List(const Caller& caller, const std::string& division_filter, const db::PageQuery& q) const;
  // Each look audited (committed) before anything is opened.
  std::vector<OpenedIdentifiers> Reveal(const Caller& caller, const std::vector<Volunteer>& volunteers) const;

  // The leader must be an active volunteer in reach; becomes the first member. Audited.
  Team CreateTeam(db::Tx& tx, const Caller& caller, const TeamPlan& plan) const;
  // A member joins (an active volunteer, in reach) or leaves (not the leader). Audited.
  Team AddMember(db::Tx& tx, const Caller& caller, const Membership& m) const;
  Team RemoveMember(db::Tx& tx, const Caller& caller, const Membership& m) const;
  std::optional<Team> GetTeam(const Caller& caller, const std::string& id) const;
  std::vector<Team> ListTeams(const Caller& caller, const std::string& division_filter, const db::PageQuery& q) const;
  std::vector<Volunteer> Members(const Caller& caller, const std::string& team_id, const std::string& after_id,
                                 int limit) const;

 private:
  db::Database& db_;
  const crypto::PiiCipher& cipher_;
};

}  // namespace carehub::volunteers
