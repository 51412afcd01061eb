#pragma once
// The women and screenings tables, declared once.
#include <optional>
#include <string>
#include <vector>

#include "common/db/in_reach.h"
#include "common/db/record_table.h"
#include "services/registry/domain/woman.h"

namespace carehub::registry::store {

const db::RecordTable<WomanRecord>& Women();

struct WomanFilter {
  int hardship = 0;  // a category she holds
  int status = 0;
  std::string born_on_or_after{};
  std::string born_on_or_before{};
  std::string name_prefix{};
  std::optional<bool> cancer_patient{};
};
db::Filter ToSql(const WomanFilter& f);

void InsertScreening(db::Tx& tx, const Screening& s);
// A woman's screenings, oldest first.
std::vector<Screening> Screenings(db::Tx& tx, const std::string& woman_id);

}  // namespace carehub::registry::store
