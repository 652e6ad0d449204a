// `newsnorm ingest`: files in, JSON Lines records out.
#include <unistd.h>

#include <fmt/format.h>

#include "commands.hpp"
#include "newsnorm/run/batch.hpp"
#include "newsnorm/run/sqlite_sink.hpp"
#include "reporter.hpp"

namespace newsnorm::cli {
namespace {

struct IngestSettings {
  InputSettings input;
  LogSettings log;
  std::string output;  // "" when not given: standard output, unless --sqlite takes the records
  std::string errors;
  std::string state;
  std::string sqlite;
  bool wait = false;
  bool emit_deletions = false;
  std::string max_deletions;  // "" : the standard limit
  bool allow_mass_deletion = false;
  bool no_stories = false;
};

std::string describe(const IngestSummary& s) {
  const auto plural = [](std::size_t n, std::string_view word, std::string_view words = {}) {
    if (n == 1) return fmt::format("1 {}", word);
    return words.empty() ? fmt::format("{} {}s", n, word) : fmt::format("{} {}", n, words);
  };
  std::string text =
      fmt::format("{} read, {} written, {} rejected", plural(s.files, "file"), plural(s.records, "record"), s.rejected);
  if (s.unchanged) text += fmt::format(", {} unchanged", s.unchanged);
  if (s.restored) text += fmt::format(", {} unchanged but missing from the database, now in it", s.restored);
  if (s.deleted) text += fmt::format(", {} gone since the last run", s.deleted);
  if (s.stories.stories) text += ", " + plural(s.stories.stories, "story", "stories");
  if (s.stories.duplicates) text += ", " + plural(s.stories.duplicates, "duplicate");
  if (s.stories.rewritten) text += fmt::format(", {} earlier written again", plural(s.stories.rewritten, "record"));
  if (s.stories.merged)
    text += fmt::format(", {} merged", plural(s.stories.merged, "earlier story", "earlier stories"));
  if (s.stories.linked) text += fmt::format(", {} linked to a known article", plural(s.stories.linked, "bare text"));
  return text + ", " + plural(s.warnings, "warning") + skipped_clause(s.skipped);
}

int run_ingest(const IngestSettings& settings) {
  Reporter reporter(settings.log);
  const auto configs = value_or_throw(ConfigResolver::open(settings.input.config_choice(false)));
  std::unique_ptr<InputStream> inputs = settings.input.open(
      *configs, reporter.walk_hooks(), {settings.state, settings.sqlite, settings.output, settings.errors});
  if (settings.input.paths.empty() && settings.input.files_from.empty() && ::isatty(STDIN_FILENO))
    reporter.info("reading one article from standard input; end it with Ctrl-D (see --help for files)");

  if (!settings.sqlite.empty() && !settings.state.empty())
    value_or_throw(refuse_same_file(settings.sqlite, settings.state));
  std::unique_ptr<StateStore> state;
  if (!settings.state.empty()) {
    state = value_or_throw(StateStore::open(settings.state, settings.wait));
    for (const std::string& note : state->recovery_notes()) reporter.info(note);
  }
  std::unique_ptr<SqliteSink> database;
  if (!settings.sqlite.empty()) database = value_or_throw(SqliteSink::open(settings.sqlite, settings.wait));
  // With --sqlite alone the records go to the database only; -o FILE or -o - writes them as well.
  std::unique_ptr<OutputSink> records;
  if (!database || !settings.output.empty()) records = value_or_throw(OutputSink::open(settings.output));
  std::unique_ptr<OutputSink> errors;
  if (!settings.errors.empty()) errors = value_or_throw(OutputSink::open(settings.errors));

  BatchOptions options;
  use_configs(options, *configs);
  options.jobs = settings.input.thread_count();
  options.state = state.get();
  options.emit_deletions = settings.emit_deletions;
  if (settings.allow_mass_deletion) {
    options.max_deletions.kind = DeletionLimit::Kind::unlimited;
  } else if (!settings.max_deletions.empty()) {
    Result<DeletionLimit> limit = parse_deletion_limit(settings.max_deletions);
    if (!limit) throw CLI::ValidationError("--max-deletions", limit.error().message);
    options.max_deletions = limit.value();
  }
  options.stories = !settings.no_stories;
  options.sink = database.get();

  reporter.start_progress(inputs->known_total());
  const IngestSummary summary = value_or_throw(
      run_batch(*inputs, options, records.get(), errors.get(), [&](const Input& input, const InputOutcome& outcome) {
        for (const auto& warning : outcome.warnings) reporter.diagnostic(input.path, warning);
        if (outcome.error) reporter.diagnostic(input.path, *outcome.error);
        reporter.tick();
      }));
  reporter.finish_progress();
  reporter.info(describe(summary));
  reporter.debug(fmt::format("records made in {:.2f} s, stories worked out in {:.2f} s, written in {:.2f} s{}",
                             summary.records_seconds, summary.stories_seconds, summary.writing_seconds,
                             summary.stories_in_place ? " (in place)" : ""));
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
      "that used the same state; the state advances only once the output is safely written. A file is\n"
      "taken for deleted only inside the PATHs of this run (naming one file never deletes the rest);\n"
      "a PATH that does not exist, or a folder with no article in it, ends the run (exit 2) before\n"
      "anything is written, and a run that would delete too much refuses (see --max-deletions).\n\n"
      "A folder walk reads article files (.md .markdown .mdx .html .htm .txt .yaml .yml .toml .json,\n"
      "see --type, --include); it skips what .gitignore, .ignore and .git/info/exclude name, .git and\n"
      "node_modules, hidden files, and newsnorm's own state, database and outputs; the summary counts\n"
      "what it skipped.\n\n"
      "With --sqlite FILE, the records are kept in a SQLite database instead of standard output (add\n"
      "-o FILE or -o - to have both): table articles (one row per id, a column per scalar field, the\n"
      "whole record as JSON in 'record'), full-text index articles_fts over title, excerpt and text.\n"
      "Each run is one transaction, committed after the -o file and before the state: a killed run\n"
      "leaves the database as the last complete run left it. With --state, rows of files that are gone\n"
      "are deleted, and a database newer than the state is filled with what the state had written.\n\n"
      "Exit status: 0 every input became a record (or was unchanged); 1 some inputs were rejected (the\n"
      "others are still written); 2 usage error; 3 the output, state or database could not be written;\n"
      "4 another run holds the state or the database (see --wait).\n\n"
      "Examples:\n"
      "  newsnorm ingest data/seeds                    every file under a folder, in path order\n"
      "  newsnorm ingest -o articles.jsonl news/       written atomically: readers never see half a file\n"
      "  find news -name '*.md' -print0 | newsnorm ingest --files-from - -0 | jq -r .title\n"
      "  newsnorm ingest --state state.db --emit-deletions -o new.jsonl news/   (for cron)\n"
      "  newsnorm ingest -q --state state.db --sqlite news.db news/            (a current database)\n"
      "  sqlite3 news.db \"select title from articles_fts where articles_fts match 'supercomputer'\"\n"
      "  cat article.md | newsnorm ingest -            one article from standard input\n\n"
      "The nearest newsnorm.toml above each input (see 'newsnorm config --help') sets types by path,\n"
      "excluded paths, aliases, providers and limits; options given here win over it.");
  add_input_options(*command, settings->input);
  command->add_option("-o,--output", settings->output, "Write records to FILE (atomically) instead of standard output")
      ->type_name("FILE");
  command->add_option("--errors", settings->errors, "Also write each rejected input as a JSON line to FILE")
      ->type_name("FILE");
  command
      ->add_option(
          "--sqlite", settings->sqlite,
          "Keep the records in this SQLite database (tables articles, articles_fts, view stories); standard output "
          "stays empty unless -o is given")
      ->type_name("FILE");
  const char* state_group = "Incremental runs";
  command
      ->add_option("--state", settings->state,
                   "Remember what was written in this SQLite file; write only new or changed files next time")
      ->type_name("FILE")
      ->group(state_group);
  command
      ->add_flag("--wait", settings->wait,
                 "If another run holds the state or the database, wait for it instead of exiting")
      ->group(state_group);
  command
      ->add_flag("--emit-deletions", settings->emit_deletions,
                 "For files in the state that are gone, write {\"id\",\"source\",\"deleted\":true}")
      ->group(state_group);
  command
      ->add_option("--max-deletions", settings->max_deletions,
                   "Refuse (exit 3, nothing written) a run that would take more than N files, or P% of those the "
                   "state knows under the PATHs, for deleted; default: refuse all of them, or more than half of "
                   "more than 20")
      ->type_name("N|P%")
      ->group(state_group);
  command
      ->add_flag("--allow-mass-deletion", settings->allow_mass_deletion,
                 "Take any number of files for deleted (after a real clean-out, not a failed mount)")
      ->group(state_group);
  command
      ->add_flag("--no-stories", settings->no_stories,
                 "Write each record as soon as it is made, without storyId and duplicateOf (null); "
                 "`newsnorm stories --records` can add them later")
      ->group("Stories");
  add_log_options(*command, settings->log);
  return {[settings] { return run_ingest(*settings); }, {settings, &settings->log}};
}

}  // namespace newsnorm::cli
