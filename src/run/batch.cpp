#include "newsnorm/run/batch.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <unordered_set>

#include <fmt/format.h>
#include <fmt/ranges.h>

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

bool DeletionLimit::allows(std::size_t gone, std::size_t known) const {
  switch (kind) {
    case Kind::standard: return known == 0 || (gone < known && (known <= 20 || gone * 2 <= known));
    case Kind::count: return gone <= value;
    case Kind::percent: return gone * 100 <= value * known;
    case Kind::unlimited: return true;
  }
  return false;
}

std::string DeletionLimit::describe() const {
  switch (kind) {
    case Kind::standard: return "all of them, or more than half when the state knows more than 20";
    case Kind::count: return fmt::format("more than {} (--max-deletions)", value);
    case Kind::percent: return fmt::format("more than {}% (--max-deletions)", value);
    case Kind::unlimited: return "none (--allow-mass-deletion)";
  }
  return {};
}

Result<DeletionLimit> parse_deletion_limit(std::string_view text) {
  DeletionLimit limit;
  const bool percent = text.ends_with('%');
  if (percent) text.remove_suffix(1);
  std::size_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size() || (percent && value > 100))
    return make_error(code::usage, {},
                      fmt::format("--max-deletions takes a number of files (10) or a percentage (25%), not \"{}{}\"",
                                  text, percent ? "%" : ""));
  limit.kind = percent ? DeletionLimit::Kind::percent : DeletionLimit::Kind::count;
  limit.value = value;
  return limit;
}

bool path_inside(std::string_view path, std::string_view root) {
  while (root.size() > 1 && root.ends_with('/')) root.remove_suffix(1);
  if (!path.starts_with(root)) return false;
  return path.size() == root.size() || root == "/" || path[root.size()] == '/';
}

namespace {

// A test's way to kill the run at one step of its commit sequence (NEWSNORM_KILL_AT=output-renamed):
// the instants a random SIGKILL almost never hits, which the exactly-once test must cover.
void kill_point(std::string_view name) {
  static const char* const wanted = std::getenv("NEWSNORM_KILL_AT");
  if (wanted && name == wanted) ::raise(SIGKILL);
}

std::string absolute_path(const std::string& path) {
  std::error_code error;
  const std::filesystem::path absolute = std::filesystem::absolute(path, error);
  return error ? path : absolute.lexically_normal().string();
}

// The files the state knows inside the roots and the run did not meet, in path order; refuses,
// before anything is deleted, written or committed, when they are more than the limit allows.
std::vector<std::pair<std::string, FileState>> judge_deletions(const StateStore& state,
                                                               const std::vector<std::string>& roots,
                                                               const std::unordered_set<std::string>& seen,
                                                               const DeletionLimit& limit) {
  std::vector<std::pair<std::string, FileState>> gone;
  std::size_t known = 0;
  for (const auto& [path, file] : state.known()) {
    if (!std::any_of(roots.begin(), roots.end(), [&](const std::string& root) { return path_inside(path, root); }))
      continue;
    ++known;
    if (!seen.contains(path)) gone.emplace_back(path, file);
  }
  if (!limit.allows(gone.size(), known))
    throw FatalError(
        FatalKind::state, code::state_mass_deletion, "",
        fmt::format("refusing to delete {} of the {} files the state knows under {} (the limit is {}): nothing was "
                    "written. If a folder is not mounted, mount it and run again; if the files are really gone, "
                    "run again with --allow-mass-deletion or --max-deletions N|P%",
                    gone.size(), known, fmt::join(roots, ", "), limit.describe()));
  std::sort(gone.begin(), gone.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  return gone;
}

IngestSummary run_batch_or_throw(InputStream& inputs, const BatchOptions& options, OutputSink* records,
                                 OutputSink* errors, const InputObserver& observe) {
  IngestSummary summary;
  std::unordered_set<std::string> seen;  // only kept with a state, to find deletions
  // When every input is known before the run (no --files-from list), a run that would delete too
  // much refuses before it reads a file, so that not even a record streamed to standard output
  // goes out; else it refuses at the end, before anything is committed.
  if (options.state)
    if (const auto paths = inputs.known_paths())
      judge_deletions(*options.state, inputs.roots(), {paths->begin(), paths->end()}, options.max_deletions);
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
      // It must come back as it was: a record this run means to write again and cannot is not
      // left out in silence, it ends the run (nothing is committed, so the next run tries again).
      story_stage->set_reload([&](const std::string& path) -> std::optional<std::string> {
        std::string bytes;
        const IngestOptions& ingest = ingest_options_for(path);  // its own limits, as when first read
        const auto cannot = [&](const Diagnostic& why) {
          return FatalError(
              FatalKind::output, code::output_failed, path,
              fmt::format("cannot make the earlier record of {} again ({}); run again", path, why.message));
        };
        if (Status read = read_input(path, ingest.limits.max_bytes, bytes); !read) throw cannot(read.error());
        ParseResult result = ingest_bytes(bytes, path, ingest);
        if (!result) throw cannot(result.error());
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

  summary.skipped = inputs.skipped();
  if (options.state) {
    for (const auto& [path, state] : judge_deletions(*options.state, inputs.roots(), seen, options.max_deletions)) {
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
  // The commit sequence (see the header for why in this order).
  if (records) records->prepare();
  if (errors) errors->prepare();
  kill_point("outputs-synced");
  if (options.sink) options.sink->commit();
  kill_point("database-committed");
  if (options.state) {
    std::vector<StateStore::Publication> publications;
    for (OutputSink* output : {records, errors})
      if (output && output->rewritable())
        publications.push_back({absolute_path(output->temporary_path()), absolute_path(output->path())});
    options.state->stage_publication(publications);
    options.state->commit();
    for (OutputSink* output : {records, errors})
      if (output) output->keep_temporary();  // the state's now: a failed rename is finished next run
  }
  kill_point("state-committed");
  if (records) records->publish();
  kill_point("output-renamed");
  if (errors) errors->publish();
  if (options.state) options.state->publication_done();
  return summary;
}

}  // namespace

FatalResult<IngestSummary> run_batch(InputStream& inputs, const BatchOptions& options, OutputSink* records,
                                     OutputSink* errors, const InputObserver& observe) {
  return catch_failure([&] { return run_batch_or_throw(inputs, options, records, errors, observe); });
}

}  // namespace newsnorm
