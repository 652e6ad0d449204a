#include "newsnorm/ingest.hpp"

#include "newsnorm/exporter.hpp"
#include "newsnorm/identity.hpp"

namespace newsnorm {

ParseResult ingest_bytes(std::string_view bytes, std::string path, const IngestOptions& options) {
  ParseResult result = parse_document(bytes, std::move(path), options.limits);
  if (auto* article = std::get_if<Article>(&result)) article->id = article_id(*article);
  return result;
}

void ingest_input(const Input& input, const IngestOptions& options, std::string& buffer, InputOutcome& outcome) {
  if (input.error) {
    outcome.error = input.error;
    return;
  }
  if (auto error = read_input(input.path, options.limits.max_bytes, buffer)) {
    outcome.error = std::move(error);
    return;
  }
  ParseResult result = ingest_bytes(buffer, input.path, options);
  if (auto* error = std::get_if<Diagnostic>(&result)) {
    outcome.error = std::move(*error);
    return;
  }
  Article& article = std::get<Article>(result);
  append_record(outcome.record, article);
  outcome.warnings = std::move(article.warnings);
}

}  // namespace newsnorm
