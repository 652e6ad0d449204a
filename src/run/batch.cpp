#include "newsnorm/run/batch.hpp"

#include <chrono>
#include <unordered_set>

#include "newsnorm/export/exporter.hpp"
#include "newsnorm/run/ordered_runner.hpp"
#include "newsnorm/stories/record_update.hpp"

namespace newsnorm {

void ingest_input(const Input& input, const IngestOptions& options, const StateStore* state, const RecordSink* sink,
                  bool stories, std::string& buffer, InputOutcome& outcome) {
  if (input.error) {
    outcome.error = input.error;
    return;
  }
  const bool tracked = state && input.path != "-";
  std::optional<FileState> now;
  const FileState* before = nullptr;
  // A sink made after the state (a new database, one restored from a backup) lacks records the
  // output had in earlier runs: it gets them all the same, and the output does not get them again.
  bool sink_has_it = true;
  if (tracked) {
    now = stat_file(input.path);
    before = state->find(input.path);
    if (before && sink) sink_has_it = sink->holds(input.path, before->id);
    if (now && before && before->size == now->size && before->mtime_ns == now->mtime_ns && sink_has_it) {
      outcome.disposition = Disposition::unchanged;
      return;
    }
  }
  if (Status read = read_input(input.path, options.limits.max_bytes, buffer); !read) {
    outcome.error = std::move(read.error());
    return;
  }
  bool for_sink_only = false;
  if (tracked && now) {
    now->hash = content_hash(buffer);
    if (before && before->hash == now->hash) {  // touched, same content: remember the new time only
      now->id = before->id;
      outcome.new_state = now;
      if (sink_has_it) {
        outcome.disposition = Disposition::unchanged;
        return;
      }
      for_sink_only = true;
    }
  }
  ParseResult result = ingest_bytes(buffer, input.path, options);
  if (!result) {
    outcome.error = std::move(result.error());
    return;
  }
  Article& article = result.value();
  if (options.validate) {
    outcome.missing = missing_required_fields(article, *options.validate);
  } else {
    const stories::Signature signature = stories::sign(article);
    append_record(outcome.record, article);
    if (stories) outcome.story_item = stories::story_item(article, &signature);
  }
  if (for_sink_only) {  // its warnings were said when the output got the record
    outcome.disposition = Disposition::restored;
    outcome.new_state->id = article.id;
    return;
  }
  outcome.disposition = Disposition::record;
  outcome.warnings = std::move(article.warnings);
  if (tracked && now) {
    now->id = article.id;
    outcome.new_state = std::move(now);
  }
}

namespace {

// The sink lost the file its record for an id came from (gone, or now of another id) while other
// files still make that id: their records, made again (by the story stage when there is one, which
// knows their story fields). Each round settles what the last one put.
template <typename OptionsFor>
void refeed(RecordSink& sink, const OptionsFor& options_for, StoryCollector* story_stage) {
  std::string buffer;
  for (std::vector<std::string> paths = sink.take_refeeds(); !paths.empty(); paths = sink.take_refeeds())
    for (const std::string& path : paths) {
      if (story_stage) {
        if (const auto line = story_stage->record_for(path)) sink.put(*line, path);
        continue;
      }
      InputOutcome outcome;
      ingest_input(Input{path, std::nullopt}, options_for(path), nullptr, nullptr, false, buffer, outcome);
      if (outcome.disposition == Disposition::record) sink.put(outcome.record, path);
    }
}

}  // namespace

namespace {

IngestSummary run_batch_or_throw(InputStream& inputs, const BatchOptions& options, OutputSink* records,
                                 OutputSink* errors, const InputObserver& observe) {
  IngestSummary summary;
  std::unordered_set<std::string> seen;  // only kept with a state, to find deletions
  std::string line;
  // The project's configuration may set options per input (types by path, limits).
  const auto ingest_options_for = [&](const std::string& path) -> const IngestOptions& {
    return options.options_for ? *value_or_throw(options.options_for(path)) : options.ingest;
  };
  std::optional<StoryCollector> story_stage;
  std::vector<std::string> restored;  // with stories: files whose records the sink lacks
  if (options.stories && (records || options.sink)) {
    story_stage.emplace();
    if (options.state) {
      for (const StoredStoryItem& stored : options.state->story_items()) story_stage->add_prior(stored);
      // An earlier record this run learns something about is made again from its file.
      story_stage->set_reload([&](const std::string& path) -> std::optional<std::string> {
        std::string bytes;
        const IngestOptions& ingest = ingest_options_for(path);
        if (!read_input(path, ingest.limits.max_bytes, bytes)) return std::nullopt;
        ParseResult result = ingest_bytes(bytes, path, ingest);
        if (!result) return std::nullopt;
        stories::sign(result.value());
        std::string again;
        append_record(again, result.value());
        return again;
      });
    }
  }
  // Without a state or a database, records go to an output file of our own as they come, as without
  // stories, and get their story fields there in place at the end; else they are packed on the
  // workers and spooled until then.
  if (story_stage)
    if (const auto total = inputs.known_total()) story_stage->reserve(*total);
  std::optional<std::uint32_t> written_file;
  if (story_stage && records && records->rewritable() && !options.state && !options.sink)
    written_file = story_stage->refer_file(records->temporary_path());
  OrderedWork<Input, InputOutcome> work{
      [&] { return value_or_throw(inputs.next()); },
      [&](const Input& input, InputOutcome& outcome) {
        thread_local std::string buffer;
        ingest_input(input, ingest_options_for(input.path), options.state, options.sink, options.stories, buffer,
                     outcome);
        if (story_stage && outcome.story_item && outcome.disposition == Disposition::record) {
          outcome.record_hash = StoryCollector::line_hash(outcome.record);
          if (written_file) return;
          outcome.packed_record = PackedLine::pack(outcome.record);
          outcome.record.clear();
        }
      },
      [&](Input& input, InputOutcome& outcome) {
        ++summary.files;
        summary.warnings += outcome.warnings.size();
        observe(input, outcome);
        if (options.state) {
          seen.insert(input.path);
          if (outcome.new_state) options.state->record(input.path, *outcome.new_state);
        }
        switch (outcome.disposition) {
          case Disposition::record:
            ++summary.records;
            // With stories, an output file of our own gets the record now and its story fields at the
            // end; else the output and the sink get the record once its story fields are known.
            if (story_stage && written_file) {
              const std::uint64_t offset = records->size();
              records->write(outcome.record);
              story_stage->add_written(outcome.record, outcome.record_hash, std::move(*outcome.story_item), input.path,
                                       *written_file, offset);
              break;
            }
            if (story_stage) {
              story_stage->add(*outcome.packed_record, outcome.record_hash, std::move(*outcome.story_item), input.path);
              break;
            }
            if (records) records->write(outcome.record);
            if (options.sink) options.sink->put(outcome.record, input.path);
            break;
          case Disposition::unchanged: ++summary.unchanged; break;
          case Disposition::restored:
            ++summary.restored;
            // With stories, the record goes in once its story fields are known (see
            // below).
            if (story_stage)
              restored.push_back(input.path);
            else
              options.sink->put(outcome.record, input.path);
            break;
          case Disposition::rejected:
            ++summary.rejected;
            if (errors) {
              line.clear();
              append_diagnostic_json(line, input.path, *outcome.error);
              errors->write(line);
            }
            break;
        }
      }};
  using Clock = std::chrono::steady_clock;
  const auto seconds_since = [](Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
  };
  const auto started = Clock::now();
  run_ordered(work, options.jobs, static_cast<std::size_t>(std::max(options.jobs, 1)) * 32);
  summary.records_seconds = seconds_since(started);

  if (options.state) {
    for (const auto& [path, state] : options.state->missing_from(seen)) {
      ++summary.deleted;
      if (options.emit_deletions && records) {
        line.clear();
        append_deletion_record(line, path, state.id);
        records->write(line);
      }
      if (options.sink) options.sink->remove(path, state.id);
      options.state->forget(path);
      if (story_stage) story_stage->remove_prior(path);
    }
  }
  if (story_stage) {
    if (written_file) records->flush();  // bare texts read known records back from it
    const auto solving = Clock::now();
    summary.stories = story_stage->solve();
    summary.stories_seconds = seconds_since(solving);
    const auto writing = Clock::now();
    summary.stories_in_place = written_file && story_stage->write_records_in_place(*records, *written_file);
    if (!summary.stories_in_place) {
      if (written_file) records->restart();  // the records are read back from the file written so far
      story_stage->write_records(records, &summary.stories, [&](std::string_view record, const std::string& path) {
        if (options.sink) options.sink->put(record, path);
      });
    }
    summary.writing_seconds = seconds_since(writing);
    for (const std::string& path : restored)
      if (const auto again = story_stage->record_for(path)) options.sink->put(*again, path);
    if (options.state) {
      options.state->save_story_items(story_stage->stored_items());
      for (const auto& [path, id] : story_stage->new_ids()) options.state->set_id(path, id);
    }
  }
  if (options.sink) refeed(*options.sink, ingest_options_for, story_stage ? &*story_stage : nullptr);
  if (records) records->commit();
  if (errors) errors->commit();
  // Only now is the output durable; the sink, then the state may advance (see the header for why in
  // this order).
  if (options.sink) options.sink->commit();
  if (options.state) options.state->commit();
  return summary;
}

}  // namespace

FatalResult<IngestSummary> run_batch(InputStream& inputs, const BatchOptions& options, OutputSink* records,
                                     OutputSink* errors, const InputObserver& observe) {
  return catch_failure([&] { return run_batch_or_throw(inputs, options, records, errors, observe); });
}

}  // namespace newsnorm
