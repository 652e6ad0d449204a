// `newsnorm stories`: records in (the outputs of one run or of many shards), stories out.
#include <fmt/format.h>

#include "commands.hpp"
#include "newsnorm/export/exporter.hpp"
#include "newsnorm/export/record_reader.hpp"
#include "newsnorm/model/record_fields.hpp"
#include "newsnorm/run/ordered_runner.hpp"
#include "newsnorm/run/record_files.hpp"
#include "newsnorm/run/story_run.hpp"
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

// What a worker makes of one line of a record file; the collector takes them in input order.
struct TakenLine {
  enum class Kind { record, deletion, skipped, error };
  Kind kind = Kind::error;
  std::string id;      // a deletion's id
  std::string source;  // the source path of a record or deletion
  std::optional<std::string> replaces;
  stories::StoryItem item;
  std::optional<StoryMember> member;
  std::string message;  // why the line is not a record
};

struct TakenBatch {
  std::vector<TakenLine> lines;
};

TakenLine take_record(const Article& article, bool members) {
  TakenLine taken;
  taken.kind = TakenLine::Kind::record;
  taken.source = article.source.path;
  taken.replaces = article.replaces;
  taken.item = stories::story_item(article);
  if (members) taken.member = story_member(article);
  return taken;
}

// `members`: keep what story lines show of each record (not needed for --records).
TakenLine take_line(const RecordLine& line, bool members) {
  TakenLine taken;
  try {
    // The common line, a plain record, is read for its story fields only; any other goes the full way.
    if (auto article = stories::scan_story_fields(line.text)) {
      taken = take_record(*article, members);
    } else {
      const Json json = Json::parse(line.text);
      if (!json.is_object()) throw std::invalid_argument("the line is not a JSON object");
      if (json.contains(kMergedStoryKey)) {  // worked out again from the records
        taken.kind = TakenLine::Kind::skipped;
      } else if (json.contains(kDeletedKey)) {
        taken.kind = TakenLine::Kind::deletion;
        taken.id = json.at(key_of(&Article::id)).get<std::string>();
        taken.source = json.at(key_of(&Article::source)).at(key_of(&Source::path)).get<std::string>();
      } else {
        taken = take_record(read_record(json), members);
      }
    }
  } catch (const std::exception& error) {
    taken = TakenLine{};
    taken.message = fmt::format("not a newsnorm record: {}", error.what());
  }
  return taken;
}

// How many records the files hold, judged by the size of the first lines: room for them is made
// at once (a vector that grows by doubling holds half as much again while it moves). Too many is
// cheap: room never written to is not resident memory.
std::size_t foreseen_records(std::uint64_t file_bytes, const RecordBatch& first) {
  std::uint64_t bytes = 0;
  for (const RecordLine& line : first.lines) bytes += line.text.size() + 1;
  if (first.lines.empty()) return 0;
  const double per_record = static_cast<double>(bytes) / static_cast<double>(first.lines.size());
  return static_cast<std::size_t>(static_cast<double>(file_bytes) / per_record * 1.25) + first.lines.size();
}

int run_stories(const StoriesSettings& settings) {
  Reporter reporter(settings.log);
  StoryCollector stories;
  RecordFileReader reader(settings.paths);
  std::size_t invalid = 0, unreadable = 0;
  // Lines are read from the record files again at the end, not copied, when their file allows.
  std::string referred_path;
  std::optional<std::uint32_t> referred_file;
  OrderedWork<RecordBatch, TakenBatch> work{
      [&] { return reader.next(128); },
      [&](const RecordBatch& batch, TakenBatch& taken) {
        taken.lines.reserve(batch.lines.size());
        for (const RecordLine& line : batch.lines) taken.lines.push_back(take_line(line, !settings.records));
      },
      [&](RecordBatch& batch, TakenBatch& taken) {
        if (batch.error) {
          ++unreadable;
          return reporter.diagnostic(batch.path, *batch.error);
        }
        if (batch.path != referred_path) referred_path = batch.path, referred_file = stories.refer_file(batch.path);
        if (stories.size() == 0) stories.reserve(foreseen_records(reader.file_bytes(), batch));
        for (std::size_t k = 0; k < taken.lines.size(); ++k) {
          TakenLine& line = taken.lines[k];
          RecordLine& read = batch.lines[k];
          switch (line.kind) {
            case TakenLine::Kind::record: {
              if (line.replaces) stories.remove(*line.replaces, line.source);
              std::optional<StoryCollector::LineOrigin> origin;
              if (referred_file && read.offset) origin = StoryCollector::LineOrigin{*referred_file, *read.offset};
              read.text.push_back('\n');
              stories.add(read.text, std::move(line.item), std::move(line.source), std::move(line.member), origin);
              break;
            }
            case TakenLine::Kind::deletion: stories.remove(line.id, line.source); break;
            case TakenLine::Kind::skipped: break;
            case TakenLine::Kind::error:
              ++invalid;
              reporter.diagnostic(batch.path, make_error(code::record_invalid, {static_cast<int>(read.number), 1},
                                                         std::move(line.message)));
          }
        }
      }};
  run_ordered(work, threads_for(settings.jobs), 4);
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
                  stories.size(), counts.stories, counts.duplicates, counts.linked, invalid, unreadable));
  return invalid + unreadable > 0 ? kRejected : kOk;
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
  command->add_option("-j,--jobs", settings->jobs, "Read records on N threads (default: one per core)")
      ->check(CLI::Range(0, 256));
  add_log_options(*command, settings->log);
  return {[settings] { return run_stories(*settings); }, {settings, &settings->log}};
}

}  // namespace newsnorm::cli
