// `newsnorm validate`: checks files for CI without writing records.
#include <cstdio>

#include <fmt/format.h>

#include "commands.hpp"
#include "newsnorm/read/input_files.hpp"
#include "newsnorm/export/json_writer.hpp"
#include "newsnorm/run/ordered_runner.hpp"
#include "newsnorm/run/output_sink.hpp"
#include "newsnorm/run/validation.hpp"
#include "reporter.hpp"

namespace newsnorm::cli {
namespace {

struct ValidateSettings {
  InputSettings input;
  LogSettings log;
  std::string format = "text";
  std::vector<std::string> require = {"title", "url", "publishedDateTime"};
  std::vector<std::string> require_types = {"article"};
  bool strict = false;
};

// GitHub's workflow-command escaping: data and property values differ in what they escape.
std::string github_escape(std::string_view text, bool property) {
  std::string out;
  for (const char c : text) {
    if (c == '%') out += "%25";
    else if (c == '\r') out += "%0D";
    else if (c == '\n') out += "%0A";
    else if (property && c == ':') out += "%3A";
    else if (property && c == ',') out += "%2C";
    else out.push_back(c);
  }
  return out;
}

std::string format_problem(const std::string& format, const std::string& path, const Diagnostic& d, bool strict) {
  const bool error = d.severity == Severity::error || strict;
  if (format == "github") {
    std::string line = fmt::format("::{} file={}", error ? "error" : "warning", github_escape(path, true));
    if (d.position.line > 0) line += fmt::format(",line={}", d.position.line);
    if (d.position.column > 0) line += fmt::format(",col={}", d.position.column);
    return line + "::" + github_escape(d.message, false) + "\n";
  }
  if (format == "json") {
    std::string line;
    JsonWriter w(line);
    w.begin_object();
    w.key("path"), w.string(path);
    w.key("line"), d.position.line > 0 ? w.integer(d.position.line) : w.null();
    w.key("column"), d.position.column > 0 ? w.integer(d.position.column) : w.null();
    w.key("severity"), w.string(error ? "error" : "warning");
    w.key("message"), w.string(d.message);
    w.end_object();
    return line + "\n";
  }
  Diagnostic shown = d;
  if (strict) shown.severity = Severity::error;
  return format_diagnostic(display_name(path), shown) + "\n";
}

int run_validate(const ValidateSettings& settings) {
  for (const auto& field : settings.require) {
    const auto& known = requirable_fields();
    if (std::find(known.begin(), known.end(), field) == known.end())
      throw CLI::ValidationError("--require", fmt::format("unknown field '{}'; known fields: {}", field,
                                                          fmt::join(known, ", ")));
  }
  Reporter reporter(settings.log);
  std::unique_ptr<InputStream> inputs = settings.input.open();
  ValidationRules rules;
  rules.required = settings.require;
  rules.types = settings.require_types;
  rules.ingest = settings.input.ingest_options();

  std::size_t files = 0, errors = 0, warnings = 0;
  std::string out;
  OrderedWork<Input, std::vector<Diagnostic>> work{
      [&] { return inputs->next(); },
      [&](const Input& input, std::vector<Diagnostic>& problems) {
        thread_local std::string buffer;
        problems = validate_input(input, rules, buffer);
      },
      [&](Input& input, std::vector<Diagnostic>& problems) {
        ++files;
        out.clear();
        for (const auto& problem : problems) {
          const bool error = problem.severity == Severity::error || settings.strict;
          (error ? errors : warnings)++;
          out += format_problem(settings.format, input.path, problem, settings.strict);
        }
        if (!out.empty()) std::fwrite(out.data(), 1, out.size(), stdout);
        reporter.tick();
      }};
  reporter.start_progress(inputs->known_total());
  run_ordered(work, settings.input.thread_count(), static_cast<std::size_t>(settings.input.thread_count()) * 32);
  reporter.finish_progress();
  if (std::fflush(stdout) != 0) throw OutputError("cannot write standard output");
  reporter.info(fmt::format("{} file{} checked: {} error{}, {} warning{}", files, files == 1 ? "" : "s", errors,
                            errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s"));
  return errors > 0 ? kRejected : kOk;
}

}  // namespace

RunCommand add_validate_command(CLI::App& app) {
  auto settings = std::make_shared<ValidateSettings>();
  CLI::App* command = app.add_subcommand("validate", "Check article files without writing records (for CI)");
  command->footer(
      "Runs the same parser and rules as ingest, checks required fields, and reports every problem it\n"
      "finds on standard output; a summary goes to standard error.\n\n"
      "Exit status: 0 no errors (with --strict: no warnings either); 1 errors found; 2 usage error.\n\n"
      "Examples:\n"
      "  newsnorm validate content/\n"
      "  newsnorm validate --format github --strict content/     annotations in a GitHub Actions step\n"
      "  newsnorm validate --require title,url,provider --require-types '*' content/");
  add_input_options(*command, settings->input);
  command->add_option("--format", settings->format, "text, github (Actions annotations) or json")
      ->check(CLI::IsMember({"text", "github", "json"}))
      ->capture_default_str();
  command->add_option("--require", settings->require, "Fields each record must have (comma-separated)")
      ->allow_extra_args(false)
      ->delimiter(',')
      ->capture_default_str();
  command->add_option("--require-types", settings->require_types,
                      "Record types the required fields apply to ('*' for every type)")
      ->allow_extra_args(false)
      ->delimiter(',')
      ->capture_default_str();
  command->add_flag("--strict", settings->strict, "Count warnings as errors");
  add_log_options(*command, settings->log);
  return [settings] { return run_validate(*settings); };
}

}  // namespace newsnorm::cli
