#include "common/db/identity_index.h"

#include "common/errors.h"

namespace carehub::db {

void ClaimIdentity(Tx& tx, const std::string& table, const std::string& id_index, const std::string& owner_id,
                   const std::string& id_field) {
  try {
    tx.Exec("INSERT INTO " + table + " (id_number_index, person_id) VALUES (?, ?)", {id_index, owner_id});
  } catch (const DbError& e) {
    if (e.kind() == DbError::Kind::kDuplicate) {
      Throw(ErrorCode::kAlreadyExists, id_field, "this resident ID number is already registered");
    }
    throw;
  }
}

}  // namespace carehub::db
