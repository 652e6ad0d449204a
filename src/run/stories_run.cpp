// `newsnorm stories`: records read back from files (one run's output or many shards'), lines read on
// every core, the story stage over all of them.
#include "newsnorm/run/stories_run.hpp"

#include <fmt/format.h>

#include "newsnorm/export/exporter.hpp"
#include "newsnorm/export/record_reader.hpp"
#include "newsnorm/export/record_scan.hpp"
#include "newsnorm/model/record_fields.hpp"
#include "newsnorm/run/ordered_runner.hpp"
#include "newsnorm/run/record_files.hpp"
#include "newsnorm/run/story_run.hpp"

namespace newsnorm {
namespace {

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
  // The common line, a plain record, is read for its story fields only; any other goes the full way.
  if (auto article = stories::scan_story_fields(line.text)) return take_record(*article, members);
  TakenLine taken;
  const auto not_a_record = [&](std::string message) {
    taken.kind = TakenLine::Kind::error;
    taken.message = std::move(message);
    return taken;
  };
  const std::optional<Json> json = parse_json(line.text);
  if (!json || !json->is_object()) {
    Result<Article> read = read_record_line(line.text);  // says where the text stops being JSON
    return not_a_record(read ? "not a newsnorm record: the line is not a JSON object" : read.error().message);
  }
  if (json->contains(kMergedStoryKey)) {  // worked out again from the records
    taken.kind = TakenLine::Kind::skipped;
    return taken;
  }
  if (json->contains(kDeletedKey)) {
    const auto text = [](const Json& object, std::string_view key) -> const std::string* {
      const auto found = object.find(std::string(key));
      return found != object.end() && found->is_string() ? &found->get_ref<const std::string&>() : nullptr;
    };
    const auto source = json->find(std::string(key_of(&Article::source)));
    const std::string* id = text(*json, key_of(&Article::id));
    const std::string* path =
        source != json->end() && source->is_object() ? text(*source, key_of(&Source::path)) : nullptr;
    if (!id || !path) return not_a_record("not a newsnorm record: a deletion record needs id and source.path (text)");
    taken.kind = TakenLine::Kind::deletion;
    taken.id = *id;
    taken.source = *path;
    return taken;
  }
  Result<Article> article = read_record(*json);
  if (!article) return not_a_record(article.error().message);
  return take_record(article.value(), members);
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

StoriesSummary run_stories_or_throw(const StoriesOptions& options, const StoriesObserver& observe) {
  StoriesSummary summary;
  StoryCollector stories;
  RecordFileReader reader(options.paths);
  // Lines are read from the record files again at the end, not copied, when their file allows.
  std::string referred_path;
  std::optional<std::uint32_t> referred_file;
  OrderedWork<RecordBatch, TakenBatch> work{
      [&] { return reader.next(128); },
      [&](const RecordBatch& batch, TakenBatch& taken) {
        taken.lines.reserve(batch.lines.size());
        for (const RecordLine& line : batch.lines) taken.lines.push_back(take_line(line, !options.records));
      },
      [&](RecordBatch& batch, TakenBatch& taken) {
        if (batch.error) {
          ++summary.unreadable;
          return observe(batch.path, *batch.error);
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
              ++summary.invalid;
              observe(batch.path,
                      make_error(code::record_invalid, {static_cast<int>(read.number), 1}, std::move(line.message)));
          }
        }
      }};
  run_ordered(work, options.threads, 4);
  stories.sort_by_source();
  summary.counts = stories.solve();
  summary.records = stories.size();
  const std::unique_ptr<OutputSink> out = value_or_throw(OutputSink::open(options.output));
  if (options.records)
    stories.write_records(out.get());
  else
    stories.write_stories(*out);
  out->commit();
  return summary;
}

}  // namespace

FatalResult<StoriesSummary> run_stories(const StoriesOptions& options, const StoriesObserver& observe) {
  return catch_failure([&] { return run_stories_or_throw(options, observe); });
}

}  // namespace newsnorm
