#include "newsnorm/export/exporter.hpp"

#include "newsnorm/export/json_writer.hpp"

namespace newsnorm {
namespace {

void write_extra_if_any(JsonWriter& w, const Json& extra) {
  if (extra.empty()) return;
  w.key("extra");
  w.value(extra);
}

void write_images(JsonWriter& w, const std::vector<Image>& images) {
  w.begin_array();
  for (const Image& image : images) {
    w.begin_object();
    w.key("url"), w.value(image.url);
    w.key("width"), w.value(image.width);
    w.key("height"), w.value(image.height);
    w.key("title"), w.value(image.title);
    w.key("isCached"), w.value(image.is_cached);
    write_extra_if_any(w, image.extra);
    w.end_object();
  }
  w.end_array();
}

void write_provider(JsonWriter& w, const std::optional<Provider>& provider) {
  if (!provider) return w.null();
  w.begin_object();
  w.key("name"), w.value(provider->name);
  w.key("domain"), w.value(provider->domain);
  if (!provider->images.is_null()) w.key("images"), w.value(provider->images);
  if (!provider->authors.is_null()) w.key("authors"), w.value(provider->authors);
  write_extra_if_any(w, provider->extra);
  w.end_object();
}

void write_links(JsonWriter& w, const Links& l) {
  w.key("publishedDateTime"), w.value(l.published_date_time);
  w.key("url"), w.value(l.url);
  w.key("dedupeKey"), w.value(l.dedupe_key);
  w.key("webUrl"), w.value(l.web_url);
  w.key("originalUrl"), w.value(l.original_url);
  w.key("ampWebUrl"), w.value(l.amp_web_url);
  w.key("cdnAmpWebUrl"), w.value(l.cdn_amp_web_url);
}

void write_related(JsonWriter& w, const Related& r) {
  w.begin_object();
  w.key("title"), w.value(r.title);
  w.key("excerpt"), w.value(r.excerpt);
  write_links(w, r);
  w.key("type"), w.value(r.type);
  w.key("provider"), write_provider(w, r.provider);
  w.key("quality"), w.value(r.quality);
  w.key("images"), write_images(w, r.images);
  write_extra_if_any(w, r.extra);
  w.end_object();
}

}  // namespace

void append_record(std::string& out, const Article& a) {
  JsonWriter w(out);
  w.begin_object();
  w.key("id"), w.string(a.id);
  w.key("source");
  w.begin_object();
  w.key("path"), w.string(a.source.path);
  w.key("format"), w.string(format_name(a.source.format));
  w.key("bytes"), w.integer(static_cast<std::int64_t>(a.source.bytes));
  w.end_object();
  w.key("type"), w.string(a.type);
  w.key("category"), w.value(a.category);
  w.key("title"), w.value(a.title);
  w.key("excerpt"), w.value(a.excerpt);
  w.key("body"), w.string(a.body);
  if (a.text) w.key("text"), w.string(*a.text);
  write_links(w, a);
  w.key("provider"), write_provider(w, a.provider);
  w.key("topics");
  w.begin_array();
  for (const auto& topic : a.topics) w.string(topic);
  w.end_array();
  w.key("images"), write_images(w, a.images);
  w.key("related");
  w.begin_array();
  for (const auto& r : a.related) write_related(w, r);
  w.end_array();
  w.key("quality"), w.value(a.quality);
  w.key("heat"), w.value(a.heat);
  w.key("published"), w.value(a.published);
  w.key("secured"), w.value(a.secured);
  w.key("extra"), w.value(a.extra);
  w.key("warnings");
  w.begin_array();
  for (const auto& warning : a.warnings) w.string(warning.message);
  w.end_array();
  w.end_object();
  out.push_back('\n');
}

void append_error_record(std::string& out, const std::string& path, const Diagnostic& error) {
  JsonWriter w(out);
  w.begin_object();
  w.key("path"), w.string(path);
  w.key("line"), error.position.line > 0 ? w.integer(error.position.line) : w.null();
  w.key("column"), error.position.column > 0 ? w.integer(error.position.column) : w.null();
  w.key("message"), w.string(error.message);
  w.end_object();
  out.push_back('\n');
}

}  // namespace newsnorm
