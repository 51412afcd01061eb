#include "tools/carehubctl/output.h"

#include <google/protobuf/util/json_util.h>
#include <utf8proc.h>
#include <yaml-cpp/yaml.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <iostream>
#include <regex>
#include <vector>

#include "common/money.h"
#include "tools/carehubctl/enum_words.h"

namespace carehub::ctl {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

Format g_format = Format::kTable;

// A field reached from the record through singular message fields (guardian.name).
using FieldPath = std::vector<const FieldDescriptor*>;

bool EndsWith(const std::string& s, std::string_view tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}
bool IsMoney(const FieldDescriptor* f) {
  return f->cpp_type() == FieldDescriptor::CPPTYPE_INT64 && EndsWith(f->name(), "_fen");
}
bool IsScalar(const FieldDescriptor* f) { return f->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE; }

// How much an operator scanning a list wants a column: 1 most, 0 never.
int Rank(const FieldDescriptor* f) {
  const std::string& n = f->name();
  static const std::regex kNever("request_id|version|notes?|address|school|goods|.*_by|.*_cipher|.*_token");
  if (!IsScalar(f) || std::regex_match(n, kNever)) return 0;
  static const std::regex kFirst("id|name|title|division_code|category|state|status|kind|type|role|risk_level");
  if (std::regex_match(n, kFirst) || IsMoney(f)) return 1;
  if (EndsWith(n, "_date") || EndsWith(n, "_on") || n == "date" || n == "period") return 2;
  if (EndsWith(n, "_id") || n == "resident_id_number" || f->cpp_type() == FieldDescriptor::CPPTYPE_INT32 ||
      f->cpp_type() == FieldDescriptor::CPPTYPE_INT64)
    return 3;
  if (EndsWith(n, "_at")) return 4;
  return 5;
}

// The scan columns of a table: the best-ranked fields, at most nine, in the schema's order.
std::vector<FieldPath> TableColumns(const Descriptor* d) {
  constexpr size_t kMaxColumns = 9;
  std::vector<const FieldDescriptor*> picked;
  for (int rank = 1; rank <= 5 && picked.size() < kMaxColumns; ++rank) {
    for (int i = 0; i < d->field_count() && picked.size() < kMaxColumns; ++i) {
      if (Rank(d->field(i)) == rank) picked.push_back(d->field(i));
    }
  }
  std::sort(picked.begin(), picked.end(), [](auto* a, auto* b) { return a->index() < b->index(); });
  std::vector<FieldPath> out;
  for (auto* f : picked) out.push_back({f});
  return out;
}

// Every scalar field, nested records flattened (lists of records are left to json and yaml).
void CsvColumns(const Descriptor* d, FieldPath prefix, std::vector<FieldPath>& out) {
  for (int i = 0; i < d->field_count(); ++i) {
    const FieldDescriptor* f = d->field(i);
    FieldPath path = prefix;
    path.push_back(f);
    if (IsScalar(f))
      out.push_back(path);
    else if (!f->is_repeated() && prefix.size() < 3)
      CsvColumns(f->message_type(), path, out);
  }
}

std::string Header(const FieldPath& path, bool table) {
  std::string out;
  for (auto* f : path) {
    std::string name = f->name();
    if (IsMoney(f)) name = name.substr(0, name.size() - 4) + "_yuan";
    out += (out.empty() ? "" : ".") + name;
  }
  if (table) {
    for (auto& ch : out) ch = ch == '_' || ch == '.' ? ' ' : static_cast<char>(std::toupper(ch));
  }
  return out;
}

std::string ScalarText(const Message& m, const FieldDescriptor* f, int index, bool table) {
  const Reflection* r = m.GetReflection();
  bool rep = f->is_repeated();
  switch (f->cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING: {
      std::string s = rep ? r->GetRepeatedString(m, f, index) : r->GetString(m, f);
      // RFC 3339 instants shortened to the minute in a table; whole in csv.
      if (table && EndsWith(f->name(), "_at") && s.size() >= 16 && s[10] == 'T')
        s = s.substr(0, 10) + " " + s.substr(11, 5);
      return s;
    }
    case FieldDescriptor::CPPTYPE_ENUM: {
      const auto* v = rep ? r->GetRepeatedEnum(m, f, index) : r->GetEnum(m, f);
      return v->number() == 0 ? "" : EnumWord(v);
    }
    case FieldDescriptor::CPPTYPE_INT64: {
      int64_t n = rep ? r->GetRepeatedInt64(m, f, index) : r->GetInt64(m, f);
      return IsMoney(f) ? FormatYuan(n) : std::to_string(n);
    }
    case FieldDescriptor::CPPTYPE_INT32:
      return std::to_string(rep ? r->GetRepeatedInt32(m, f, index) : r->GetInt32(m, f));
    case FieldDescriptor::CPPTYPE_UINT32:
      return std::to_string(rep ? r->GetRepeatedUInt32(m, f, index) : r->GetUInt32(m, f));
    case FieldDescriptor::CPPTYPE_UINT64:
      return std::to_string(rep ? r->GetRepeatedUInt64(m, f, index) : r->GetUInt64(m, f));
    case FieldDescriptor::CPPTYPE_BOOL:
      return (rep ? r->GetRepeatedBool(m, f, index) : r->GetBool(m, f)) ? "true" : "false";
    case FieldDescriptor::CPPTYPE_DOUBLE:
      return std::to_string(rep ? r->GetRepeatedDouble(m, f, index) : r->GetDouble(m, f));
    case FieldDescriptor::CPPTYPE_FLOAT:
      return std::to_string(rep ? r->GetRepeatedFloat(m, f, index) : r->GetFloat(m, f));
    default:
      return "";
  }
}

std::string CellText(const Message& record, const FieldPath& path, bool table) {
  const Message* m = &record;
  for (size_t i = 0; i + 1 < path.size(); ++i) {
    if (!m->GetReflection()->HasField(*m, path[i])) return "";
    m = &m->GetReflection()->GetMessage(*m, path[i]);
  }
  const FieldDescriptor* f = path.back();
  if (!f->is_repeated()) return ScalarText(*m, f, 0, table);
  std::string out;
  for (int i = 0; i < m->GetReflection()->FieldSize(*m, f); ++i) {
    out += (i ? (table ? "," : ";") : "") + ScalarText(*m, f, i, table);
  }
  return out;
}

// What an answer holds: its records (the first list of messages in it, or the answer itself) and
// the rest of its fields, said after a table.
struct Records {
  const Message* envelope;
  const FieldDescriptor* list = nullptr;  // null: the envelope is the one record
};

Records RecordsOf(const Message& m) {
  const Message* at = &m;
  // An answer that only wraps one record ({"grant": {…}}) is that record.
  for (;;) {
    std::vector<const FieldDescriptor*> set;
    at->GetReflection()->ListFields(*at, &set);
    if (set.size() == 1 && !set[0]->is_repeated() && !IsScalar(set[0]) && at->GetDescriptor()->field_count() == 1) {
      at = &at->GetReflection()->GetMessage(*at, set[0]);
      continue;
    }
    break;
  }
  const Descriptor* d = at->GetDescriptor();
  if (d->FindFieldByName("id")) return {at, nullptr};  // a record, whatever lists it holds
  for (int i = 0; i < d->field_count(); ++i) {
    if (d->field(i)->is_repeated() && !IsScalar(d->field(i))) return {at, d->field(i)};
  }
  return {at, nullptr};
}

std::vector<const Message*> RowsOf(const Records& rec) {
  if (!rec.list) return {rec.envelope};
  std::vector<const Message*> rows;
  const Reflection* r = rec.envelope->GetReflection();
  for (int i = 0; i < r->FieldSize(*rec.envelope, rec.list); ++i)
    rows.push_back(&r->GetRepeatedMessage(*rec.envelope, rec.list, i));
  return rows;
}

void WriteTable(const std::vector<std::vector<std::string>>& cells, std::ostream& out) {
  std::vector<size_t> widths;
  for (const auto& row : cells) {
    widths.resize(std::max(widths.size(), row.size()));
    for (size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], DisplayWidth(row[c]));
  }
  for (const auto& row : cells) {
    std::string line;
    for (size_t c = 0; c < row.size(); ++c) line += c + 1 < row.size() ? PadTo(row[c], widths[c] + 3) : row[c];
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << "\n";
  }
}

