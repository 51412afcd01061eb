#pragma once
// A principal's reach is a division-code prefix: a district officer holds "500116", a town
// worker "500116001", city staff "50", an empty prefix reaches everything.
#include <optional>
#include <string>
#include <string_view>

namespace carehub {

// A 12-digit statistical division code (统计用区划代码).
inline bool IsDivisionCode(std::string_view code) {
  if (code.size() != 12) return false;
  for (char c : code) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// The prefix a padded division code stands for: a district's 500116000000 covers 500116…, a
// town's 500116001000 covers 500116001…. Trailing levels of zeros are dropped (village 3, town 3,
// county 2, city 2 digits), never a zero that belongs to a level's own number.
inline std::string_view DivisionPrefix(std::string_view code) {
  for (size_t width : {3, 3, 2, 2}) {
    if (code.size() < width || code.substr(code.size() - width).find_first_not_of('0') != std::string_view::npos) break;
    code.remove_suffix(width);
  }
  return code;
}

// The levels' prefix lengths: province, city, county, town, village.
inline constexpr size_t kLevelLengths[] = {2, 4, 6, 9, 12};

// The prefix length of the level below one of `prefix_length` digits (province 2 → city 4 →
// county 6 → town 9 → village 12); 0 below a village.
inline size_t NextLevelLength(size_t prefix_length) {
  for (size_t length : kLevelLengths) {
    if (length > prefix_length) return length;
  }
  return 0;
}

// The shortest level whose prefixes are at least `prefix_length` digits (a rollup kept per level
// answers a prefix from that level's rows); 12 for anything longer.
inline size_t LevelLengthFor(size_t prefix_length) {
  for (size_t length : kLevelLengths) {
    if (length >= prefix_length) return length;
  }
  return 12;
}

inline bool InReach(std::string_view reach_prefix, std::string_view division_code) {
  return division_code.substr(0, reach_prefix.size()) == reach_prefix && division_code.size() >= reach_prefix.size();
}

// The narrower of the principal's reach and a requested filter prefix, or nullopt when the two
// do not overlap (the filter lies outside the reach, so nothing can match).
inline std::optional<std::string> NarrowReach(std::string_view reach_prefix, std::string_view filter) {
  if (InReach(reach_prefix, filter)) return std::string(filter);
  if (InReach(filter, reach_prefix)) return std::string(reach_prefix);
  return std::nullopt;
}

// "Starts with prefix" as a key range [begin, end): division codes are digits and ':' sorts
// right after '9', so the range holds exactly the codes with that prefix and every backend
// seeks a (division_code, …) index for it instead of scanning with LIKE.
struct ReachRange {
  std::string begin;
  std::string end;
};
inline ReachRange RangeOf(std::string_view prefix) { return {std::string(prefix), std::string(prefix) + ":"}; }

}  // namespace carehub
