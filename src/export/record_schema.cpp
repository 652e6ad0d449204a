#include "newsnorm/export/record_schema.hpp"

namespace newsnorm {
namespace {

Json described(Json schema, const char* description) {
  schema["description"] = description;
  return schema;
}

Json nullable(const char* type, const char* description) {
  return described(Json{{"type", Json::array({type, "null"})}}, description);
}

Json text_or_null(const char* description) { return nullable("string", description); }

Json object_of(Json properties, const char* description, bool open_extra = true) {
  Json required = Json::array();
  for (const auto& [key, value] : properties.items())
    if (!value.contains("x-optional")) required.push_back(key);
  for (auto& [key, value] : properties.items()) value.erase("x-optional");
  if (open_extra)
    properties["extra"] = described(Json{{"type", "object"}}, "Keys the input had beyond the ones above, verbatim");
  return described(Json{{"type", "object"}, {"properties", properties}, {"required", required},
                        {"additionalProperties", false}},
                   description);
}

Json optional(Json schema) {
  schema["x-optional"] = true;
  return schema;
}

Json image_schema() {
  return object_of(Json{{"url", text_or_null("Address of the image, as given")},
                        {"width", nullable("integer", "Width in pixels")},
                        {"height", nullable("integer", "Height in pixels")},
                        {"title", text_or_null("Title or caption")},
                        {"isCached", nullable("boolean", "Whether the publisher cached the image")}},
                   "An image");
}

Json provider_schema() {
  Json schema = object_of(
      Json{{"name", text_or_null("Name of the publisher, channel or author")},
           {"domain", text_or_null("The provider's domain")},
           {"images", optional(described(Json{{"type", "array"}}, "Logos of the provider, as given"))},
           {"authors", optional(described(Json{{"type", "array"}}, "Authors, as given"))}},
      "Who published it");
  schema["type"] = Json::array({"object", "null"});
  return schema;
}

Json dates(const char* description) {
  return described(Json{{"type", Json::array({"string", "null"})},
                        {"pattern", "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$"}},
                   description);
}

Json related_schema() {
  return object_of(
      Json{{"title", text_or_null("Title of the related article")},
           {"excerpt", text_or_null("Its excerpt")},
           {"publishedDateTime", dates("When it was published, RFC 3339 in UTC")},
           {"url", text_or_null("Its canonical address: the best non-AMP one it has")},
           {"dedupeKey", text_or_null("Its dedupe key: the same story has the same key, AMP or not")},
           {"webUrl", text_or_null("Its web address, as given")},
           {"originalUrl", text_or_null("Its original address, as given")},
           {"ampWebUrl", text_or_null("Its AMP address, as given")},
           {"cdnAmpWebUrl", text_or_null("Its AMP cache address, as given")},
           {"type", text_or_null("Its type, such as article or video")},
           {"provider", provider_schema()},
           {"quality", nullable("integer", "Its quality score")},
           {"images", described(Json{{"type", "array"}, {"items", image_schema()}}, "Its images")}},
      "An article related to this one");
}

Json article_schema() {
  Json source = object_of(
      Json{{"path", described(Json{{"type", "string"}}, "The path as given or found; '-' for standard input")},
           {"format", described(Json{{"enum", Json::array({"yaml", "toml", "json", "text", "html"})}},
                                "The header's format, text for a file without front matter, or html for a saved web page")},
           {"bytes", described(Json{{"type", "integer"}, {"minimum", 0}}, "Size of the input in bytes")}},
      "Where the record came from", false);
  return object_of(
      Json{{"id", described(Json{{"type", "string"}, {"pattern", "^[0-9a-f]{16}$"}},
                            "Stable id: 16 hex digits of XXH64 of the article's URL, else of its title and body")},
           {"source", source},
           {"type", described(Json{{"type", "string"}}, "The header's type; article when it has none")},
           {"category", text_or_null("The header's category")},
           {"title", text_or_null("Title; for bare text, a short first line followed by a blank line")},
           {"excerpt", text_or_null("Short summary")},
           {"body", described(Json{{"type", "string"}}, "The text after the header; empty when there is none")},
           {"text", optional(described(Json{{"type", "string"}}, "Plain text of an HTML body"))},
           {"publishedDateTime", dates("When it was published, RFC 3339 in UTC")},
           {"url", text_or_null("The article's canonical address: the best non-AMP URL among webUrl, originalUrl, "
                                "ampWebUrl and cdnAmpWebUrl, without tracking parameters, fragment or default port")},
           {"dedupeKey", text_or_null("The canonical URL with scheme, www., AMP forms, trailing slash and "
                                      "parameter order folded away: the same story has the same key")},
           {"webUrl", text_or_null("Web address, as given")},
           {"originalUrl", text_or_null("Original address, as given")},
           {"ampWebUrl", text_or_null("AMP address, as given")},
           {"cdnAmpWebUrl", text_or_null("AMP cache address, as given")},
           {"provider", provider_schema()},
           {"topics", described(Json{{"type", "array"}, {"items", {{"type", "string"}}}}, "Topics")},
           {"images", described(Json{{"type", "array"}, {"items", image_schema()}}, "Images")},
           {"related", described(Json{{"type", "array"}, {"items", related_schema()}}, "Related articles")},
           {"quality", nullable("integer", "Quality score")},
           {"heat", nullable("integer", "Popularity score")},
           {"published", nullable("boolean", "Whether it is published")},
           {"secured", text_or_null("Opaque signature blob, passed through untouched")},
           {"extra", described(Json{{"type", "object"}}, "Every other header key, verbatim")},
           {"warnings", described(Json{{"type", "array"}, {"items", {{"type", "string"}}}},
                                  "Every coercion, repair or doubt, in words")}},
      "One article", false);
}

Json deletion_schema() {
  return object_of(
      Json{{"id", described(Json{{"type", "string"}, {"pattern", "^[0-9a-f]{16}$"}}, "Id of the record to remove")},
           {"source", object_of(Json{{"path", described(Json{{"type", "string"}}, "Path of the file that is gone")}},
                                "Where the removed record came from", false)},
           {"deleted", described(Json{{"const", true}}, "Always true: this record tells stores to remove one")}},
      "A file that an earlier run wrote and that is gone (--state with --emit-deletions)", false);
}

}  // namespace

const Json& record_schema() {
  static const Json schema = [] {
    Json s;
    s["$schema"] = "https://json-schema.org/draft/2020-12/schema";
    s["$id"] = "https://newsnorm.invalid/schema/record.json";
    s["title"] = "newsnorm record";
    s["description"] = "One line of newsnorm's JSON Lines output: an article, or a deletion";
    s["$defs"] = Json{{"article", article_schema()}, {"deletion", deletion_schema()}};
    s["oneOf"] = Json::array({Json{{"$ref", "#/$defs/article"}}, Json{{"$ref", "#/$defs/deletion"}}});
    return s;
  }();
  return schema;
}

}  // namespace newsnorm
