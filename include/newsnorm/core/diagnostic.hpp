#pragma once
// Diagnostics: what the tool says about an input, with where it says it and a stable code that
// scripts, SARIF rules and `--errors` consumers can key on.
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

// Every code the tool can give, in one place (diagnostic.cpp): SARIF lists them as rules.
namespace code {
extern const DiagnosticCode read_failed, read_not_found, read_is_folder, read_empty, read_binary, read_utf16,
    read_encoding, front_matter_unclosed, front_matter_not_mapping, front_matter_empty, yaml_syntax, yaml_duplicate_key,
    yaml_alias, yaml_multiple_documents, yaml_escape, toml_syntax, json_syntax, json_duplicate_key, limit_bytes,
    limit_header_bytes, limit_line_length, limit_depth, limit_alias_nodes, limit_related, field_wrong_type,
    field_coerced, field_date, field_required, normalize_text, normalize_url, normalize_related, normalize_provider,
    registry_invalid, usage, input_list, output_failed, state_failed, state_locked;
}  // namespace code
std::span<const DiagnosticCode* const> all_diagnostic_codes();

struct Diagnostic {
  Severity severity = Severity::error;
  const DiagnosticCode* code = nullptr;  // null only for warnings read back from a record
  Position position;
  std::string message;

  std::string_view code_id() const { return code ? code->id : std::string_view{}; }
  std::string_view hint() const { return code ? code->help : std::string_view{}; }
};

inline Diagnostic make_error(const DiagnosticCode& code, Position position, std::string message) {
  return {Severity::error, &code, position, std::move(message)};
}
inline Diagnostic make_warning(const DiagnosticCode& code, Position position, std::string message) {
  return {Severity::warning, &code, position, std::move(message)};
}

// The 1-based line and column of a byte offset in `text`.
Position position_of_offset(std::string_view text, std::size_t offset);

// "path:line:column: error: message", the form compilers use, which editors and CI logs link.
std::string format_diagnostic(const std::string& path, const Diagnostic& diagnostic);

// The one JSON shape of a diagnostic, shared by --errors, `validate --format json` and
// `--log-format json`: {"path","line","column","severity","code","message","hint"}, one line.
void append_diagnostic_json(std::string& out, const std::string& path, const Diagnostic& diagnostic);

}  // namespace newsnorm
