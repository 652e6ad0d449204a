// Page metadata: JSON-LD (Article kinds, also inside @graph and arrays), OpenGraph, article:*,
// Twitter and common <meta> names, <link rel=canonical|amphtml>, <time datetime>, <html lang>.
// Earlier sources win: JSON-LD, then OpenGraph/article:*, then other meta, then the markup.
#include <charconv>
#include <cstring>
#include <map>
#include <unordered_set>

#include <nlohmann/json.hpp>

#include "detail/page_tree.hpp"

namespace newsnorm::html_page_detail {
namespace {

using Json = nlohmann::json;

constexpr std::size_t kMaxKeywords = 100;
constexpr std::size_t kMaxImages = 20;
constexpr std::size_t kMaxAuthors = 50;
constexpr int kMaxJsonLdDepth = 32;

std::string_view attr(const GumboNode* node, const char* name) {
  const GumboAttribute* attribute = gumbo_get_attribute(&node->v.element.attributes, name);
  return attribute ? std::string_view(attribute->value) : std::string_view();
}

void set_if_empty(std::string& field, std::string_view value) {
  if (field.empty()) field = collapse_space(value);
}

std::string json_text(const Json& value) {
  if (value.is_string()) return collapse_space(value.get<std::string>());
  if (value.is_number_integer()) return std::to_string(value.get<std::int64_t>());
  return {};
}

std::optional<std::int64_t> to_integer(std::string_view text) {
  std::int64_t number = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (ec != std::errc() || text.empty() || number < 0) return std::nullopt;
  return number;
}

std::optional<std::int64_t> json_integer(const Json& value) {
  if (value.is_number_integer()) return value.get<std::int64_t>();
  if (value.is_number_float()) return static_cast<std::int64_t>(value.get<double>());
  if (value.is_string()) return to_integer(value.get_ref<const std::string&>());
  return std::nullopt;
}

class Metadata {
 public:
  explicit Metadata(HtmlPage& page) : page_(page) {}

  void add_keyword(std::string_view keyword) {
    std::string text = collapse_space(keyword);
    if (text.empty() || page_.keywords.size() >= kMaxKeywords) return;
    if (keyword_seen_.insert(lower(text)).second) page_.keywords.push_back(std::move(text));
  }
  void add_keywords_list(std::string_view list) {  // "a, b, c"
    std::size_t start = 0;
    while (start <= list.size()) {
      std::size_t end = list.find_first_of(",;", start);
      if (end == std::string_view::npos) end = list.size();
      add_keyword(list.substr(start, end - start));
      start = end + 1;
    }
  }
  void add_image(std::string_view url, std::optional<std::int64_t> width = {},
                 std::optional<std::int64_t> height = {}) {
    std::string text = collapse_space(url);
    if (text.empty() || page_.images.size() >= kMaxImages) return;
    for (HtmlImage& image : page_.images)
      if (image.url == text) {
        if (!image.width) image.width = width;
        if (!image.height) image.height = height;
        return;
      }
    page_.images.push_back({std::move(text), width, height});
  }
  void add_author(std::string_view name, std::string_view url) {
    std::string n = collapse_space(name), u = collapse_space(url);
    if ((n.empty() && u.empty()) || page_.authors.size() >= kMaxAuthors) return;
    for (HtmlAuthor& author : page_.authors)
      if ((!n.empty() && lower(author.name) == lower(n)) || (n.empty() && author.url == u)) {
        if (author.url.empty()) author.url = u;
        return;
      }
    page_.authors.push_back({std::move(n), std::move(u)});
  }

  // ---- JSON-LD ----

