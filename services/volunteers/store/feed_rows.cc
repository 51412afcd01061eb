#include "services/volunteers/store/feed_rows.h"

#include "common/log.h"

namespace carehub::volunteers::store {

int64_t ReadCursor(db::Tx& tx, const std::string& name, bool lock) {
  std::string sql = "SELECT position FROM feed_cursors WHERE name = ?";
  if (lock && tx.backend() == db::Backend::kMysql) sql += " FOR UPDATE";
  auto rows = tx.Query(sql, {name});
  return rows.empty() ? 0 : db::AsInt(rows[0][0]);
}

void SaveCursor(db::Tx& tx, const std::string& name, int64_t position) {
  if (tx.Exec("UPDATE feed_cursors SET position = ?, updated_at = ? WHERE name = ?",
              {position, log::NowRfc3339(), name}) == 0) {
    tx.Exec("INSERT INTO feed_cursors (name, position, updated_at) VALUES (?, ?, ?)",
            {name, position, log::NowRfc3339()});
  }
}

}  // namespace carehub::volunteers::store
