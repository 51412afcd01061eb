#pragma once
// Where the form's figures come from: each domain service's summary, asked as the caller (reach
// and roles apply there). The gRPC implementations are in api/; tests give fakes.
#include <memory>
#include <string>
#include <vector>

#include "common/caller.h"
#include "services/reports/domain/indicators.h"
#include "services/reports/domain/period.h"

namespace carehub::reports {

struct SourceAnswer {
  Figures values;
  std::vector<std::string> next_level;  // the registry's: divisions one level down with anyone in them
};

class FigureSource {
 public:
  virtual ~FigureSource() = default;
  virtual Source source() const = 0;
  // The source's figures for `prefix` over `period`; DomainError (UNAVAILABLE, PERMISSION_DENIED
  // …) when it cannot answer.
  virtual SourceAnswer Summarize(const Caller& caller, const std::string& prefix, const DateRange& period) const = 0;
};

using Sources = std::vector<std::unique_ptr<FigureSource>>;

}  // namespace carehub::reports