  void json_ld(std::string_view script, const HtmlLimits& limits, std::vector<std::string>& bodies) {
    if (script.size() > limits.max_json_ld_bytes) {
      page_.notes.push_back("a JSON-LD script is too long to read; it was skipped");
      return;
    }
    std::string text(script);
    // Wrappers some sites leave around the JSON.
    for (const char* junk : {"<!--", "-->", "//<![CDATA[", "//]]>", "<![CDATA[", "]]>"})
      for (std::size_t at; (at = text.find(junk)) != std::string::npos;) text.erase(at, std::strlen(junk));
    Json root = Json::parse(text, nullptr, false);
    if (root.is_discarded()) {
      // Raw line breaks and tabs inside strings are the common breakage: JSON forbids them.
      for (char& c : text)
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
      root = Json::parse(text, nullptr, false);
    }
    if (root.is_discarded()) {
      page_.notes.push_back("a JSON-LD script is not valid JSON; it was skipped");
      return;
    }
    // Index every node with an @id, then read the article kinds (the first one found wins each field).
    std::vector<const Json*> objects;
    collect(root, objects, 0);
    ids_.clear();  // pointers into this script's tree only
    for (const Json* object : objects)
      if (const auto id = object->find("@id"); id != object->end() && id->is_string())
        ids_.emplace(id->get<std::string>(), object);
    for (const Json* object : objects)
      if (is_article(*object)) article(*object, bodies);
    for (const Json* object : objects) {
      if (has_type(*object, "WebSite")) {
        if (const auto name = object->find("name"); name != object->end()) ld_site_name_ = json_text(*name);
      }
      if (has_type(*object, "WebPage") || has_type(*object, "ItemPage")) {
        // A WebPage's fields serve only when no article said them.
        if (const auto date = object->find("datePublished"); date != object->end())
          ld_page_published_ = json_text(*date);
        if (const auto date = object->find("dateModified"); date != object->end()) ld_page_modified_ = json_text(*date);
      }
    }
  }

  // ---- <meta> ----

  void metas(const std::vector<const GumboNode*>& nodes) {
    std::optional<std::string> pending_og_image;  // og:image:width/height follow their og:image
    std::optional<std::int64_t> width, height;
    const auto flush_image = [&] {
      if (pending_og_image) add_image(*pending_og_image, width, height);
      pending_og_image.reset();
      width.reset();
      height.reset();
    };
    for (const GumboNode* node : nodes) {
      std::string key = lower(attr(node, "property"));
      if (key.empty()) key = lower(attr(node, "name"));
      if (key.empty()) key = lower(attr(node, "itemprop"));
      const std::string http_equiv = lower(attr(node, "http-equiv"));
      const std::string_view content = attr(node, "content");
      if (http_equiv == "content-language") set_if_empty(meta_language_, content);
      if (key.empty() || content.empty()) continue;
      if (key == "og:image" || key == "og:image:url" || key == "og:image:secure_url") {
        if (key == "og:image" || !pending_og_image) {
          flush_image();
          pending_og_image = std::string(content);
        }
        continue;
      }
      if (key == "og:image:width") {
        width = to_integer(content);
        continue;
      }
      if (key == "og:image:height") {
        height = to_integer(content);
        continue;
      }
      values_[key].emplace_back(content);
    }
    flush_image();
  }

  std::string first(std::initializer_list<const char*> keys) const {
    for (const char* key : keys)
      if (const auto it = values_.find(key); it != values_.end())
        for (const std::string& value : it->second)
          if (std::string text = collapse_space(value); !text.empty()) return text;
    return {};
  }
  const std::vector<std::string>& all(const char* key) const {
    static const std::vector<std::string> none;
    const auto it = values_.find(key);
    return it == values_.end() ? none : it->second;
  }

