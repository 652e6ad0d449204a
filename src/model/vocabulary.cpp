#include "newsnorm/model/vocabulary.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "newsnorm/core/builtin_data.hpp"
#include "newsnorm/model/record_fields.hpp"
#include "newsnorm/parse/data_file.hpp"

namespace newsnorm {

extern const std::string_view builtin_fields_yaml;  // data/fields.yaml, see cmake/EmbedFile.cmake

const Vocabulary& Vocabulary::builtin() {
  static const Vocabulary vocabulary = builtin_data<Vocabulary>(
      "data/fields.yaml",
      [](Vocabulary& v, const std::string& origin) { return v.add_yaml(builtin_fields_yaml, origin); });
  return vocabulary;
}

FatalStatus Vocabulary::add_yaml(std::string_view yaml_text, const std::string& origin) {
  HeaderResult header = parse_yaml_data(yaml_text);
  if (!header) return Failure::in(FatalKind::usage, origin, header.error());
  const Json& root = header->value;
  if (root.is_null()) return done();
  const auto bad = [&](const std::string& pointer, std::string message) {
    return Failure::in(FatalKind::usage, origin,
                       make_error(code::registry_invalid, header->position(pointer), std::move(message)));
  };
  if (!root.is_object()) return bad("", "a field vocabulary is a mapping of record fields to lists of header keys");
  const auto typed = typed_header_keys();
  std::vector<Alias> added;
  for (const auto& [field, keys] : root.items()) {
    std::string pointer;
    append_pointer_token(pointer, field);
    if (std::find(typed.begin(), typed.end(), field) == typed.end())
      return bad(pointer,
                 fmt::format("'{}' is not a record field read from headers; known: {}", field, fmt::join(typed, ", ")));
    if (!keys.is_array()) return bad(pointer, fmt::format("the aliases of {} should be a list of header keys", field));
    for (const Json& key : keys) {
      if (!key.is_string() || key.get_ref<const std::string&>().empty())
        return bad(pointer, fmt::format("the aliases of {} should be header keys (text)", field));
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
  return done();
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
