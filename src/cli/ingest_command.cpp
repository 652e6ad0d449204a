// `newsnorm ingest`: files in, JSON Lines records out.
#include <unistd.h>

#include <memory>
#include <thread>

#include <fmt/format.h>

#include "commands.hpp"
#include "newsnorm/exporter.hpp"
#include "newsnorm/ingest.hpp"
#include "newsnorm/ordered_runner.hpp"
#include "newsnorm/output_sink.hpp"
#include "reporter.hpp"

namespace newsnorm::cli {
namespace {

struct IngestSettings {
  std::vector<std::string> paths;
  std::string output = "-";
  std::string errors;
  bool hidden = false;
  bool quiet = false;
  int jobs = 0;
  IngestOptions options;
};

int run_ingest(const IngestSettings& settings) {
  std::vector<std::string> paths = settings.paths;
  if (paths.empty()) paths.push_back("-");
  Reporter reporter(settings.quiet);
  if (paths.size() == 1 && paths[0] == "-" && ::isatty(STDIN_FILENO))
    reporter.note("reading one article from standard input; end it with Ctrl-D");

  std::vector<Input> inputs = expand_inputs(paths, WalkOptions{settings.hidden});
  OutputSink records(settings.output);
  std::unique_ptr<OutputSink> errors;
  if (!settings.errors.empty()) errors = std::make_unique<OutputSink>(settings.errors);

  IngestSummary summary;
  std::size_t next = 0;
  std::string error_line;
  OrderedWork<Input, InputOutcome> work{
      [&]() -> std::optional<Input> {
        if (next == inputs.size()) return std::nullopt;
        return std::move(inputs[next++]);
      },
      [&](const Input& input, InputOutcome& outcome) {
        thread_local std::string buffer;
        ingest_input(input, settings.options, buffer, outcome);
      },
      [&](Input& input, InputOutcome& outcome) {
        ++summary.files;
        reporter.report(input.path, outcome);
        summary.warnings += outcome.warnings.size();
        if (outcome.error) {
          ++summary.rejected;
          if (errors) {
            error_line.clear();
            append_error_record(error_line, input.path, *outcome.error);
            errors->write(error_line);
          }
          return;
        }
        ++summary.records;
        records.write(outcome.record);
      }};
  const int jobs = settings.jobs > 0 ? settings.jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  run_ordered(work, jobs, static_cast<std::size_t>(jobs) * 32);
  records.commit();
  if (errors) errors->commit();
  reporter.summary(summary);
  return summary.rejected > 0 ? kRejected : kOk;
}

}  // namespace

RunCommand add_ingest_command(CLI::App& app) {
  auto settings = std::make_shared<IngestSettings>();
  CLI::App* command = app.add_subcommand("ingest", "Read article files and write one JSON record per article");
  command->footer(
      "Each input file becomes exactly one record on standard output (or -o FILE), or one error on\n"
      "standard error as 'path:line:column: error: message'. A summary line ends the run.\n\n"
      "Exit status: 0 every input became a record; 1 some inputs were rejected (the others are still\n"
      "written); 2 usage error; 3 the output could not be written.\n\n"
      "Examples:\n"
      "  newsnorm ingest data/                      every file under data/, in path order\n"
      "  newsnorm ingest -o articles.jsonl news/    written atomically: readers never see half a file\n"
      "  newsnorm ingest --errors bad.jsonl news/   also list rejected files as JSON\n"
      "  cat article.md | newsnorm ingest -         one article from standard input");
  command->add_option("PATH", settings->paths,
                      "Files or folders to read (folders recursively); '-' or nothing reads one article from "
                      "standard input");
  command->add_option("-o,--output", settings->output, "Write records to FILE instead of standard output")
      ->type_name("FILE");
  command->add_option("--errors", settings->errors, "Also write each rejected input as a JSON line to FILE")
      ->type_name("FILE");
  command->add_flag("--hidden", settings->hidden, "Also read files and folders whose names start with '.'");
  command->add_option("-j,--jobs", settings->jobs, "Parse on N threads (default: one per core)")
      ->check(CLI::Range(0, 256));
  command->add_flag("-q,--quiet", settings->quiet, "Print errors only: no warnings, no summary");
  add_limit_options(*command, settings->options.limits);
  return [settings] { return run_ingest(*settings); };
}

}  // namespace newsnorm::cli
