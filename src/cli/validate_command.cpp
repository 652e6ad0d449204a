// `newsnorm validate`: checks files for CI without writing records.
#include <cstdio>

#include <fmt/format.h>

#include "commands.hpp"
#include "newsnorm/read/input_files.hpp"
#include "newsnorm/run/batch.hpp"
#include "report_writer.hpp"
#include "reporter.hpp"

namespace newsnorm::cli {
namespace {

struct ValidateSettings {
  InputSettings input;
  LogSettings log;
  std::string format = "text";
  bool strict = false;
};

int run_validate(const ValidateSettings& settings) {
  Reporter reporter(settings.log);
  const auto configs = value_or_throw(ConfigResolver::open(settings.input.config_choice(true)));
  std::unique_ptr<InputStream> inputs = settings.input.open(*configs, reporter.walk_hooks());
  BatchOptions options;
  use_configs(options, *configs);
  options.jobs = settings.input.thread_count();

  std::size_t errors = 0, warnings = 0;
  const std::unique_ptr<ReportWriter> writer = make_report_writer(settings.format);
  std::string out;
  std::vector<Diagnostic> problems;
  const auto write_out = [&] {
    write_stdout(out);
    out.clear();
  };
  const auto add = [&](const Diagnostic& problem) {
    problems.push_back(problem);
    if (settings.strict) problems.back().severity = Severity::error;
    (problems.back().severity == Severity::error ? errors : warnings)++;
  };
  reporter.start_progress(inputs->known_total());
  const IngestSummary summary = value_or_throw(
      run_batch(*inputs, options, nullptr, nullptr, [&](const Input& input, const InputOutcome& outcome) {
        problems.clear();
        if (outcome.error) add(*outcome.error);
        for (const auto& warning : outcome.warnings) add(warning);
        for (const auto& missing : outcome.missing) add(missing);
        writer->input(input.path, problems, out);
        write_out();
        reporter.tick();
      }));
  writer->finish(out);
  write_out();
  reporter.finish_progress();
  flush_stdout();
  reporter.info(fmt::format("{} file{} checked: {} error{}, {} warning{}{}", summary.files,
                            summary.files == 1 ? "" : "s", errors, errors == 1 ? "" : "s", warnings,
                            warnings == 1 ? "" : "s", skipped_clause(summary.skipped)));
  return errors > 0 ? kRejected : kOk;
}

}  // namespace

Command add_validate_command(CLI::App& app) {
  auto settings = std::make_shared<ValidateSettings>();
  CLI::App* command = app.add_subcommand("validate", "Check article files without writing records (for CI)");
  command->footer(
      "Runs the same parser and rules as ingest, checks required fields, and reports every problem it\n"
      "finds on standard output; a summary goes to standard error.\n\n"
      "Exit status: 0 no errors (with --strict: no warnings either); 1 errors found; 2 usage error.\n\n"
      "Examples:\n"
      "  newsnorm validate content/\n"
      "  newsnorm validate --format github --strict content/         annotations in a GitHub Actions step\n"
      "  newsnorm validate --format sarif content/ > newsnorm.sarif  a SARIF log for code scanning\n"
      "  newsnorm validate --format junit content/ > report.xml      a test report for GitLab, Jenkins, Azure\n"
      "  newsnorm validate --require title,url,provider --require-types '*' content/\n"
      "  newsnorm validate --config ci/newsnorm.toml --exclude 'drafts/' content/\n\n"
      "Which fields each type must have, the type of each folder's records and what to leave out can\n"
      "be kept in a newsnorm.toml (see 'newsnorm config --help').");
  add_input_options(*command, settings->input);
  command
      ->add_option("--format", settings->format,
                   "text, github (Actions annotations), json (one object per problem), sarif (SARIF 2.1.0 log) "
                   "or junit (JUnit XML)")
      ->check(CLI::IsMember(report_format_names()))
      ->capture_default_str();
  add_require_options(*command, settings->input);
  command->add_flag("--strict", settings->strict, "Count warnings as errors");
  add_log_options(*command, settings->log);
  return {[settings] { return run_validate(*settings); }, {settings, &settings->log}};
}

}  // namespace newsnorm::cli
