#include "newsnorm/model/vocabulary.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "newsnorm/core/result.hpp"
#include "newsnorm/model/record_fields.hpp"
#include "newsnorm/parse/header_tree.hpp"
#include "newsnorm/read/text_decoding.hpp"

namespace newsnorm {

extern const std::string_view builtin_fields_yaml;  // data/fields.yaml, see cmake/EmbedFile.cmake

namespace {

[[noreturn]] void fail(const std::string& origin, const Diagnostic& diagnostic) {
  throw FatalError(FatalKind::usage, *diagnostic.code, origin, format_diagnostic(origin, diagnostic));
}

}  // namespace

const Vocabulary& Vocabulary::builtin() {
  static const Vocabulary vocabulary = [] {
    Vocabulary v;
    v.add_yaml(builtin_fields_yaml, "<built-in>/data/fields.yaml");
    return v;
  }();
  return vocabulary;
}

void Vocabulary::add_yaml(std::string_view yaml_text, const std::string& origin) {
  std::string scratch;
  Result<DecodedText> decoded = decode_text(yaml_text, scratch);
  if (!decoded) fail(origin, decoded.error());
  Limits limits;
  limits.max_header_bytes = limits.max_line_length = limits.max_bytes;
  HeaderResult header = parse_yaml_header(decoded->text, 1, limits);
  if (!header) fail(origin, header.error());
  const Json& root = header->value;
  if (root.is_null()) return;
  const auto bad = [&](const std::string& pointer, std::string message) {
    fail(origin, make_error(code::registry_invalid, header->position(pointer), std::move(message)));
  };
  if (!root.is_object()) bad("", "a field vocabulary is a mapping of record fields to lists of header keys");
  const auto typed = typed_header_keys();
  std::vector<Alias> added;
  for (const auto& [field, keys] : root.items()) {
    std::string pointer;
    append_pointer_token(pointer, field);
    if (std::find(typed.begin(), typed.end(), field) == typed.end())
      bad(pointer,
          fmt::format("'{}' is not a record field read from headers; known: {}", field, fmt::join(typed, ", ")));
    if (!keys.is_array()) bad(pointer, fmt::format("the aliases of {} should be a list of header keys", field));
    for (const Json& key : keys) {
      if (!key.is_string() || key.get_ref<const std::string&>().empty())
        bad(pointer, fmt::format("the aliases of {} should be header keys (text)", field));
      std::string name = key.get<std::string>();
      const bool negated = name.starts_with('!');
      if (negated) name.erase(0, 1);
      added.push_back({std::move(name), field, negated});
    }
  }
  // A later definition of the same key replaces the earlier one.
  for (auto& alias : added) {
    std::erase_if(aliases_, [&](const Alias& old) { return old.key == alias.key && old.field == alias.field; });
    aliases_.push_back(std::move(alias));
  }
}

void Vocabulary::add(Alias alias) {
  std::erase_if(aliases_, [&](const Alias& old) { return old.key == alias.key; });
  aliases_.push_back(std::move(alias));
}

const Alias* Vocabulary::find(std::string_view key) const {
  const auto found = std::find_if(aliases_.begin(), aliases_.end(), [&](const Alias& a) { return a.key == key; });
  return found == aliases_.end() ? nullptr : &*found;
}

}  // namespace newsnorm
