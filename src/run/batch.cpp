#include "newsnorm/run/batch.hpp"

#include <unordered_set>

#include "newsnorm/export/exporter.hpp"
#include "newsnorm/export/json_writer.hpp"
#include "newsnorm/run/ordered_runner.hpp"

namespace newsnorm {

void append_deletion_record(std::string& out, const std::string& path, const std::string& id) {
  JsonWriter w(out);
  w.begin_object();
  w.key("id"), w.string(id);
  w.key("source");
  w.begin_object();
  w.key("path"), w.string(path);
  w.end_object();
  w.key("deleted"), w.boolean(true);
  w.end_object();
  out.push_back('\n');
}

IngestSummary run_ingest_batch(InputStream& inputs, const BatchOptions& options, OutputSink& records,
                               OutputSink* errors, const InputObserver& observe) {
  IngestSummary summary;
  std::unordered_set<std::string> seen;  // only kept with a state, to find deletions
  std::string line;
  OrderedWork<Input, InputOutcome> work{
      [&] { return inputs.next(); },
      [&](const Input& input, InputOutcome& outcome) {
        thread_local std::string buffer;
        ingest_input(input, options.ingest, options.state, buffer, outcome);
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
            records.write(outcome.record);
            break;
          case Disposition::unchanged: ++summary.unchanged; break;
          case Disposition::rejected:
            ++summary.rejected;
            if (errors) {
              line.clear();
              append_error_record(line, input.path, *outcome.error);
              errors->write(line);
            }
            break;
        }
      }};
  run_ordered(work, options.jobs, static_cast<std::size_t>(std::max(options.jobs, 1)) * 32);

  if (options.state) {
    for (const auto& [path, state] : options.state->missing_from(seen)) {
      ++summary.deleted;
      if (options.emit_deletions) {
        line.clear();
        append_deletion_record(line, path, state.id);
        records.write(line);
      }
      options.state->forget(path);
    }
  }
  records.commit();
  if (errors) errors->commit();
  // Only now is the output durable; the state may advance.
  if (options.state) options.state->commit();
  return summary;
}

}  // namespace newsnorm
