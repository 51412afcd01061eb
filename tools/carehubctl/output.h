#pragma once
// How carehubctl prints an answer: `-o table` (the default: the columns an operator scans, aligned
// by display width so Chinese text lines up), `json` (proto field names, as the API speaks),
// `yaml` (the same document) or `csv` (every scalar field, one row per record, for a spreadsheet).
// Everything is read off the message's descriptor, so a new service's answers print with no code
// here. Values the server masked stay masked: formatting never sees anything else.
#include <google/protobuf/message.h>

#include <iosfwd>
#include <string>
#include <string_view>

namespace carehub::ctl {

enum class Format { kTable, kJson, kYaml, kCsv };

// "table", "json", "yaml", "csv"; false for anything else.
bool ParseFormat(std::string_view word, Format* out);
// The command line's one choice (-o), set once while parsing.
void SetFormat(Format f);
Format CurrentFormat();

void Render(const google::protobuf::Message& m, Format f, std::ostream& out);

// Terminal columns `text` (UTF-8) takes: East Asian wide characters count two (utf8proc).
size_t DisplayWidth(std::string_view text);
// `text` padded with spaces to `columns` display columns, on the right or (`right`) the left.
std::string PadTo(const std::string& text, size_t columns, bool right = false);

// YAML back to the JSON it was made from (quoted scalars stay strings), for reading -o yaml.
std::string YamlToJson(const std::string& yaml);

}  // namespace carehub::ctl
