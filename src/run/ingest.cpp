#include "newsnorm/run/ingest.hpp"

namespace newsnorm {

ParseResult ingest_bytes(std::string_view bytes, std::string path, const IngestOptions& options, HeaderTree* header) {
  const std::string type = options.type_for_path ? options.type_for_path(path) : std::string();
  const ModelOptions model{options.vocabulary.get(), type};
  ParseResult result = parse_document(bytes, std::move(path), options.limits, model, header);
  if (result.ok()) normalize(result.value(), options.normalize);
  return result;
}

}  // namespace newsnorm
