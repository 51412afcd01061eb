#include "tools/carehubctl/enum_words.h"

#include <algorithm>
#include <cctype>

namespace carehub::ctl {
namespace {

// The prefix every value name of the enum shares, up to an underscore ("CHILD_CATEGORY_").
std::string CommonPrefix(const google::protobuf::EnumDescriptor* e) {
  std::string prefix = e->value(0)->name();
  for (int i = 1; i < e->value_count(); ++i) {
    const std::string& n = e->value(i)->name();
    size_t k = 0;
    while (k < prefix.size() && k < n.size() && prefix[k] == n[k]) ++k;
    prefix.resize(k);
  }
  return prefix.substr(0, prefix.rfind('_') + 1);
}

std::string WordOf(const std::string& value_name, size_t prefix) {
  std::string w = value_name.substr(prefix);
  for (auto& ch : w) ch = ch == '_' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return w;
}

}  // namespace

std::vector<std::string> EnumWords(const google::protobuf::EnumDescriptor* e) {
  std::vector<std::string> out;
  size_t prefix = CommonPrefix(e).size();
  for (int i = 0; i < e->value_count(); ++i) {
    if (e->value(i)->number() == 0) continue;  // *_UNSPECIFIED: not something to choose
    out.push_back(WordOf(e->value(i)->name(), prefix));
  }
  return out;
}

std::string EnumWord(const google::protobuf::EnumValueDescriptor* v) {
  return WordOf(v->name(), CommonPrefix(v->type()).size());
}

std::optional<int> EnumValue(const google::protobuf::EnumDescriptor* e, const std::string& word) {
  // The value's own name (WOMAN_HARDSHIP_SINGLE_MOTHER) is understood too, as in JSON.
  if (const auto* v = e->FindValueByName(word); v && v->number() != 0) return v->number();
  std::string w = word;
  std::transform(w.begin(), w.end(), w.begin(), [](unsigned char ch) { return ch == '_' ? '-' : std::tolower(ch); });
  size_t prefix = CommonPrefix(e).size();
  std::optional<int> ending;
  int endings = 0;
  for (int i = 0; i < e->value_count(); ++i) {
    if (e->value(i)->number() == 0) continue;
    std::string candidate = WordOf(e->value(i)->name(), prefix);
    if (candidate == w) return e->value(i)->number();
    if (candidate.size() > w.size() &&
        candidate.compare(candidate.size() - w.size() - 1, std::string::npos, "-" + w) == 0) {
      ending = e->value(i)->number();
      ++endings;
    }
  }
  return endings == 1 ? ending : std::nullopt;
}

}  // namespace carehub::ctl