// An answer that is no record (figures, a summary, who the caller is): one line a field that is
// set, nested fields by their dotted path.
void RenderFields(const Message& m, std::ostream& out) {
  std::vector<FieldPath> fields;
  CsvColumns(m.GetDescriptor(), {}, fields);
  std::vector<std::vector<std::string>> cells;
  for (const auto& f : fields) {
    std::string v = CellText(m, f, true);
    if (!v.empty()) cells.push_back({Header(f, false) + ":", v});
  }
  WriteTable(cells, out);
}

// The scan columns' header and one line a row; a column empty in every row is left out.
std::vector<std::vector<std::string>> Cells(const std::vector<const Message*>& rows) {
  std::vector<std::vector<std::string>> cells(1);
  for (const auto& c : TableColumns(rows[0]->GetDescriptor())) {
    std::vector<std::string> column;
    bool any = false;
    for (const Message* row : rows) {
      column.push_back(CellText(*row, c, true));
      any |= !column.back().empty();
    }
    if (!any) continue;
    cells[0].push_back(Header(c, true));
    cells.resize(rows.size() + 1);
    for (size_t r = 0; r < rows.size(); ++r) cells[r + 1].push_back(column[r]);
  }
  return cells;
}

void RenderTable(const Message& m, std::ostream& out) {
  Records rec = RecordsOf(m);
  if (!rec.list && !rec.envelope->GetDescriptor()->FindFieldByName("id")) return RenderFields(*rec.envelope, out);
  // A list's answer may carry figures of its own (an import's counts before its rejections) and
  // a next page's token (said after the list).
  std::vector<std::vector<std::string>> figures, tokens;
  if (rec.list) {
    std::vector<const FieldDescriptor*> set;
    rec.envelope->GetReflection()->ListFields(*rec.envelope, &set);
    for (auto* f : set) {
      if (f == rec.list || !IsScalar(f)) continue;
      (EndsWith(f->name(), "_token") ? tokens : figures)
          .push_back({Header({f}, false) + ":", CellText(*rec.envelope, {f}, false)});
    }
  }
  if (!figures.empty()) WriteTable(figures, out);
  auto rows = RowsOf(rec);
  if (rows.empty()) {
    if (figures.empty()) out << "(no " << rec.list->name() << ")\n";
  } else {
    if (!figures.empty()) out << "\n";
    WriteTable(Cells(rows), out);
  }
  if (!tokens.empty()) {
    out << "\n";
    WriteTable(tokens, out);
  }
}

