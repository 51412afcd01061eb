#include "services/registry/api/api_helpers.h"

#include "common/text.h"
#include "services/registry/domain/person.h"

namespace carehub::registry::api {

void CheckId(const std::string& id, const char* prefix, const std::string& field, const char* what) {
  if (!IsValidId(id, prefix)) ThrowInvalid(field, std::string("is not ") + what);
}

void CheckDivisionFilter(const std::string& filter) {
  if (!filter.empty() && (filter.size() > 12 || !text::IsDigits(filter))) {
    ThrowInvalid("division_prefix", "must be up to 12 digits");
  }
}

std::string CheckNamePrefix(const std::string& prefix) {
  if (!prefix.empty() && (!text::IsValidUtf8(prefix) || text::CodePoints(prefix) > kMaxNameCodePoints)) {
    ThrowInvalid("name_prefix", "must be valid text of at most 64 characters");
  }
  return prefix;
}

int CheckEnumFilter(int value, int max, const std::string& field, const char* kind) {
  if (value < 0 || value > max) ThrowInvalid(field, std::string("is not a ") + kind + " value");
  return value;
}

Page StartPage(int32_t page_size, const std::string& page_token, std::string filters, db::Filter sql) {
  Page p;
  p.size = ResolvePageSize(page_size);
  p.filters = std::move(filters);
  p.query.after = db::KeysetCursor::Decode(DecodePageToken(page_token, p.filters));
  p.query.limit = p.size + 1;  // one more tells whether another page follows
  p.query.filter = std::move(sql);
  return p;
}

}  // namespace carehub::registry::api
