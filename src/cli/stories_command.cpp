// `newsnorm stories`: records in (the outputs of one run or of many shards), stories out.
#include <fmt/format.h>

#include "commands.hpp"
#include "newsnorm/run/stories_run.hpp"
#include "reporter.hpp"

namespace newsnorm::cli {
namespace {

struct StoriesSettings {
  std::vector<std::string> paths;
  std::string output = "-";
  bool records = false;
  int jobs = 0;
  LogSettings log;
};

int run_stories_command(const StoriesSettings& settings) {
  Reporter reporter(settings.log);
  StoriesOptions options;
  options.paths = settings.paths;
  options.output = settings.output;
  options.records = settings.records;
  options.threads = threads_for(settings.jobs);
  const StoriesSummary summary = value_or_throw(run_stories(
      options, [&](const std::string& path, const Diagnostic& problem) { reporter.diagnostic(path, problem); }));
  reporter.info(
      fmt::format("{} records, {} stories of more than one record, {} duplicates, {} bare texts linked; "
                  "{} lines and {} files could not be read",
                  summary.records, summary.counts.stories, summary.counts.duplicates, summary.counts.linked,
                  summary.invalid, summary.unreadable));
  return summary.invalid + summary.unreadable > 0 ? kRejected : kOk;
}

}  // namespace

Command add_stories_command(CLI::App& app) {
  auto settings = std::make_shared<StoriesSettings>();
  CLI::App* command =
      app.add_subcommand("stories", "Group newsnorm records into stories and duplicates (reads records, not articles)");
  command->footer(
      "Reads records that `newsnorm ingest` wrote (files, folders of *.jsonl, or - for standard input), for\n"
      "instance the outputs of shards ingested in parallel, and writes one JSON line per story:\n"
      "  {\"storyId\", \"title\", \"members\": [{\"id\",\"url\",\"provider\",\"duplicateOf\"}],\n"
      "   \"firstPublishedDateTime\", \"lastPublishedDateTime\", \"providers\", \"independentProviders\"}\n"
      "or, with --records, the records again with storyId and duplicateOf worked out over all of them.\n"
      "Records are compared on their signatures; article files are never reopened. The output does not\n"
      "depend on how the records were split into files or in which order the files are given: records\n"
      "are taken in the order of their source paths, as a run over the folders would have read them.\n"
      "Deletion records remove the records they name; a record with `replaces` replaces the one it names.\n\n"
      "Exit status: 0 all lines read; 1 some lines or files could not be read (the rest is still used);\n"
      "2 usage error; 3 the output could not be written.\n\n"
      "Examples:\n"
      "  newsnorm stories shards/                       one line per story, from every shards/**/*.jsonl\n"
      "  newsnorm stories --records a.jsonl b.jsonl > all.jsonl\n"
      "  find news -name '*.md' | parallel --pipe -N500 newsnorm ingest --no-stories --files-from - \\\n"
      "      | newsnorm stories --records -");
  command->add_option("PATH", settings->paths, "Record files, folders of *.jsonl, or - (the default)");
  command->add_option("-o,--output", settings->output, "Write to FILE (atomically) instead of standard output")
      ->type_name("FILE");
  command->add_flag("--records", settings->records, "Write the records with storyId and duplicateOf, not stories");
  command->add_option("-j,--jobs", settings->jobs, "Read records on N threads (default: one per core)")
      ->check(CLI::Range(0, 256));
  add_log_options(*command, settings->log);
  return {[settings] { return run_stories_command(*settings); }, {settings, &settings->log}};
}

}  // namespace newsnorm::cli