std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string q = "\"";
  for (char ch : s) q += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  return q + "\"";
}

void RenderCsv(const Message& m, std::ostream& out) {
  Records rec = RecordsOf(m);
  std::vector<FieldPath> columns;
  CsvColumns(rec.list ? rec.list->message_type() : rec.envelope->GetDescriptor(), {}, columns);
  for (size_t c = 0; c < columns.size(); ++c) out << (c ? "," : "") << CsvField(Header(columns[c], false));
  out << "\r\n";  // RFC 4180, which spreadsheets expect
  for (const Message* row : RowsOf(rec)) {
    for (size_t c = 0; c < columns.size(); ++c) out << (c ? "," : "") << CsvField(CellText(*row, columns[c], false));
    out << "\r\n";
  }
}

std::string Json(const Message& m) {
  std::string json;
  google::protobuf::util::JsonPrintOptions opts;
  opts.add_whitespace = true;
  opts.preserve_proto_field_names = true;
  (void)google::protobuf::util::MessageToJsonString(m, &json, opts);
  return json;
}

// A string YAML would read back as something else (a number, a boolean, null) is quoted.
bool NeedsQuotes(const std::string& s) {
  static const std::regex kPlainNonString(
      "|~|null|Null|NULL|true|True|TRUE|false|False|FALSE|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|"
      "[-+]?[0-9][0-9_]*|[-+]?(\\.[0-9]+|[0-9][0-9_]*(\\.[0-9_]*)?)([eE][-+]?[0-9]+)?|0x[0-9a-fA-F]+|0o[0-7]+|"
      "[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");
  return std::regex_match(s, kPlainNonString);
}

