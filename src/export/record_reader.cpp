#include "newsnorm/export/record_reader.hpp"

namespace newsnorm {
namespace {

std::optional<std::string> text(const Json& object, const char* key) {
  const Json& value = object.at(key);
  if (value.is_null()) return std::nullopt;
  return value.get<std::string>();
}

std::optional<std::int64_t> integer(const Json& object, const char* key) {
  const Json& value = object.at(key);
  if (value.is_null()) return std::nullopt;
  return value.get<std::int64_t>();
}

std::optional<bool> boolean(const Json& object, const char* key) {
  const Json& value = object.at(key);
  if (value.is_null()) return std::nullopt;
  return value.get<bool>();
}

Json extra_of(const Json& object) { return object.contains("extra") ? object.at("extra") : Json::object(); }

std::vector<Image> images(const Json& list) {
  std::vector<Image> out;
  for (const Json& item : list)
    out.push_back(Image{text(item, "url"), integer(item, "width"), integer(item, "height"), text(item, "title"),
                        boolean(item, "isCached"), extra_of(item)});
  return out;
}

std::optional<Provider> provider(const Json& value) {
  if (value.is_null()) return std::nullopt;
  Provider p;
  p.name = text(value, "name");
  p.domain = text(value, "domain");
  if (value.contains("images")) p.images = value.at("images");
  if (value.contains("authors")) p.authors = value.at("authors");
  p.extra = extra_of(value);
  return p;
}

void read_links(const Json& object, Links& l) {
  l.published_date_time = text(object, "publishedDateTime");
  l.url = text(object, "url");
  l.dedupe_key = text(object, "dedupeKey");
  l.web_url = text(object, "webUrl");
  l.original_url = text(object, "originalUrl");
  l.amp_web_url = text(object, "ampWebUrl");
  l.cdn_amp_web_url = text(object, "cdnAmpWebUrl");
}

Format format_from_name_or_text(const std::string& name) {
  if (name == "yaml") return Format::yaml;
  if (name == "toml") return Format::toml;
  if (name == "json") return Format::json;
  return Format::text;
}

}  // namespace

Article read_record(const Json& r) {
  Article a;
  a.id = r.at("id").get<std::string>();
  const Json& source = r.at("source");
  a.source = Source{source.at("path").get<std::string>(), format_from_name_or_text(source.at("format").get<std::string>()),
                    source.at("bytes").get<std::uint64_t>()};
  a.type = r.at("type").get<std::string>();
  a.category = text(r, "category");
  a.title = text(r, "title");
  a.excerpt = text(r, "excerpt");
  a.body = r.at("body").get<std::string>();
  if (r.contains("text")) a.text = r.at("text").get<std::string>();
  read_links(r, a);
  a.provider = provider(r.at("provider"));
  a.topics = r.at("topics").get<std::vector<std::string>>();
  a.images = images(r.at("images"));
  for (const Json& item : r.at("related")) {
    Related rel;
    rel.title = text(item, "title");
    rel.excerpt = text(item, "excerpt");
    read_links(item, rel);
    rel.type = text(item, "type");
    rel.provider = provider(item.at("provider"));
    rel.quality = integer(item, "quality");
    rel.images = images(item.at("images"));
    rel.extra = extra_of(item);
    a.related.push_back(std::move(rel));
  }
  a.quality = integer(r, "quality");
  a.heat = integer(r, "heat");
  a.published = boolean(r, "published");
  a.secured = text(r, "secured");
  a.extra = r.at("extra");
  for (const Json& warning : r.at("warnings")) a.warnings.push_back(make_warning({}, warning.get<std::string>()));
  return a;
}

}  // namespace newsnorm