  void finish(const Collected& collected) {
    set_if_empty(page_.title, first({"og:title", "twitter:title", "dc.title", "title", "headline"}));
    set_if_empty(page_.title, collected.title);
    set_if_empty(page_.excerpt, first({"og:description", "description", "twitter:description", "dc.description"}));
    set_if_empty(page_.og_url, first({"og:url", "twitter:url"}));
    set_if_empty(page_.published,
                 first({"article:published_time", "og:published_time", "datepublished", "article:published",
                        "published_time", "publish-date", "publishdate", "pubdate", "date", "dc.date.issued", "dc.date",
                        "dcterms.date", "dcterms.created", "sailthru.date", "parsely-pub-date", "article.published",
                        "originalpublicationdate"}));
    set_if_empty(page_.published, ld_page_published_);
    set_if_empty(page_.modified, first({"article:modified_time", "og:updated_time", "datemodified", "last-modified",
                                        "dcterms.modified", "article.updated", "lastmod"}));
    set_if_empty(page_.modified, ld_page_modified_);
    if (page_.authors.empty()) {
      for (const char* key : {"author", "article:author", "dc.creator", "parsely-author", "sailthru.author"}) {
        for (const std::string& value : all(key)) {
          const bool url = value.starts_with("http://") || value.starts_with("https://");
          add_author(url ? "" : value, url ? value : "");
        }
        if (!page_.authors.empty()) break;
      }
    }
    set_if_empty(page_.site_name, first({"og:site_name"}));
    set_if_empty(page_.site_name, ld_site_name_);
    set_if_empty(page_.site_name, first({"application-name", "twitter:site"}));
    if (page_.site_name.starts_with('@')) page_.site_name.erase(0, 1);
    set_if_empty(page_.language, collected.html_lang);
    if (page_.language.empty()) {
      std::string locale = first({"og:locale"});
      for (char& c : locale)
        if (c == '_') c = '-';
      page_.language = locale;
    }
    set_if_empty(page_.language, meta_language_);
    set_if_empty(page_.language, first({"language", "dc.language", "inlanguage"}));
    set_if_empty(page_.language, ld_language_);
    set_if_empty(page_.section, first({"article:section", "section", "parsely-section"}));
    for (const char* key : {"keywords", "news_keywords"})
      for (const std::string& value : all(key)) add_keywords_list(value);
    for (const std::string& value : all("article:tag")) add_keyword(value);
    for (const char* key : {"twitter:image", "twitter:image:src", "thumbnailurl"})
      for (const std::string& value : all(key)) add_image(value);
    // <time>: a pubdate or datePublished one first, else the first with a datetime.
    if (page_.published.empty()) {
      for (const GumboNode* time : collected.times) {
        const std::string itemprop = lower(attr(time, "itemprop"));
        if (gumbo_get_attribute(&time->v.element.attributes, "pubdate") || itemprop == "datepublished")
          set_if_empty(page_.published, attr(time, "datetime"));
      }
      for (const GumboNode* time : collected.times) set_if_empty(page_.published, attr(time, "datetime"));
    }
    if (page_.modified.empty())
      for (const GumboNode* time : collected.times)
        if (lower(attr(time, "itemprop")) == "datemodified") set_if_empty(page_.modified, attr(time, "datetime"));
  }

  void links(const std::vector<const GumboNode*>& nodes) {
    for (const GumboNode* node : nodes) {
      const std::string rel = lower(attr(node, "rel"));
      const std::string_view href = attr(node, "href");
      if (href.empty()) continue;
      if (rel == "canonical")
        set_if_empty(page_.canonical_url, href);
      else if (rel == "amphtml")
        set_if_empty(page_.amp_url, href);
    }
  }

 private:
  static bool has_type(const Json& object, std::string_view type) {
    const auto it = object.find("@type");
    if (it == object.end()) return false;
    if (it->is_string()) return it->get_ref<const std::string&>() == type;
    if (it->is_array())
      for (const Json& t : *it)
        if (t.is_string() && t.get_ref<const std::string&>() == type) return true;
    return false;
  }
  static bool article_type(std::string_view type) {
    return type.ends_with("Article") || type == "BlogPosting" || type == "LiveBlogPosting" || type == "Report" ||
           type == "SocialMediaPosting" || type == "Blog";
  }
  static bool is_article(const Json& object) {
    const auto it = object.find("@type");
    if (it == object.end()) return false;
    if (it->is_string()) return article_type(it->get_ref<const std::string&>());
    if (it->is_array())
      for (const Json& t : *it)
        if (t.is_string() && article_type(t.get_ref<const std::string&>())) return true;
    return false;
  }

  // Every object in the tree: arrays, @graph and nested values alike, to a bounded depth.
  void collect(const Json& value, std::vector<const Json*>& out, int depth) {
    if (depth > kMaxJsonLdDepth) return;
    if (value.is_array()) {
      for (const Json& item : value) collect(item, out, depth + 1);
    } else if (value.is_object()) {
      out.push_back(&value);
      for (const auto& [key, item] : value.items())
        if (item.is_structured()) collect(item, out, depth + 1);
    }
  }

  // A reference {"@id": ...} stands for the node of that id elsewhere in the document.
  const Json& resolve(const Json& value) const {
    if (value.is_object() && value.size() == 1 && value.contains("@id") && value["@id"].is_string())
      if (const auto it = ids_.find(value["@id"].get<std::string>()); it != ids_.end()) return *it->second;
    return value;
  }