void EmitYaml(const nlohmann::ordered_json& j, YAML::Emitter& e) {
  if (j.is_object()) {
    e << YAML::BeginMap;
    for (const auto& [k, v] : j.items()) {
      e << YAML::Key << k << YAML::Value;
      EmitYaml(v, e);
    }
    e << YAML::EndMap;
  } else if (j.is_array()) {
    e << YAML::BeginSeq;
    for (const auto& v : j) EmitYaml(v, e);
    e << YAML::EndSeq;
  } else if (j.is_string()) {
    const auto& s = j.get_ref<const std::string&>();
    if (NeedsQuotes(s)) e << YAML::DoubleQuoted;
    e << s;
  } else if (j.is_null()) {
    e << YAML::Null;
  } else {
    e << j.dump();  // numbers and booleans as JSON writes them
  }
}

void RenderYaml(const Message& m, std::ostream& out) {
  auto j = nlohmann::ordered_json::parse(Json(m));
  YAML::Emitter e;
  e.SetIndent(2);
  EmitYaml(j, e);
  out << e.c_str() << "\n";
}

nlohmann::ordered_json FromYaml(const YAML::Node& n) {
  switch (n.Type()) {
    case YAML::NodeType::Map: {
      nlohmann::ordered_json j = nlohmann::ordered_json::object();
      for (const auto& kv : n) j[kv.first.as<std::string>()] = FromYaml(kv.second);
      return j;
    }
    case YAML::NodeType::Sequence: {
      nlohmann::ordered_json j = nlohmann::ordered_json::array();
      for (const auto& v : n) j.push_back(FromYaml(v));
      return j;
    }
    case YAML::NodeType::Scalar: {
      const std::string& s = n.Scalar();
      if (n.Tag() == "!") return s;  // quoted: a string whatever it looks like
      if (s == "true" || s == "false") return s == "true";
      if (s == "null" || s == "~") return nullptr;
      auto parsed = nlohmann::ordered_json::parse(s, nullptr, false);
      if (!parsed.is_discarded() && parsed.is_number()) return parsed;
      return s;
    }
    default:
      return nullptr;
  }
}

}  // namespace

bool ParseFormat(std::string_view word, Format* out) {
  static const std::pair<std::string_view, Format> kWords[] = {
      {"table", Format::kTable}, {"json", Format::kJson}, {"yaml", Format::kYaml}, {"csv", Format::kCsv}};
  for (const auto& [w, f] : kWords) {
    if (w == word) {
      *out = f;
      return true;
    }
  }
  return false;
}

void SetFormat(Format f) { g_format = f; }
Format CurrentFormat() { return g_format; }

void Render(const Message& m, Format f, std::ostream& out) {
  switch (f) {
    case Format::kJson:
      out << Json(m);
      break;
    case Format::kYaml:
      RenderYaml(m, out);
      break;
    case Format::kCsv:
      RenderCsv(m, out);
      break;
    case Format::kTable:
      RenderTable(m, out);
      break;
  }
}

size_t DisplayWidth(std::string_view text) {
  size_t width = 0;
  auto* p = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  utf8proc_ssize_t left = static_cast<utf8proc_ssize_t>(text.size());
  while (left > 0) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
    if (n <= 0) {  // not UTF-8: a byte a column
      ++width;
      ++p;
      --left;
      continue;
    }
    width += static_cast<size_t>(std::max(0, utf8proc_charwidth(cp)));
    p += n;
    left -= n;
  }
  return width;
}

std::string PadTo(const std::string& text, size_t columns, bool right) {
  size_t w = DisplayWidth(text);
  std::string pad(columns > w ? columns - w : 0, ' ');
  return right ? pad + text : text + pad;
}

std::string YamlToJson(const std::string& yaml) { return FromYaml(YAML::Load(yaml)).dump(); }

}  // namespace carehub::ctl
