#include "pipeline_invariants.hpp"

#include <set>

#include "newsnorm/export/exporter.hpp"
#include "newsnorm/parse/front_matter.hpp"
#include "newsnorm/parse/header_tree.hpp"
#include "newsnorm/run/ingest.hpp"
#include "newsnorm/export/record_reader.hpp"
#include "newsnorm/read/text_decoding.hpp"

namespace newsnorm::test {
namespace {

// Header keys the model types into record fields of the same name; all others belong in `extra`.
const std::set<std::string> kTypedKeys = {"category", "title", "excerpt", "webUrl", "originalUrl", "ampWebUrl",
                                          "cdnAmpWebUrl", "type", "secured", "publishedDateTime", "quality",
                                          "heat", "published", "provider", "topics", "images", "related"};

bool is_empty_value(const Json& value) {
  return value.is_null() || ((value.is_array() || value.is_object() || value.is_string()) && value.empty());
}

// The header's top-level mapping, read with the library's own stages, or null.
Json header_of(std::string_view bytes, std::string_view path) {
  std::string scratch;
  auto decoded = decode_text(bytes, scratch);
  if (!std::holds_alternative<DecodedText>(decoded)) return nullptr;
  auto split = split_front_matter(std::get<DecodedText>(decoded).text);
  if (!std::holds_alternative<FrontMatter>(split)) return nullptr;
  FrontMatter front = std::get<FrontMatter>(split);
  if (front.format == Format::text) {
    if (!(path.ends_with(".yaml") || path.ends_with(".yml") || path.ends_with(".toml"))) return nullptr;
    front = FrontMatter{path.ends_with(".toml") ? Format::toml : Format::yaml, std::get<DecodedText>(decoded).text, {}, 1};
  }
  HeaderResult header = front.format == Format::yaml   ? parse_yaml_header(front.header, 2, {})
                        : front.format == Format::toml ? parse_toml_header(front.header, 2, {})
                                                       : parse_json_header(front.header, 1, {});
  if (!std::holds_alternative<HeaderTree>(header)) return nullptr;
  return std::get<HeaderTree>(header).value;
}

}  // namespace

std::string check_pipeline_invariants(std::string_view bytes, std::string_view path) {
  ParseResult result = ingest_bytes(bytes, std::string(path), {});
  if (std::holds_alternative<Diagnostic>(result)) {
    if (std::get<Diagnostic>(result).message.empty()) return "an error without a message";
    return "";
  }
  const Article& article = std::get<Article>(result);
  std::string record;
  append_record(record, article);
  if (record.empty() || record.back() != '\n' || record.find('\n') != record.size() - 1)
    return "the record is not exactly one line";
  if (!is_valid_utf8(record)) return "the record is not valid UTF-8";
  Json parsed;
  try {
    parsed = Json::parse(record);
  } catch (const std::exception& e) {
    return std::string("the record is not valid JSON: ") + e.what();
  }
  const Json header = header_of(bytes, path);
  if (header.is_object()) {
    for (const auto& [key, value] : header.items()) {
      if (parsed.at("extra").contains(key)) continue;
      if (!kTypedKeys.contains(key)) return "header key '" + key + "' is neither a field nor under extra";
      if (is_empty_value(value)) continue;
      const Json& field = parsed.at(key);
      if (is_empty_value(field) && !(key == "related" && !parsed.at("warnings").empty()))
        return "header key '" + key + "' had a value and the record lost it";
    }
  }
  std::string again;
  try {
    append_record(again, read_record(parsed));
  } catch (const std::exception& e) {
    return std::string("the record cannot be read back: ") + e.what();
  }
  if (again != record) return "exporting the record read back gives other bytes:\n" + record + again;
  return "";
}

}  // namespace newsnorm::test
