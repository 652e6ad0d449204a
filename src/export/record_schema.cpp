// The JSON Schema of the records, derived from the field tables: every property, its type, whether
// it may be null or absent, and its description come from model/record_fields.
#include "newsnorm/export/record_schema.hpp"

#include <fmt/format.h>

#include "newsnorm/model/identity.hpp"

#include <type_traits>

#include "newsnorm/export/exporter.hpp"
#include "newsnorm/model/record_fields.hpp"

namespace newsnorm {
namespace {

constexpr const char* kTimestampPattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$";
const std::string kIdPattern = fmt::format("^[0-9a-f]{{{}}}$", kRecordIdDigits);

template <typename S>
Json object_schema(const char* description);

Json typed(const char* type) { return Json{{"type", type}}; }
Json nullable(const char* type) { return Json{{"type", Json::array({type, "null"})}}; }
Json array_of(Json items) { return Json{{"type", "array"}, {"items", std::move(items)}}; }

// An object with exactly these properties (no others), of which `required` must be present.
Json closed_object(Json properties, Json required, std::string_view description) {
  return Json{{"type", "object"},
              {"properties", std::move(properties)},
              {"required", std::move(required)},
              {"additionalProperties", false},
              {"description", description}};
}

// Every key of `properties`, in order: for lines whose keys are all required.
Json all_keys(const Json& properties) {
  Json keys = Json::array();
  for (const auto& [key, value] : properties.items()) keys.push_back(key);
  return keys;
}

template <typename S>
Json schema_of(const Field<S>&, std::type_identity<std::string>) {
  return typed("string");
}
template <typename S>
Json schema_of(const Field<S>& field, std::type_identity<std::optional<std::string>>) {
  Json schema = nullable("string");
  if (field.rule == Rule::date) schema["pattern"] = kTimestampPattern;
  return schema;
}
template <typename S>
Json schema_of(const Field<S>&, std::type_identity<std::optional<std::int64_t>>) {
  return nullable("integer");
}
template <typename S>
Json schema_of(const Field<S>&, std::type_identity<std::optional<bool>>) {
  return nullable("boolean");
}
template <typename S>
Json schema_of(const Field<S>&, std::type_identity<std::vector<std::string>>) {
  return array_of(typed("string"));
}
template <typename S>
Json schema_of(const Field<S>&, std::type_identity<std::vector<Diagnostic>>) {
  return array_of(typed("string"));
}
template <typename S>
Json schema_of(const Field<S>&, std::type_identity<std::vector<Image>>) {
  return array_of(object_schema<Image>("An image"));
}
template <typename S>
Json schema_of(const Field<S>&, std::type_identity<std::vector<Related>>) {
  return array_of(object_schema<Related>("An article related to this one"));
}
template <typename S>
Json schema_of(const Field<S>&, std::type_identity<std::vector<Author>>) {
  return array_of(object_schema<Author>("An author"));
}
template <typename S>
Json schema_of(const Field<S>&, std::type_identity<std::optional<Provider>>) {
  Json schema = object_schema<Provider>("Who published it");
  schema["type"] = Json::array({"object", "null"});
  return schema;
}
template <typename S>
Json schema_of(const Field<S>& field, std::type_identity<Json>) {
  // Header values kept as given are lists (a provider's logos and authors); the rest are objects.
  return typed(field.origin == Origin::header ? "array" : "object");
}
template <typename S>
Json schema_of(const Field<S>&, std::type_identity<Source>) {
  return object_schema<Source>("Where the record came from");
}
template <typename S>
Json schema_of(const Field<S>&, std::type_identity<Format>) {
  Json names = Json::array();
  for (const Format format : kAllFormats) names.push_back(format_name(format));
  return Json{{"enum", names}};
}
template <typename S>
Json schema_of(const Field<S>&, std::type_identity<std::uint64_t>) {
  return Json{{"type", "integer"}, {"minimum", 0}};
}

template <typename S>
Json object_schema(const char* description) {
  Json properties = Json::object(), required = Json::array();
  for (const Field<S>& field : fields_of<S>()) {
    Json schema = std::visit(
        [&](auto member) {
          using T = std::remove_cvref_t<decltype(std::declval<S&>().*member)>;
          return schema_of(field, std::type_identity<T>{});
        },
        field.member);
    if (field.rule == Rule::record_id) schema["pattern"] = kIdPattern;
    schema["description"] = field.description;
    const std::string key(field.key);
    properties[key] = std::move(schema);
    if (!field.omit_when_empty) required.push_back(key);
  }
  return closed_object(std::move(properties), std::move(required), description);
}

// A deletion: the article's own id and source path fields, and one more key.
Json deletion_schema() {
  const Field<Article>& id = field_of(&Article::id);
  const Field<Source>& path = field_of(&Source::path);
  Json source_properties = {
      {std::string(path.key), {{"type", "string"}, {"description", "Path of the file that is gone"}}}};
  Json source = closed_object(std::move(source_properties), Json::array({std::string(path.key)}),
                              "Where the removed record came from");
  Json properties = {{std::string(id.key),
                      {{"type", "string"}, {"pattern", kIdPattern}, {"description", "Id of the record to remove"}}},
                     {std::string(key_of(&Article::source)), std::move(source)},
                     {std::string(kDeletedKey),
                      {{"const", true}, {"description", "Always true: this record tells stores to remove one"}}}};
  Json required = all_keys(properties);
  return closed_object(std::move(properties), std::move(required),
                       "A file that an earlier run wrote and that is gone (--state with --emit-deletions)");
}

// A story merge: a later run (--state) found that a story written before is part of another.
Json story_merge_schema() {
  const Field<Article>& story = field_of(&Article::story_id);
  Json properties = {
      {std::string(story.key),
       {{"type", "string"}, {"pattern", kIdPattern}, {"description", "The story the merged one is part of"}}},
      {std::string(kMergedStoryKey),
       {{"type", "string"},
        {"pattern", kIdPattern},
        {"description", "A storyId written before: its records belong to storyId from now on"}}}};
  Json required = all_keys(properties);
  return closed_object(std::move(properties), std::move(required),
                       "Two stories written by earlier runs turned out to be one (--state)");
}

}  // namespace

const Json& record_schema() {
  static const Json schema = [] {
    Json s;
    s["$schema"] = "https://json-schema.org/draft/2020-12/schema";
    s["$id"] = "https://newsnorm.invalid/schema/record.json";
    s["description"] = "One line of newsnorm's JSON Lines output: an article, a deletion, or a story merge";
    s["$defs"] = Json{{"article", object_schema<Article>("One article")},
                      {"deletion", deletion_schema()},
                      {"storyMerge", story_merge_schema()}};
    s["oneOf"] = Json::array(
        {Json{{"$ref", "#/$defs/article"}}, Json{{"$ref", "#/$defs/deletion"}}, Json{{"$ref", "#/$defs/storyMerge"}}});
    return s;
  }();
  return schema;
}

}  // namespace newsnorm
