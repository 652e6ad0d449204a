#include "newsnorm/core/diagnostic.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "newsnorm/core/json_writer.hpp"

namespace newsnorm {

namespace code {
// Ids are part of the interface (SARIF rule ids, --errors consumers): never rename one.
const DiagnosticCode read_failed{"read.failed", "Check that the file exists, is readable and is not being replaced."};
const DiagnosticCode read_not_found{"read.not-found", "Check the path; folders are walked, files are read."};
const DiagnosticCode read_is_folder{"read.is-folder",
                                    "Name the files inside, or pass the folder as a PATH to walk it."};
const DiagnosticCode read_empty{"read.empty", "Give the file a header or some text, or leave it out of the run."};
const DiagnosticCode read_binary{"read.binary", "Only text files are articles; exclude this file from the run."};
const DiagnosticCode read_utf16{"read.utf16", "Convert the file to UTF-8: iconv -f UTF-16 -t UTF-8."};
const DiagnosticCode read_encoding{"read.encoding", "Save the file as UTF-8 so that no byte has to be guessed."};
const DiagnosticCode front_matter_unclosed{"front-matter.unclosed",
                                           "Close the header with the same delimiter that opens it."};
const DiagnosticCode front_matter_not_mapping{"front-matter.not-mapping",
                                              "Write the header as key: value lines (a mapping)."};
const DiagnosticCode front_matter_empty{"front-matter.empty", "Add the article's fields to the header, or remove it."};
const DiagnosticCode yaml_syntax{"yaml.syntax",
                                 "Fix the YAML at the position given; quote values that hold ': ' or '#'."};
const DiagnosticCode yaml_duplicate_key{"yaml.duplicate-key", "Keep one of the two keys: remove or rename the other."};
const DiagnosticCode yaml_alias{"yaml.alias", "Define the anchor before the alias that uses it."};
const DiagnosticCode yaml_multiple_documents{"yaml.multiple-documents", "Keep one YAML document in the header."};
const DiagnosticCode yaml_escape{"yaml.escape", "Write the character itself instead of the escape."};
const DiagnosticCode toml_syntax{"toml.syntax", "Fix the TOML at the position given."};
const DiagnosticCode json_syntax{"json.syntax", "Fix the JSON at the position given."};
const DiagnosticCode json_duplicate_key{"json.duplicate-key", "Keep one of the two keys: remove or rename the other."};
const DiagnosticCode limit_bytes{"limit.bytes", "Raise the limit with --max-bytes if the file is genuine."};
const DiagnosticCode limit_header_bytes{"limit.header-bytes",
                                        "Raise the limit with --max-header-bytes if the header is genuine."};
const DiagnosticCode limit_line_length{"limit.line-length",
                                       "Raise the limit with --max-line-length if the line is genuine."};
const DiagnosticCode limit_depth{"limit.depth",
                                 "Raise the limit with --max-depth (at most 1000) if the nesting is genuine."};
const DiagnosticCode limit_alias_nodes{"limit.alias-nodes",
                                       "Raise the limit with --max-alias-nodes if the aliases are genuine."};
const DiagnosticCode limit_related{"limit.related", "Raise the limit with --max-related if the list is genuine."};
const DiagnosticCode field_wrong_type{"field.wrong-type", "Give the field a value of the type the record table names."};
const DiagnosticCode field_coerced{"field.coerced",
                                   "Write the value in the field's own type (quote text, unquote numbers)."};
const DiagnosticCode field_date{"field.date", "Write dates in RFC 3339, such as 2020-05-19T15:00:00Z."};
const DiagnosticCode field_required{"field.required", "Add the field to the header, or change --require."};
const DiagnosticCode normalize_text{"normalize.text",
                                    "Write the text as it should read (no entities, tags or mojibake)."};
const DiagnosticCode normalize_url{"normalize.url",
                                   "Write the canonical address: https, no tracking parameters, no AMP form."};
const DiagnosticCode normalize_related{"normalize.related",
                                       "List each related article once, and not the article itself."};
const DiagnosticCode normalize_provider{"normalize.provider",
                                        "Use the provider's registered name and its registrable domain."};
const DiagnosticCode registry_invalid{"registry.invalid", "Fix the provider file: a mapping of domain to name."};
const DiagnosticCode usage{"usage", "Run 'newsnorm COMMAND --help' for the options and examples."};
const DiagnosticCode input_list{"input.list", "Check the path given to --files-from."};
const DiagnosticCode output_failed{"output.failed", "Check free space and permissions where the output is written."};
const DiagnosticCode state_failed{"state.failed",
                                  "Check the --state file: its folder must be writable and it must be newsnorm's."};
const DiagnosticCode state_locked{"state.locked", "Wait for the other run, or pass --wait to wait for it."};
}  // namespace code

std::span<const DiagnosticCode* const> all_diagnostic_codes() {
  using namespace code;
  static const std::array kAll = {&read_failed,
                                  &read_not_found,
                                  &read_is_folder,
                                  &read_empty,
                                  &read_binary,
                                  &read_utf16,
                                  &read_encoding,
                                  &front_matter_unclosed,
                                  &front_matter_not_mapping,
                                  &front_matter_empty,
                                  &yaml_syntax,
                                  &yaml_duplicate_key,
                                  &yaml_alias,
                                  &yaml_multiple_documents,
                                  &yaml_escape,
                                  &toml_syntax,
                                  &json_syntax,
                                  &json_duplicate_key,
                                  &limit_bytes,
                                  &limit_header_bytes,
                                  &limit_line_length,
                                  &limit_depth,
                                  &limit_alias_nodes,
                                  &limit_related,
                                  &field_wrong_type,
                                  &field_coerced,
                                  &field_date,
                                  &field_required,
                                  &normalize_text,
                                  &normalize_url,
                                  &normalize_related,
                                  &normalize_provider,
                                  &registry_invalid,
                                  &usage,
                                  &input_list,
                                  &output_failed,
                                  &state_failed,
                                  &state_locked};
  return kAll;
}

const char* severity_name(Severity severity) {
  switch (severity) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::note: return "note";
  }
  return "error";
}

