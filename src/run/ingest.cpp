#include "newsnorm/run/ingest.hpp"

namespace newsnorm {

ParseResult ingest_bytes(std::string_view bytes, std::string path, const IngestOptions& options, HeaderTree* header) {
  ParseResult result = parse_document(bytes, std::move(path), options.limits, header);
  if (result.ok()) normalize(result.value(), options.normalize);
  return result;
}

}  // namespace newsnorm
