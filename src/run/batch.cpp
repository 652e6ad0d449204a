#include "newsnorm/run/batch.hpp"

#include <unordered_set>

#include "newsnorm/export/exporter.hpp"
#include "newsnorm/run/ordered_runner.hpp"

namespace newsnorm {

void ingest_input(const Input& input, const IngestOptions& options, const StateStore* state, std::string& buffer,
                  InputOutcome& outcome) {
  if (input.error) {
    outcome.error = input.error;
    return;
  }
  const bool tracked = state && input.path != "-";
  std::optional<FileState> now;
  const FileState* before = nullptr;
  if (tracked) {
    now = stat_file(input.path);
    before = state->find(input.path);
    if (now && before && before->size == now->size && before->mtime_ns == now->mtime_ns) {
      outcome.disposition = Disposition::unchanged;
      return;
    }
  }
  if (Status read = read_input(input.path, options.limits.max_bytes, buffer); !read) {
    outcome.error = std::move(read.error());
    return;
  }
  if (tracked && now) {
    now->hash = content_hash(buffer);
    if (before && before->hash == now->hash) {  // touched, same content: remember the new time only
      now->id = before->id;
      outcome.disposition = Disposition::unchanged;
      outcome.new_state = std::move(now);
      return;
    }
  }
  ParseResult result = ingest_bytes(buffer, input.path, options);
  if (!result) {
    outcome.error = std::move(result.error());
    return;
  }
  Article& article = result.value();
  if (options.validate)
    outcome.missing = missing_required_fields(article, *options.validate);
  else
    append_record(outcome.record, article);
  outcome.disposition = Disposition::record;
  outcome.warnings = std::move(article.warnings);
  if (tracked && now) {
    now->id = article.id;
    outcome.new_state = std::move(now);
  }
}

IngestSummary run_batch(InputStream& inputs, const BatchOptions& options, OutputSink* records, OutputSink* errors,
                        const InputObserver& observe) {
  IngestSummary summary;
  std::unordered_set<std::string> seen;  // only kept with a state, to find deletions
  std::string line;
  OrderedWork<Input, InputOutcome> work{[&] { return inputs.next(); },
                                        [&](const Input& input, InputOutcome& outcome) {
                                          thread_local std::string buffer;
                                          const IngestOptions& ingest =
                                              options.options_for ? options.options_for(input.path) : options.ingest;
                                          ingest_input(input, ingest, options.state, buffer, outcome);
                                        },
                                        [&](Input& input, InputOutcome& outcome) {
                                          ++summary.files;
                                          summary.warnings += outcome.warnings.size();
                                          observe(input, outcome);
                                          if (options.state) {
                                            seen.insert(input.path);
                                            if (outcome.new_state)
                                              options.state->record(input.path, *outcome.new_state);
                                          }
                                          switch (outcome.disposition) {
                                            case Disposition::record:
                                              ++summary.records;
                                              if (records) records->write(outcome.record);
                                              break;
                                            case Disposition::unchanged: ++summary.unchanged; break;
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
  run_ordered(work, options.jobs, static_cast<std::size_t>(std::max(options.jobs, 1)) * 32);

  if (options.state) {
    for (const auto& [path, state] : options.state->missing_from(seen)) {
      ++summary.deleted;
      if (options.emit_deletions && records) {
        line.clear();
        append_deletion_record(line, path, state.id);
        records->write(line);
      }
      options.state->forget(path);
    }
  }
  if (records) records->commit();
  if (errors) errors->commit();
  // Only now is the output durable; the state may advance.
  if (options.state) options.state->commit();
  return summary;
}

}  // namespace newsnorm
