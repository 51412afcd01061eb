#pragma once
// One record per person, without storing an ID number: a table (id_number_index PRIMARY KEY,
// person_id) of blind indexes (common/sealed_pii.h). The registry keeps one for children and
// women together, volunteers one of their own.
#include <string>

#include "common/db/database.h"

namespace carehub::db {

// Claims `id_index` for `owner_id` in `table`; ALREADY_EXISTS on `id_field` when it is taken.
void ClaimIdentity(Tx& tx, const std::string& table, const std::string& id_index, const std::string& owner_id,
                   const std::string& id_field);

}  // namespace carehub::db
