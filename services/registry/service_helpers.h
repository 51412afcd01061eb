#pragma once
// Request checks and answers the registry's RPCs for children and women share (internal to
// the registry service's .cc files).
#include <grpcpp/grpcpp.h>

#include <chrono>
#include <optional>
#include <string>

#include "carehub/registry/v1/registry_service.grpc.pb.h"
#include "common/errors.h"
#include "common/paging.h"
#include "common/text.h"
#include "services/registry/bulk_import.h"
#include "services/registry/child.h"
#include "services/registry/person_rows.h"

namespace carehub::registry::rpc {

inline constexpr char kPrefix[] = "/carehub.registry.v1.RegistryService/";

inline PersonCursor CursorFrom(const std::string& last) {
  if (last.empty()) return {};
  auto slash = last.find('/');
  if (slash == std::string::npos) throw DomainError(ErrorCode::kInvalidArgument, "page_token", "is not a valid page token");
  return {last.substr(0, slash), last.substr(slash + 1)};
}

inline void CheckDivisionFilter(const std::string& filter) {
  if (!filter.empty() && (filter.size() > 12 || !text::IsDigits(filter))) {
    throw DomainError(ErrorCode::kInvalidArgument, "division_prefix", "must be up to 12 digits");
  }
}

// Whole-years age bounds (China date today) as birth-date bounds, YYYY-MM-DD; "" when unbounded.
struct BirthRange {
  std::string on_or_after, on_or_before;
};
inline BirthRange BirthRangeForAges(std::optional<int> min_age, std::optional<int> max_age,
                                    std::chrono::year_month_day today) {
  using std::chrono::years;
  // 29 February minus whole years lands on an impossible date in common years: use the 28th.
  auto clamp = [](std::chrono::year_month_day d) {
    return d.ok() ? d : std::chrono::year_month_day{d.year(), d.month(), std::chrono::day{28}};
  };
  BirthRange r;
  if (min_age) {
    if (*min_age < 0 || *min_age > 150) throw DomainError(ErrorCode::kInvalidArgument, "min_age", "must be 0 to 150");
    r.on_or_before = FormatDate(clamp(today - years{*min_age}));  // aged at least N
  }
  if (max_age) {
    if (*max_age < 0 || *max_age > 150) throw DomainError(ErrorCode::kInvalidArgument, "max_age", "must be 0 to 150");
    if (min_age && *max_age < *min_age) {
      throw DomainError(ErrorCode::kInvalidArgument, "max_age", "must not be below min_age");
    }
    // Aged at most N: not yet N+1, so born after today N+1 years ago.
    auto limit = std::chrono::sys_days{clamp(today - years{*max_age + 1})} + std::chrono::days{1};
    r.on_or_after = FormatDate(std::chrono::year_month_day{limit});
  }
  return r;
}

// The age bounds of a list request (min_age / max_age) as birth dates.
template <typename ListRequest>
BirthRange BirthRangeOf(const ListRequest& req) {
  return BirthRangeForAges(req.has_min_age() ? std::optional(req.min_age()) : std::nullopt,
                           req.has_max_age() ? std::optional(req.max_age()) : std::nullopt, TodayInChina());
}

inline std::string CheckNamePrefix(const std::string& prefix) {
  if (!prefix.empty() && (!text::IsValidUtf8(prefix) || text::CodePoints(prefix) > kMaxNameCodePoints)) {
    throw DomainError(ErrorCode::kInvalidArgument, "name_prefix", "must be valid text of at most 64 characters");
  }
  return prefix;
}

// Feeds the streamed file to `run` and reports what became of its rows. A call cancelled
// midway stores nothing more (batches already stored stay: a re-run completes them).
template <typename Valid>
void RunImportStream(grpc::ServerContext* ctx, grpc::ServerReader<v1::ImportChunk>* reader, BulkImport<Valid>& run,
                     v1::ImportSummary* resp) {
  v1::ImportChunk chunk;
  while (reader->Read(&chunk)) run.Feed(chunk.data());
  if (ctx->IsCancelled()) throw DomainError(ErrorCode::kAborted, "", "the import was cancelled before the file ended");
  ImportSummary s = run.Finish();
  resp->set_rows(s.rows);
  resp->set_created(s.created);
  resp->set_already_registered(s.already_registered);
  resp->set_rejected(s.rejected);
  for (auto& r : s.rejections) {
    auto* out = resp->add_rejections();
    out->set_line(r.line);
    out->set_field(std::move(r.field));
    out->set_reason(std::move(r.reason));
  }
}

// A page of `rows` (one more was asked for than `page_size`): trims the extra one and returns
// the token of the next page, "" when there is none.
template <typename Record>
std::string NextPage(std::vector<Record>& rows, int page_size, const std::string& filters) {
  if (static_cast<int>(rows.size()) <= page_size) return "";
  rows.pop_back();
  return EncodePageToken(filters, rows.back().division_code + "/" + rows.back().id);
}

}  // namespace carehub::registry::rpc
