#include "newsnorm/run/ingest.hpp"

#include "newsnorm/export/exporter.hpp"

namespace newsnorm {

ParseResult ingest_bytes(std::string_view bytes, std::string path, const IngestOptions& options) {
  ParseResult result = parse_document(bytes, std::move(path), options.limits);
  if (auto* article = std::get_if<Article>(&result)) normalize(*article, options.normalize);
  return result;
}

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
  if (auto error = read_input(input.path, options.limits.max_bytes, buffer)) {
    outcome.error = std::move(error);
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
  if (auto* error = std::get_if<Diagnostic>(&result)) {
    outcome.error = std::move(*error);
    return;
  }
  Article& article = std::get<Article>(result);
  append_record(outcome.record, article);
  outcome.disposition = Disposition::record;
  outcome.warnings = std::move(article.warnings);
  if (tracked && now) {
    now->id = article.id;
    outcome.new_state = std::move(now);
  }
}

}  // namespace newsnorm
