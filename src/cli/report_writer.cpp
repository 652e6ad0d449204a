// The streaming report formats (text, github, json) and the --format table.
#include "report_writer.hpp"

#include <fmt/format.h>

#include "newsnorm/read/input_files.hpp"

namespace newsnorm::cli {
namespace {

// `path:line:column: error: message`, the form compilers use.
class TextWriter final : public ReportWriter {
 public:
  void input(const std::string& path, std::span<const Diagnostic> problems, std::string& out) override {
    for (const Diagnostic& d : problems) out += format_diagnostic(display_name(path), d) + "\n";
  }
};

// GitHub's workflow-command escaping: data and property values differ in what they escape.
std::string github_escape(std::string_view text, bool property) {
  std::string out;
  for (const char c : text) {
    if (c == '%')
      out += "%25";
    else if (c == '\r')
      out += "%0D";
    else if (c == '\n')
      out += "%0A";
    else if (property && c == ':')
      out += "%3A";
    else if (property && c == ',')
      out += "%2C";
    else
      out.push_back(c);
  }
  return out;
}

// GitHub Actions annotations: `::error file=…,line=…,col=…::message`.
class GithubWriter final : public ReportWriter {
 public:
  void input(const std::string& path, std::span<const Diagnostic> problems, std::string& out) override {
    for (const Diagnostic& d : problems) {
      out +=
          fmt::format("::{} file={}", d.severity == Severity::error ? "error" : "warning", github_escape(path, true));
      if (d.position.line > 0) out += fmt::format(",line={}", d.position.line);
      if (d.position.column > 0) out += fmt::format(",col={}", d.position.column);
      out += "::" + github_escape(d.message, false) + "\n";
    }
  }
};

// One JSON object per problem, the shape --errors and --log-format json share.
class JsonLinesWriter final : public ReportWriter {
 public:
  void input(const std::string& path, std::span<const Diagnostic> problems, std::string& out) override {
    for (const Diagnostic& d : problems) append_diagnostic_json(out, path, d);
  }
};

}  // namespace

std::vector<std::string> report_format_names() { return {"text", "github", "json", "sarif", "junit"}; }

std::unique_ptr<ReportWriter> make_report_writer(const std::string& format) {
  if (format == "github") return std::make_unique<GithubWriter>();
  if (format == "json") return std::make_unique<JsonLinesWriter>();
  if (format == "sarif") return make_sarif_writer();
  if (format == "junit") return make_junit_writer();
  return std::make_unique<TextWriter>();
}

}  // namespace newsnorm::cli
