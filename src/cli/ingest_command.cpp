// `newsnorm ingest`: files in, JSON Lines records out.
#include <unistd.h>

#include <fmt/format.h>

#include "commands.hpp"
#include "newsnorm/run/batch.hpp"
#include "reporter.hpp"

namespace newsnorm::cli {
namespace {

struct IngestSettings {
  InputSettings input;
  LogSettings log;
  std::string output = "-";
  std::string errors;
  std::string state;
  bool wait = false;
  bool emit_deletions = false;
};

std::string describe(const IngestSummary& s) {
  const auto plural = [](std::size_t n, const char* word) {
    return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
  };
  std::string text =
      fmt::format("{} read, {} written, {} rejected", plural(s.files, "file"), plural(s.records, "record"), s.rejected);
  if (s.unchanged) text += fmt::format(", {} unchanged", s.unchanged);
  if (s.deleted) text += fmt::format(", {} gone since the last run", s.deleted);
  return text + ", " + plural(s.warnings, "warning");
}

int run_ingest(const IngestSettings& settings) {
  Reporter reporter(settings.log);
  ConfigResolver configs(settings.input.config_choice(false));
  std::unique_ptr<InputStream> inputs = settings.input.open(configs, reporter.on_left_out());
  if (settings.input.paths.empty() && settings.input.files_from.empty() && ::isatty(STDIN_FILENO))
    reporter.info("reading one article from standard input; end it with Ctrl-D (see --help for files)");

  std::unique_ptr<StateStore> state;
  if (!settings.state.empty()) state = std::make_unique<StateStore>(settings.state, settings.wait);
  OutputSink records(settings.output);
  std::unique_ptr<OutputSink> errors;
  if (!settings.errors.empty()) errors = std::make_unique<OutputSink>(settings.errors);

  BatchOptions options;
  use_configs(options, configs);
  options.jobs = settings.input.thread_count();
  options.state = state.get();
  options.emit_deletions = settings.emit_deletions;

  reporter.start_progress(inputs->known_total());
  const IngestSummary summary =
      run_batch(*inputs, options, &records, errors.get(), [&](const Input& input, const InputOutcome& outcome) {
        for (const auto& warning : outcome.warnings) reporter.diagnostic(input.path, warning);
        if (outcome.error) reporter.diagnostic(input.path, *outcome.error);
        reporter.tick();
      });
  reporter.finish_progress();
  reporter.info(describe(summary));
  return summary.rejected > 0 ? kRejected : kOk;
}

}  // namespace

Command add_ingest_command(CLI::App& app) {
  auto settings = std::make_shared<IngestSettings>();
  CLI::App* command = app.add_subcommand("ingest", "Read article files and write one JSON record per article");
  command->footer(
      "Each input becomes exactly one record on standard output (or -o FILE), or one error on standard\n"
      "error as 'path:line:column: error: message'. A summary line ends the run.\n\n"
      "With --state, a run writes records only for files that are new or changed since the last run\n"
      "that used the same state; the state advances only once the output is safely written.\n\n"
      "Exit status: 0 every input became a record (or was unchanged); 1 some inputs were rejected (the\n"
      "others are still written); 2 usage error; 3 the output or state could not be written; 4 another\n"
      "run holds the state (see --wait).\n\n"
      "Examples:\n"
      "  newsnorm ingest data/seeds                    every file under a folder, in path order\n"
      "  newsnorm ingest -o articles.jsonl news/       written atomically: readers never see half a file\n"
      "  find news -name '*.md' -print0 | newsnorm ingest --files-from - -0 | jq -r .title\n"
      "  newsnorm ingest --state news.db --emit-deletions -o new.jsonl news/    (for cron)\n"
      "  cat article.md | newsnorm ingest -            one article from standard input\n\n"
      "The nearest newsnorm.toml above each input (see 'newsnorm config --help') sets types by path,\n"
      "excluded paths, aliases, providers and limits; options given here win over it.");
  add_input_options(*command, settings->input);
  command->add_option("-o,--output", settings->output, "Write records to FILE (atomically) instead of standard output")
      ->type_name("FILE");
  command->add_option("--errors", settings->errors, "Also write each rejected input as a JSON line to FILE")
      ->type_name("FILE");
  const char* state_group = "Incremental runs";
  command
      ->add_option("--state", settings->state,
                   "Remember what was written in this SQLite file; write only new or changed files next time")
      ->type_name("FILE")
      ->group(state_group);
  command->add_flag("--wait", settings->wait, "If another run holds the state, wait for it instead of exiting")
      ->group(state_group);
  command
      ->add_flag("--emit-deletions", settings->emit_deletions,
                 "For files in the state that are gone, write {\"id\",\"source\",\"deleted\":true}")
      ->group(state_group);
  add_log_options(*command, settings->log);
  return {[settings] { return run_ingest(*settings); }, {settings, &settings->log}};
}

}  // namespace newsnorm::cli
