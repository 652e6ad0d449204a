// `newsnorm stories`: records in (the outputs of one run or of many shards), stories out.
#include <fmt/format.h>

#include "commands.hpp"
#include "newsnorm/export/exporter.hpp"
#include "newsnorm/export/record_reader.hpp"
#include "newsnorm/model/record_fields.hpp"
#include "newsnorm/run/record_files.hpp"
#include "newsnorm/run/story_run.hpp"
#include "reporter.hpp"

namespace newsnorm::cli {
namespace {

struct StoriesSettings {
  std::vector<std::string> paths;
  std::string output = "-";
  bool records = false;
  LogSettings log;
};

// One line of a record file into the collector: a record, a deletion, or a story-merge line.
class RecordIntake {
 public:
  // `members`: keep what story lines show of each record (not needed for --records).
  RecordIntake(StoryCollector& stories, Reporter& reporter, bool members)
      : stories_(stories), reporter_(reporter), members_(members) {}

  void take(const std::string& path, std::size_t number, std::string_view text) {
    try {
      // The common line, a plain record, is read for its story fields only; any other goes the full way.
      if (auto article = stories::scan_story_fields(text)) return add(text, *article);
      const Json json = Json::parse(text);
      if (!json.is_object()) throw std::invalid_argument("the line is not a JSON object");
      if (json.contains(kMergedStoryKey)) return;  // worked out again from the records
      const std::string id = json.at(key_of(&Article::id)).get<std::string>();
      const std::string source = json.at(key_of(&Article::source)).at(key_of(&Source::path)).get<std::string>();
      if (json.contains(kDeletedKey)) return stories_.remove(id, source);
      add(text, read_record(json));
    } catch (const std::exception& error) {
      ++errors_;
      reporter_.diagnostic(path, make_error(code::record_invalid, {static_cast<int>(number), 1},
                                            fmt::format("not a newsnorm record: {}", error.what())));
    }
  }
  std::size_t errors() const { return errors_; }

 private:
  void add(std::string_view text, const Article& article) {
    if (article.replaces) stories_.remove(*article.replaces, article.source.path);
    std::string line(text);
    line.push_back('\n');
    stories_.add(line, stories::story_item(article), article.source.path,
                 members_ ? std::optional<StoryMember>(story_member(article)) : std::nullopt);
  }

  StoryCollector& stories_;
  Reporter& reporter_;
  bool members_;
  std::size_t errors_ = 0;
};

int run_stories(const StoriesSettings& settings) {
  Reporter reporter(settings.log);
  StoryCollector stories;
  RecordIntake intake(stories, reporter, !settings.records);
  std::size_t unreadable = 0;
  read_record_files(
      settings.paths.empty() ? std::vector<std::string>{"-"} : settings.paths,
      [&](const std::string& path, std::size_t number, std::string_view text) { intake.take(path, number, text); },
      [&](const std::string& path, const Diagnostic& error) {
        ++unreadable;
        reporter.diagnostic(path, error);
      });
  stories.sort_by_source();
  const StoryCounts counts = stories.solve();
  OutputSink out(settings.output);
  if (settings.records)
    stories.write_records(&out);
  else
    stories.write_stories(out);
  out.commit();
  reporter.info(
      fmt::format("{} records, {} stories of more than one record, {} duplicates, {} bare texts linked; "
                  "{} lines and {} files could not be read",
                  stories.size(), counts.stories, counts.duplicates, counts.linked, intake.errors(), unreadable));
  return intake.errors() + unreadable > 0 ? kRejected : kOk;
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
      "   \"firstPublishedDateTime\", \"lastPublishedDateTime\", \"providers\"}\n"
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
  add_log_options(*command, settings->log);
  return {[settings] { return run_stories(*settings); }, {settings, &settings->log}};
}

}  // namespace newsnorm::cli