  void article(const Json& object, std::vector<std::string>& bodies) {
    const auto get = [&](const char* key) -> const Json* {
      const auto it = object.find(key);
      return it == object.end() ? nullptr : &resolve(*it);
    };
    if (const Json* body = get("articleBody"); body && body->is_string()) bodies.push_back(body->get<std::string>());
    if (seen_article_) return;  // the first article gives the metadata
    seen_article_ = true;
    if (const Json* v = get("headline")) set_if_empty(page_.title, json_text(*v));
    if (const Json* v = get("name")) set_if_empty(page_.title, json_text(*v));
    if (const Json* v = get("description")) set_if_empty(page_.excerpt, json_text(*v));
    if (const Json* v = get("datePublished")) set_if_empty(page_.published, json_text(*v));
    if (const Json* v = get("dateCreated")) set_if_empty(page_.published, json_text(*v));
    if (const Json* v = get("dateModified")) set_if_empty(page_.modified, json_text(*v));
    if (const Json* v = get("url")) set_if_empty(page_.og_url, json_text(*v));
    if (const Json* v = get("mainEntityOfPage")) {
      if (v->is_string())
        set_if_empty(page_.og_url, json_text(*v));
      else if (v->is_object() && v->contains("@id"))
        set_if_empty(page_.og_url, json_text((*v)["@id"]));
    }
    if (const Json* v = get("inLanguage")) ld_language_ = json_text(*v);
    if (const Json* v = get("author")) authors(*v);
    if (const Json* v = get("creator"); v && page_.authors.empty()) authors(*v);
    if (const Json* v = get("publisher"); v && v->is_object())
      if (const auto name = v->find("name"); name != v->end()) set_if_empty(page_.site_name, json_text(*name));
    if (const Json* v = get("keywords")) {
      if (v->is_string())
        add_keywords_list(v->get<std::string>());
      else if (v->is_array())
        for (const Json& k : *v) add_keyword(json_text(k));
    }
    if (const Json* v = get("articleSection")) {
      if (v->is_string())
        set_if_empty(page_.section, v->get<std::string>());
      else if (v->is_array() && !v->empty())
        set_if_empty(page_.section, json_text((*v)[0]));
    }
    if (const Json* v = get("image")) images(*v, 0);
    if (const Json* v = get("thumbnailUrl")) images(*v, 0);
  }

  void authors(const Json& value) {
    if (value.is_array()) {
      for (const Json& item : value) authors_one(resolve(item));
    } else {
      authors_one(value);
    }
  }
  void authors_one(const Json& value) {
    if (value.is_string()) {
      add_author(value.get<std::string>(), "");
    } else if (value.is_object()) {
      std::string name, url;
      if (const auto it = value.find("name"); it != value.end()) name = json_text(*it);
      if (const auto it = value.find("url"); it != value.end()) url = json_text(*it);
      if (url.empty())
        if (const auto it = value.find("sameAs"); it != value.end()) url = json_text(*it);
      add_author(name, url);
    }
  }
  void images(const Json& value, int depth) {
    if (depth > 3) return;
    if (value.is_string()) {
      add_image(value.get<std::string>());
    } else if (value.is_array()) {
      for (const Json& item : value) images(resolve(item), depth + 1);
    } else if (value.is_object()) {
      std::string url;
      if (const auto it = value.find("url"); it != value.end()) url = json_text(*it);
      if (url.empty())
        if (const auto it = value.find("contentUrl"); it != value.end()) url = json_text(*it);
      std::optional<std::int64_t> width, height;
      if (const auto it = value.find("width"); it != value.end()) width = json_integer(*it);
      if (const auto it = value.find("height"); it != value.end()) height = json_integer(*it);
      add_image(url, width, height);
    }
  }

  HtmlPage& page_;
  std::map<std::string, std::vector<std::string>> values_;
  std::map<std::string, const Json*> ids_;
  std::unordered_set<std::string> keyword_seen_;
  std::string meta_language_, ld_language_, ld_site_name_, ld_page_published_, ld_page_modified_;
  bool seen_article_ = false;
};

}  // namespace

void read_metadata(const Collected& collected, HtmlPage& page, std::vector<std::string>& article_bodies,
                   const HtmlLimits& limits) {
  Metadata metadata(page);
  for (const std::string_view script : collected.json_ld) metadata.json_ld(script, limits, article_bodies);
  metadata.metas(collected.metas);
  metadata.links(collected.links);
  metadata.finish(collected);
}

}  // namespace newsnorm::html_page_detail
