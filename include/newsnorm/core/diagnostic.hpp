#pragma once
// Diagnostics: what the tool says about an input, with where it says it and a stable code that
// scripts, SARIF rules and `--errors` consumers can key on.
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace newsnorm {

// 1-based line and column in the input file; 0 means "not known".
struct Position {
  int line = 0;
  int column = 0;
};

enum class Severity { error, warning, note };  // note: talk about the run, not a problem
const char* severity_name(Severity severity);

// A kind of problem: its stable id ("yaml.duplicate-key") and a sentence of help on fixing it.
struct DiagnosticCode {
  std::string_view id;
  std::string_view help;
};

// Every code the tool can give, in one list: X(name, id, help). Ids are part of the interface
// (SARIF rule ids, --errors consumers): never rename one.
#define NEWSNORM_DIAGNOSTIC_CODES(X)                                                                                  \
  X(read_failed, "read.failed", "Check that the file exists, is readable and is not being replaced.")                 \
  X(read_not_found, "read.not-found", "Check the path; folders are walked, files are read.")                          \
  X(read_is_folder, "read.is-folder", "Name the files inside, or pass the folder as a PATH to walk it.")              \
  X(read_empty, "read.empty", "Give the file a header or some text, or leave it out of the run.")                     \
  X(read_binary, "read.binary", "Only text files are articles; exclude this file from the run.")                      \
  X(read_utf16, "read.utf16", "Convert the file to UTF-8: iconv -f UTF-16 -t UTF-8.")                                 \
  X(read_encoding, "read.encoding", "Save the file as UTF-8 so that no byte has to be guessed.")                      \
  X(front_matter_unclosed, "front-matter.unclosed", "Close the header with the same delimiter that opens it.")        \
  X(front_matter_not_mapping, "front-matter.not-mapping", "Write the header as key: value lines (a mapping).")        \
  X(front_matter_empty, "front-matter.empty", "Add the article's fields to the header, or remove it.")                \
  X(yaml_syntax, "yaml.syntax", "Fix the YAML at the position given; quote values that hold ': ' or '#'.")            \
  X(yaml_duplicate_key, "yaml.duplicate-key", "Keep one of the two keys: remove or rename the other.")                \
  X(yaml_alias, "yaml.alias", "Define the anchor before the alias that uses it.")                                     \
  X(yaml_multiple_documents, "yaml.multiple-documents", "Keep one YAML document in the header.")                      \
  X(yaml_escape, "yaml.escape", "Write the character itself instead of the escape.")                                  \
  X(toml_syntax, "toml.syntax", "Fix the TOML at the position given.")                                                \
  X(json_syntax, "json.syntax", "Fix the JSON at the position given.")                                                \
  X(json_duplicate_key, "json.duplicate-key", "Keep one of the two keys: remove or rename the other.")                \
  X(limit_bytes, "limit.bytes", "Raise the limit with --max-bytes if the file is genuine.")                           \
  X(limit_header_bytes, "limit.header-bytes", "Raise the limit with --max-header-bytes if the header is genuine.")    \
  X(limit_line_length, "limit.line-length", "Raise the limit with --max-line-length if the line is genuine.")         \
  X(limit_depth, "limit.depth", "Raise the limit with --max-depth (at most 1000) if the nesting is genuine.")         \
  X(limit_alias_nodes, "limit.alias-nodes", "Raise the limit with --max-alias-nodes if the aliases are genuine.")     \
  X(limit_related, "limit.related", "Raise the limit with --max-related if the list is genuine.")                     \
  X(field_wrong_type, "field.wrong-type", "Give the field a value of the type the record table names.")               \
  X(field_coerced, "field.coerced", "Write the value in the field's own type (quote text, unquote numbers).")         \
  X(field_date, "field.date", "Write dates in RFC 3339, such as 2020-05-19T15:00:00Z.")                               \
  X(field_required, "field.required", "Add the field to the header, or change --require.")                            \
  X(normalize_text, "normalize.text", "Write the text as it should read (no entities, tags or mojibake).")            \
  X(normalize_url, "normalize.url", "Write the canonical address: https, no tracking parameters, no AMP form.")       \
  X(normalize_related, "normalize.related", "List each related article once, and not the article itself.")            \
  X(normalize_provider, "normalize.provider", "Use the provider's registered name and its registrable domain.")       \
  X(registry_invalid, "registry.invalid", "Fix the provider file: a mapping of domain to name.")                      \
  X(config_invalid, "config.invalid", "Fix newsnorm.toml at the position given; 'newsnorm config' shows the result.") \
  X(record_invalid, "record.invalid", "Each line must be one newsnorm record; fix or remove the line.")               \
  X(usage, "usage", "Run 'newsnorm COMMAND --help' for the options and examples.")                                    \
  X(input_list, "input.list", "Check the path given to --files-from.")                                                \
  X(input_none, "input.none", "Check the path; --type, --include and --no-ignore change what a walk reads.")          \
  X(walk_special, "walk.special", "Remove the entry, or point the link at an article file; it was not read.")         \
  X(state_mass_deletion, "state.mass-deletion",                                                                       \
    "Check that the folders are mounted; if the files are really gone, pass --allow-mass-deletion.")                  \
  X(input_excluded, "input.excluded", "Change exclude or include in newsnorm.toml, or pass --no-config to read it.")  \
  X(output_failed, "output.failed", "Check free space and permissions where the output is written.")                  \
  X(state_failed, "state.failed", "Check the --state file: its folder must be writable and it must be newsnorm's.")   \
  X(state_locked, "state.locked", "Wait for the other run, or pass --wait to wait for it.")                           \
  X(fix_needed, "fix.needed", "Run 'newsnorm fix' on it, or 'newsnorm fix --diff' to see the change first.")          \
  X(fix_applied, "fix.applied", "Review the change in version control; 'fix --diff' shows it beforehand.")            \
  X(fix_unsupported, "fix.unsupported", "Change the value by hand: fix rewrites values in YAML and JSON only.")       \
  X(fix_refused, "fix.refused", "The file was left as it was: change the value by hand, and report it.")              \
  X(sqlite_failed, "sqlite.failed", "Check the --sqlite file: a writable folder, a database newsnorm made.")          \
  X(sqlite_locked, "sqlite.locked", "Wait for the other writer, or pass --wait to wait for it.")                      \
  X(read_corrupt, "read.corrupt", "The file is damaged or cut short: copy or fetch it again.")                        \
  X(read_format, "read.format", "Give the file in a format newsnorm reads (ARC: convert it to WARC first).")          \
  X(warc_record, "warc.record", "The WARC record is damaged; the records around it were read.")                       \
  X(feed_malformed, "feed.malformed", "Fix the feed's XML or JSON at the place named; the items before it were read.")

namespace code {
#define NEWSNORM_DECLARE_CODE(name, id, help) inline constexpr DiagnosticCode name{id, help};
NEWSNORM_DIAGNOSTIC_CODES(NEWSNORM_DECLARE_CODE)
#undef NEWSNORM_DECLARE_CODE
}  // namespace code
// All of them, in the order above (SARIF lists them as rules).
std::span<const DiagnosticCode* const> all_diagnostic_codes();

struct ValueFix;  // core/value_fix.hpp

struct Diagnostic {
  Severity severity = Severity::error;
  const DiagnosticCode* code = nullptr;  // null only for warnings read back from a record
  Position position;
  std::string message;
  // For a warning about a header value the record changed: the new value, for `newsnorm fix`.
  std::shared_ptr<const ValueFix> fix;

  std::string_view code_id() const { return code ? code->id : std::string_view{}; }
  std::string_view hint() const { return code ? code->help : std::string_view{}; }
};

inline Diagnostic make_error(const DiagnosticCode& code, Position position, std::string message) {
  return {Severity::error, &code, position, std::move(message), nullptr};
}
inline Diagnostic make_warning(const DiagnosticCode& code, Position position, std::string message) {
  return {Severity::warning, &code, position, std::move(message), nullptr};
}

// The 1-based line and column of a byte offset in `text`.
Position position_of_offset(std::string_view text, std::size_t offset);

// "path:line:column: error: message", the form compilers use, which editors and CI logs link.
std::string format_diagnostic(const std::string& path, const Diagnostic& diagnostic);

// The one JSON shape of a diagnostic, shared by --errors, `validate --format json` and
// `--log-format json`: {"path","line","column","severity","code","message","hint"}, one line.
void append_diagnostic_json(std::string& out, const std::string& path, const Diagnostic& diagnostic);

}  // namespace newsnorm
