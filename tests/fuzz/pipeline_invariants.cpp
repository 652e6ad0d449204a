#include "pipeline_invariants.hpp"

#include <algorithm>

#include "newsnorm/export/exporter.hpp"
#include "newsnorm/export/record_reader.hpp"
#include "newsnorm/fix/fix.hpp"
#include "newsnorm/model/record_fields.hpp"
#include "newsnorm/model/vocabulary.hpp"
#include "newsnorm/parse/front_matter.hpp"
#include "newsnorm/parse/header_tree.hpp"
#include "newsnorm/read/text_decoding.hpp"
#include "newsnorm/run/ingest.hpp"

namespace newsnorm::test {
namespace {

bool is_empty_value(const Json& value) {
  return value.is_null() || ((value.is_array() || value.is_object() || value.is_string()) && value.empty());
}

// The header's top-level mapping, read with the library's own stages, or null.
Json header_of(std::string_view bytes, std::string_view path) {
  std::string scratch;
  Result<DecodedText> decoded = decode_text(bytes, scratch);
  if (!decoded) return nullptr;
  Result<FrontMatter> split = split_document(decoded->text, path);
  if (!split || split->format == Format::text) return nullptr;
  HeaderResult header = parse_header(split.value(), {});
  return header ? header->value : Json(nullptr);
}

}  // namespace

std::string check_pipeline_invariants(std::string_view bytes, std::string_view path) {
  ParseResult result = ingest_bytes(bytes, std::string(path), {});
  if (!result)
    return result.error().message.empty() || !result.error().code ? "an error without a message or code" : "";
  const Article& article = result.value();
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
  const std::vector<std::string> typed = typed_header_keys();
  const std::string extra(key_of(&Article::extra)), warnings(key_of(&Article::warnings)),
      related(key_of(&Article::related)), field_sources(key_of(&Article::field_sources));
  if (header.is_object()) {
    for (const auto& [key, value] : header.items()) {
      if (parsed.at(extra).contains(key)) continue;
      // An alias (date, description, tags…) that filled its field is named in fieldSources.
      if (const Alias* alias = Vocabulary::builtin().find(key)) {
        const auto sources = parsed.find(field_sources);
        if (sources != parsed.end() && sources->value(alias->field, "") == key) {
          if (is_empty_value(parsed.at(alias->field))) return "alias '" + key + "' filled a field that is empty";
          continue;
        }
      }
      if (std::find(typed.begin(), typed.end(), key) == typed.end())
        return "header key '" + key + "' is neither a field nor under extra";
      if (is_empty_value(value)) continue;
      const Json& field = parsed.at(key);
      if (is_empty_value(field) && !(key == related && !parsed.at(warnings).empty()))
        return "header key '" + key + "' had a value and the record lost it";
    }
  }
  std::string again;
  try {
    append_record(again, read_record(parsed).value());
  } catch (const std::exception& e) {
    return std::string("the record cannot be read back: ") + e.what();
  }
  if (again != record) return "exporting the record read back gives other bytes:\n" + record + again;
  // `newsnorm fix` checks its own edit by reading it back; here: it never throws, a file it changed
  // has nothing more to fix, and the bytes it did not edit are the input's.
  const FileFix fixed = fix_document(bytes, std::string(path), {});
  if (fixed.error) return "fix rejects what ingest read: " + fixed.error->message;
  if (!fixed.changed) return fixed.bytes == bytes ? "" : "fix changed bytes it says it did not";
  const std::string_view after = fixed.bytes;
  std::size_t at = 0, after_at = 0;  // the same place in the input and in the fixed bytes
  for (const ByteEdit& edit : fixed.edits) {
    if (edit.begin < at || bytes.substr(at, edit.begin - at) != after.substr(after_at, edit.begin - at))
      return "fix changed bytes outside the values it rewrote";
    after_at += edit.begin - at + edit.text.size();
    at = edit.end;
  }
  if (bytes.substr(at) != after.substr(after_at)) return "fix changed bytes after the last value it rewrote";
  const FileFix twice = fix_document(fixed.bytes, std::string(path), {});
  if (twice.changed || twice.error) return "a second fix changes the fixed file, or rejects it";
  return "";
}

}  // namespace newsnorm::test