Position position_of_offset(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  const std::string_view before = text.substr(0, offset);
  const auto line = 1 + std::count(before.begin(), before.end(), '\n');
  const auto line_start = before.rfind('\n');
  const auto column = offset - (line_start == std::string_view::npos ? 0 : line_start + 1) + 1;
  return {static_cast<int>(line), static_cast<int>(column)};
}

std::string format_diagnostic(const std::string& path, const Diagnostic& diagnostic) {
  const char* kind = severity_name(diagnostic.severity);
  const auto& [line, column] = diagnostic.position;
  if (line > 0 && column > 0) return fmt::format("{}:{}:{}: {}: {}", path, line, column, kind, diagnostic.message);
  if (line > 0) return fmt::format("{}:{}: {}: {}", path, line, kind, diagnostic.message);
  return fmt::format("{}: {}: {}", path, kind, diagnostic.message);
}

void append_diagnostic_json(std::string& out, const std::string& path, const Diagnostic& d) {
  JsonWriter w(out);
  w.begin_object();
  w.key("path"), path.empty() ? w.null() : w.string(path);
  w.key("line"), d.position.line > 0 ? w.integer(d.position.line) : w.null();
  w.key("column"), d.position.column > 0 ? w.integer(d.position.column) : w.null();
  w.key("severity"), w.string(severity_name(d.severity));
  w.key("code"), d.code ? w.string(d.code->id) : w.null();
  w.key("message"), w.string(d.message);
  w.key("hint"), d.code ? w.string(d.code->help) : w.null();
  w.end_object();
  out.push_back('\n');
}

}  // namespace newsnorm
