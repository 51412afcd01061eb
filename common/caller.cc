#include "common/caller.h"

#include <algorithm>

#include "common/reach.h"

namespace carehub {

Caller Caller::From(const Principal& p, std::chrono::system_clock::time_point deadline) {
  return Caller{p.subject, p.roles, p.division_prefix, p.trace_id, p.on_behalf_of, deadline};
}

Principal Caller::AsPrincipal() const { return Principal{subject, roles, reach, trace_id, on_behalf_of}; }

bool Caller::Has(std::string_view r) const { return std::find(roles.begin(), roles.end(), r) != roles.end(); }

bool Caller::HasAny(std::initializer_list<std::string_view> wanted) const {
  return std::any_of(wanted.begin(), wanted.end(), [&](std::string_view r) { return Has(r); });
}

bool Caller::Reaches(std::string_view division_code) const { return InReach(reach, division_code); }

}  // namespace carehub
