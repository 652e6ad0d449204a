// JSON Feed 1.0 and 1.1 (jsonfeed.org) through nlohmann_json, whose parser keeps its own stack (no
// recursion to overflow); values nested past kMaxDepth are dropped with a bozo note.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "feed_internal.hpp"
#include "newsnorm/parse/feed.hpp"

namespace newsnorm {
namespace {

using Json = nlohmann::json;
using feed_detail::resolve;

constexpr int kMaxDepth = 32;

std::string text_of(const Json& object, const char* key) {
  const auto found = object.find(key);
  if (found == object.end()) return {};
  if (found->is_string()) return found->get<std::string>();
  if (found->is_number()) return found->dump();  // JSON Feed 1.0 allowed numeric ids
  return {};
}

// 1.1's "authors" list, or 1.0's one "author".
std::vector<FeedPerson> people(const Json& object, const std::string& base) {
  std::vector<FeedPerson> out;
  const auto add = [&](const Json& author) {
    if (!author.is_object()) return;
    FeedPerson person{text_of(author, "name"), "", resolve(base, text_of(author, "url"))};
    if (person.url.starts_with("mailto:")) person.email = person.url.substr(7), person.url.clear();
    if (!person.name.empty() || !person.url.empty() || !person.email.empty()) out.push_back(std::move(person));
  };
  if (const auto list = object.find("authors"); list != object.end() && list->is_array()) {
    for (const auto& author : *list) add(author);
  } else if (const auto one = object.find("author"); one != object.end()) {
    add(*one);
  }
  return out;
}

}  // namespace

Feed parse_json_feed(std::string_view bytes, const FeedOptions& options) {
  Feed feed;
  feed.kind = FeedKind::jsonfeed;
  bool too_deep = false;
  const Json::parser_callback_t keep = [&](int depth, Json::parse_event_t, Json&) {
    if (depth <= kMaxDepth) return true;
    too_deep = true;
    return false;
  };
  const Json root = Json::parse(bytes.begin(), bytes.end(), keep, /*allow_exceptions=*/false);
  if (root.is_discarded() || !root.is_object()) {
    feed.bozo = root.is_discarded() ? "not valid JSON" : "a JSON Feed is an object";
    return feed;
  }
  if (too_deep) feed.bozo = fmt::format("values nested deeper than {} levels were dropped", kMaxDepth);
  if (!text_of(root, "version").starts_with("https://jsonfeed.org/version/") && !feed.bozo)
    feed.bozo = "no JSON Feed version (https://jsonfeed.org/version/1.1)";
  feed.title.value = text_of(root, "title");
  feed.link = resolve(options.url, text_of(root, "home_page_url"));
  if (!feed.link.empty()) feed.links.push_back({feed.link, "alternate", "text/html", ""});
  if (const auto self = resolve(options.url, text_of(root, "feed_url")); !self.empty())
    feed.links.push_back({self, "self", "application/feed+json", ""});
  feed.language = text_of(root, "language");
  const std::string base = feed.link.empty() ? options.url : feed.link;
  feed.authors = people(root, base);
  const auto items = root.find("items");
  if (items == root.end() || !items->is_array()) {
    if (!feed.bozo) feed.bozo = "no items list";
    return feed;
  }
  for (const auto& object : *items) {
    if (feed.items.size() >= options.max_items) {
      if (!feed.bozo) feed.bozo = fmt::format("more than {} items; the rest were not read", options.max_items);
      break;
    }
    if (!object.is_object()) {
      if (!feed.bozo) feed.bozo = fmt::format("item {} is not an object", feed.items.size());
      continue;
    }
    FeedItem& item = feed.items.emplace_back();
    item.index = feed.items.size() - 1;
    item.base = base;
    item.guid = text_of(object, "id");
    item.title.value = text_of(object, "title");
    item.link = resolve(base, text_of(object, "url"));
    if (item.link.empty()) item.link = resolve(base, text_of(object, "external_url"));
    if (!item.link.empty()) item.links.push_back({item.link, "alternate", "text/html", ""});
    item.published = text_of(object, "date_published");
    item.updated = text_of(object, "date_modified");
    item.language = text_of(object, "language");
    item.authors = people(object, base);
    if (item.authors.empty()) item.authors = feed.authors;
    if (const auto tags = object.find("tags"); tags != object.end() && tags->is_array())
      for (const auto& tag : *tags)
        if (tag.is_string()) item.categories.push_back({tag.get<std::string>(), "", ""});
    if (auto summary = text_of(object, "summary"); !summary.empty())
      item.summary = FeedText{summary, TextType::text, base, item.language};
    if (auto html = text_of(object, "content_html"); !html.empty()) {
      item.content = FeedText{html, TextType::html, base, item.language};
    } else if (auto text = text_of(object, "content_text"); !text.empty()) {
      item.content = FeedText{text, TextType::text, base, item.language};
    }
    item.image_url = resolve(base, text_of(object, "image"));
    if (const auto attachments = object.find("attachments"); attachments != object.end() && attachments->is_array()) {
      for (const auto& attachment : *attachments) {
        if (!attachment.is_object()) continue;
        const auto url = resolve(base, text_of(attachment, "url"));
        if (item.enclosure_url.empty()) item.enclosure_url = url;
        if (item.image_url.empty() && text_of(attachment, "mime_type").starts_with("image/")) item.image_url = url;
      }
    }
  }
  return feed;
}

}  // namespace newsnorm
