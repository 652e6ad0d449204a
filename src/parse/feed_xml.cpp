// RSS and Atom through libxml2's SAX2 interface. Why libxml2: it is well kept (GNOME's, in every
// distribution, fuzzed continuously), its recovery mode reads on past the mistakes real feeds are
// full of (feedparser's "bozo" feeds) instead of giving up at the first, and it resolves XML
// namespaces, so RSS 1.0, Atom and the module vocabularies (dc, content, media) are told apart by
// URI rather than by prefix; xml:base and xml:lang are read from its attributes here. SAX rather
// than a tree: a feed costs its current element, not a DOM. Safety: no entity is ever expanded
// (getEntity below knows only XML's five and HTML's named characters, and declarations in a DTD are
// ignored), so billion laughs cannot grow and XXE cannot read a file; XML_PARSE_NONET and no
// XML_PARSE_DTDLOAD keep libxml2 off the network and the disk.
#include <fmt/format.h>
#include <libxml/entities.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <algorithm>
#include <climits>
#include <map>
#include <memory>
#include <mutex>

#include "feed_internal.hpp"
#include "newsnorm/core/ascii.hpp"
#include "newsnorm/html/markup.hpp"
#include "newsnorm/parse/feed.hpp"

namespace newsnorm {
namespace {

using feed_detail::resolve;

namespace ns {
constexpr std::string_view atom10 = "http://www.w3.org/2005/Atom";
constexpr std::string_view atom03 = "http://purl.org/atom/ns#";
constexpr std::string_view rss10 = "http://purl.org/rss/1.0/";
constexpr std::string_view rss090 = "http://my.netscape.com/rdf/simple/0.9/";
constexpr std::string_view rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
constexpr std::string_view dc = "http://purl.org/dc/elements/1.1/";
constexpr std::string_view dcterms = "http://purl.org/dc/terms/";
constexpr std::string_view content = "http://purl.org/rss/1.0/modules/content/";
constexpr std::string_view xhtml = "http://www.w3.org/1999/xhtml";
constexpr std::string_view itunes = "http://www.itunes.com/dtds/podcast-1.0.dtd";
constexpr std::string_view xml = "http://www.w3.org/XML/1998/namespace";
bool media(std::string_view uri) { return uri.starts_with("http://search.yahoo.com/mrss"); }
}  // namespace ns

void ignore_generic_error(void*, const char*, ...) {}

std::string_view view(const xmlChar* text) {
  return text ? std::string_view(reinterpret_cast<const char*>(text)) : std::string_view{};
}

void append_escaped(std::string& out, std::string_view text, bool attribute) {
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"':
        if (attribute) {
          out += "&quot;";
          break;
        }
        [[fallthrough]];
      default: out += c;
    }
  }
}

struct Attribute {
  std::string ns, name, value;
};

struct Frame {
  std::string ns, name;
  std::string base, lang;
  std::vector<Attribute> attributes;
  bool container = false;                 // holds elements that are read (channel, item, author), not text
  bool ignored = false;                   // inside what is not read (a channel image, a text input, an entry's source)
  bool item = false;                      // an RSS item or Atom entry
  bool person = false;                    // an Atom author
  bool markup = false;                    // child elements appeared: its value is the serialized markup
  std::string text;                       // its characters
  std::string serialized;                 // its characters escaped, and its child elements as markup
  std::size_t owner = std::string::npos;  // the frame whose value this element's markup belongs to

  std::string_view attribute(std::string_view local) const {
    for (const auto& a : attributes)
      if (a.name == local && a.ns.empty()) return a.value;
    return {};
  }
};

// A character entity libxml2 is handed by getEntity: predefined, so it is inlined as text.
struct CharacterEntity {
  xmlEntity entity{};
  std::string name, content;
  CharacterEntity() = default;
  CharacterEntity(const CharacterEntity&) = delete;
  CharacterEntity& operator=(const CharacterEntity&) = delete;
  // libxml2 hands a declared entity its raw value to keep (xmlParseEntityDecl sets `orig`).
  ~CharacterEntity() { xmlFree(entity.orig); }
};

class XmlFeedReader {
 public:
  explicit XmlFeedReader(const FeedOptions& options) : options_(options) {}
  Feed run(std::string_view bytes);

 private:
  static void on_start(void* self, const xmlChar* local, const xmlChar*, const xmlChar* uri, int, const xmlChar**,
                       int count, int, const xmlChar** attributes) {
    static_cast<XmlFeedReader*>(self)->start(view(local), view(uri), count, attributes);
  }
  static void on_end(void* self, const xmlChar*, const xmlChar*, const xmlChar*) {
    static_cast<XmlFeedReader*>(self)->end();
  }
  static void on_characters(void* self, const xmlChar* text, int length) {
    static_cast<XmlFeedReader*>(self)->characters(
        std::string_view(reinterpret_cast<const char*>(text), static_cast<std::size_t>(length)));
  }
  static xmlEntityPtr on_entity(void* self, const xmlChar* name) {
    return static_cast<XmlFeedReader*>(self)->entity(view(name));
  }
  static void on_entity_declaration(void* self, const xmlChar* name, int type, const xmlChar*, const xmlChar*,
                                    xmlChar* content) {
    if (type == XML_INTERNAL_GENERAL_ENTITY) static_cast<XmlFeedReader*>(self)->declare(view(name), view(content));
  }
  static void on_error(void* self, xmlErrorPtr error) {
    // A DTD's parameter entities are not loaded, on purpose: their absence is no fault of the feed.
    if (error && error->message && std::string_view(error->message).starts_with("PEReference")) return;
    if (error && error->level >= XML_ERR_ERROR)
      static_cast<XmlFeedReader*>(self)->note(
          fmt::format("line {}: {}", error->line, ascii::trim(error->message ? error->message : "malformed XML")));
  }

  void note(std::string message) {
    if (!feed_.bozo) feed_.bozo = std::move(message);
  }
  void start(std::string_view local, std::string_view uri, int count, const xmlChar** attributes);
  void end();
  void characters(std::string_view text);
  xmlEntityPtr entity(std::string_view name);
  xmlEntityPtr add_entity(std::string_view name, std::string content);
  void declare(std::string_view name, std::string_view content);
  void root(Frame& frame);
  void element(const Frame& frame);
  bool read_person_part(const Frame& frame);
  FeedItem* item() { return item_ ? &feed_.items[*item_] : nullptr; }
  FeedText atom_text(const Frame& frame) const;
  FeedText rss_text(const Frame& frame) const;
  std::string value(const Frame& frame) const {
    std::string text(ascii::trim(frame.markup ? frame.serialized : frame.text));
    feed_detail::fix_c1_controls(text);
    return text;
  }
  // Whether an element is in the feed's own vocabulary: Atom's, or RSS's (no namespace, RSS 1.0's,
  // 0.90's). An Atom feed without its namespace, or in an unknown one, has its root's.
  bool is_atom(const Frame& frame) const {
    return frame.ns == ns::atom10 || frame.ns == ns::atom03 ||
           (atom_kind() && (frame.ns.empty() || frame.ns == root_ns_));
  }
  bool is_rss(const Frame& frame) const {
    return !atom_kind() &&
           (frame.ns.empty() || frame.ns == ns::rss10 || frame.ns == ns::rss090 || frame.ns == root_ns_);
  }
  bool atom_kind() const { return feed_.kind == FeedKind::atom10 || feed_.kind == FeedKind::atom03; }
  FeedText finish_text(FeedText text) const {
    if (text.type != TextType::text)
      text.value = feed_detail::resolve_markup_uris(text.value, text.base.empty() ? feed_.link : text.base);
    return text;
  }
  std::string link_base(const Frame& frame) const { return frame.base.empty() ? feed_.link : frame.base; }
  void set_image(std::string_view url, int priority, const Frame& frame);

  const FeedOptions& options_;
  Feed feed_;
  std::vector<Frame> stack_;
  std::optional<std::size_t> item_;
  std::optional<FeedPerson> person_;
  int image_priority_ = 0;
  std::string root_ns_;
  bool stopped_ = false;
  xmlParserCtxtPtr context_ = nullptr;
  std::map<std::string, std::unique_ptr<CharacterEntity>, std::less<>> entities_;
};

xmlEntityPtr XmlFeedReader::entity(std::string_view name) {
  if (auto predefined = xmlGetPredefinedEntity(reinterpret_cast<const xmlChar*>(std::string(name).c_str())))
    return predefined;
  if (auto found = entities_.find(name); found != entities_.end()) return &found->second->entity;
  // Feeds copy HTML's named characters (&nbsp;, &eacute;) without declaring them: read them as HTML
  // does, and say the feed is not well-formed, as it is not.
  std::string decoded;
  const std::string reference = "&" + std::string(name) + ";";
  if (html::decode_reference(reference, 0, decoded) != reference.size()) return nullptr;
  note(fmt::format("undeclared entity {} read as HTML's", reference));
  return add_entity(name, std::move(decoded));
}

// An entity the document's DTD declares is read only when its value is plain text (no reference,
// no markup) of at most 1 KiB, and at most 100 of them: nothing can expand into anything larger.
void XmlFeedReader::declare(std::string_view name, std::string_view content) {
  if (entities_.size() >= 100 || content.size() > 1024 || content.find_first_of("&%<") != std::string_view::npos ||
      entities_.contains(name))
    return;
  add_entity(name, std::string(content));
}

xmlEntityPtr XmlFeedReader::add_entity(std::string_view name, std::string content) {
  auto made = std::make_unique<CharacterEntity>();
  made->name = name;
  made->content = std::move(content);
  made->entity.type = XML_ENTITY_DECL;
  made->entity.etype = XML_INTERNAL_PREDEFINED_ENTITY;
  made->entity.name = reinterpret_cast<const xmlChar*>(made->name.c_str());
  made->entity.content = reinterpret_cast<xmlChar*>(made->content.data());
  made->entity.length = static_cast<int>(made->content.size());
  auto* pointer = &made->entity;
  entities_.emplace(std::string(name), std::move(made));
  return pointer;
}

void XmlFeedReader::start(std::string_view local, std::string_view uri, int count, const xmlChar** attributes) {
  Frame frame;
  frame.ns = uri;
  frame.name = local;
  const Frame* parent = stack_.empty() ? nullptr : &stack_.back();
  frame.base = parent ? parent->base : options_.url;
  frame.lang = parent ? parent->lang : options_.language;
  for (int i = 0; i < count; ++i) {
    const xmlChar** a = attributes + 5 * i;  // local name, prefix, URI, value, end of value
    Attribute attribute{std::string(view(a[2])), std::string(view(a[0])),
                        std::string(reinterpret_cast<const char*>(a[3]), static_cast<std::size_t>(a[4] - a[3]))};
    if (attribute.ns == ns::xml && attribute.name == "base") frame.base = resolve(frame.base, attribute.value);
    if (attribute.ns == ns::xml && attribute.name == "lang") {
      frame.lang = ascii::trim(attribute.value);
      std::replace(frame.lang.begin(), frame.lang.end(), '_', '-');
    }
    frame.attributes.push_back(std::move(attribute));
  }
  // Inside an element whose value is text: this element is markup of that value.
  if (parent && (parent->owner != std::string::npos || (!parent->container && !parent->ignored))) {
    frame.owner = parent->owner != std::string::npos ? parent->owner : stack_.size() - 1;
    Frame& owner = stack_[frame.owner];
    owner.markup = true;
    if (owner.serialized.size() < options_.max_text_bytes) {
      owner.serialized += '<';
      owner.serialized += local;
      for (const auto& a : frame.attributes) {
        if (a.ns == ns::xml) continue;
        owner.serialized += ' ' + a.name + "=\"";
        append_escaped(owner.serialized, a.value, true);
        owner.serialized += '"';
      }
      owner.serialized += '>';
    }
    stack_.push_back(std::move(frame));
    return;
  }
  if (!parent) {
    root(frame);
    stack_.push_back(std::move(frame));
    return;
  }
  frame.ignored = parent->ignored;
  const bool atom = is_atom(frame);
  const bool rss = is_rss(frame);
  const std::string_view name = frame.name;
  if (frame.ignored) {
    frame.container = true;
  } else if ((rss && (name == "channel" || name == "item")) || (atom && name == "entry")) {
    frame.container = true;
    if (name != "channel" && !item_) {
      if (feed_.items.size() >= options_.max_items) {
        note(fmt::format("more than {} items; the rest were not read", options_.max_items));
        xmlStopParser(context_);
        stopped_ = true;
        frame.ignored = true;
      } else {
        frame.item = true;
        item_ = feed_.items.size();
        image_priority_ = 0;
        auto& item = feed_.items.emplace_back();
        item.index = *item_;
        item.base = frame.base;
        item.language = frame.lang;
      }
    }
  } else if ((rss && (name == "image" || name == "textinput" || name == "textInput")) || (atom && name == "source") ||
             (atom && name == "contributor")) {
    frame.container = frame.ignored = true;
  } else if (atom && name == "author") {
    frame.container = frame.person = true;
    person_ = FeedPerson{};
  } else if (ns::media(frame.ns) && name == "group") {
    frame.container = true;
  }
  stack_.push_back(std::move(frame));
}

void XmlFeedReader::root(Frame& frame) {
  frame.container = true;
  const std::string_view name = frame.name;
  root_ns_ = frame.ns;
  if (name == "rss") {
    const auto version = frame.attribute("version");
    feed_.kind = version.starts_with("0.9") ? FeedKind::rss09x : FeedKind::rss20;
  } else if (name == "RDF" && frame.ns == ns::rdf) {
    feed_.kind = FeedKind::rss10;  // 0.90 is told by the namespace of its channel, below
  } else if (name == "feed" && frame.ns == ns::atom03) {
    feed_.kind = FeedKind::atom03;
  } else if (name == "feed") {
    feed_.kind = FeedKind::atom10;  // also without its namespace, as feedparser reads it
  } else {
    note(fmt::format("not a feed: the root element is <{}>", name));
  }
  feed_.base = frame.base == options_.url ? "" : frame.base;
  feed_.language = frame.lang;
}

void XmlFeedReader::characters(std::string_view text) {
  if (stack_.empty()) return;
  Frame& top = stack_.back();
  Frame& target = top.owner != std::string::npos ? stack_[top.owner] : top;
  if (target.container || target.ignored) return;
  if (target.text.size() + text.size() > options_.max_text_bytes) {
    note(fmt::format("an element's text is longer than {} bytes; cut there", options_.max_text_bytes));
    text = text.substr(0, options_.max_text_bytes - std::min(options_.max_text_bytes, target.text.size()));
  }
  if (top.owner == std::string::npos) target.text += text;
  append_escaped(target.serialized, text, false);
}

void XmlFeedReader::end() {
  if (stack_.empty()) return;
  Frame frame = std::move(stack_.back());
  stack_.pop_back();
  if (frame.owner != std::string::npos) {
    auto& owner = stack_[frame.owner].serialized;
    if (owner.size() < options_.max_text_bytes) owner += "</" + frame.name + ">";
    return;
  }
  if (frame.item) {
    auto& item = feed_.items[*item_];
    // The guid stands for the link only when the item has none (feedparser's guidislink).
    if (item.link.empty() && item.guid_is_link) {
      item.link = item.guid;
    } else {
      item.guid_is_link = false;
    }
    item_.reset();
    return;
  }
  if (frame.person) {
    if (person_ && (!person_->name.empty() || !person_->email.empty() || !person_->url.empty()))
      (item() ? item()->authors : feed_.authors).push_back(std::move(*person_));
    person_.reset();
    return;
  }
  if (stack_.empty()) {
    if (feed_.kind == FeedKind::unknown && !feed_.bozo) note("not a feed");
    return;
  }
  if (!frame.container && !frame.ignored) element(frame);
}

FeedText XmlFeedReader::atom_text(const Frame& frame) const {
  FeedText text{value(frame), TextType::text, frame.base, frame.lang};
  const std::string type = ascii::to_lower(frame.attribute("type"));
  const std::string mode = ascii::to_lower(frame.attribute("mode"));  // Atom 0.3
  if (type == "html" || type == "text/html") {
    text.type = TextType::html;
  } else if (type == "xhtml" || type == "application/xhtml+xml" || (frame.markup && type.ends_with("xml"))) {
    text.type = TextType::xhtml;
  } else if (frame.markup || (mode == "escaped" && feed_.kind == FeedKind::atom03)) {
    text.type = frame.markup ? TextType::xhtml : TextType::html;
  }
  // Atom 1.0 carries any other media type in base64, as does 0.3 in mode="base64".
  const bool textual = type.empty() || type == "text" || type == "html" || type == "xhtml" ||
                       type.starts_with("text/") || type.ends_with("xml");
  if (mode == "base64" || (!textual && feed_.kind == FeedKind::atom10 && !frame.markup)) {
    if (auto decoded = feed_detail::decode_base64(text.value)) {
      text.value = std::move(*decoded);
      text.type = type.empty() || type == "text/plain" ? TextType::text : TextType::html;
      if (text.type == TextType::text && feed_detail::looks_like_html(text.value)) text.type = TextType::html;
    }
    return finish_text(std::move(text));
  }
  // Atom 1.0's xhtml is wrapped in a <div> that is not part of the text; 0.3 has no such rule.
  if (text.type == TextType::xhtml && frame.markup && feed_.kind == FeedKind::atom10) {
    // The value is the content of the wrapping <div>, which Atom requires and is not the text.
    std::string_view markup = ascii::trim(frame.serialized);
    if (markup.starts_with("<div") && markup.ends_with("</div>")) {
      const auto open_end = markup.find('>');
      markup = markup.substr(open_end + 1, markup.size() - open_end - 1 - 6);
      if (markup.find("<div") == std::string_view::npos || markup.find("</div>") != std::string_view::npos)
        text.value = ascii::trim(markup);
    }
  }
  return finish_text(std::move(text));
}

FeedText XmlFeedReader::rss_text(const Frame& frame) const {
  FeedText text{value(frame), TextType::text, frame.base, frame.lang};
  if (frame.markup || feed_detail::looks_like_html(text.value)) text.type = TextType::html;
  return finish_text(std::move(text));
}

void XmlFeedReader::set_image(std::string_view url, int priority, const Frame& frame) {
  if (url.empty() || priority <= image_priority_ || !item()) return;
  item()->image_url = resolve(link_base(frame), url);
  image_priority_ = priority;
}

bool XmlFeedReader::read_person_part(const Frame& frame) {
  if (!person_) return false;
  const std::string_view name = frame.name;
  if (name == "name") person_->name = value(frame);
  if (name == "email") person_->email = value(frame);
  if (name == "uri" || name == "url") person_->url = resolve(link_base(frame), value(frame));
  return true;
}

void XmlFeedReader::element(const Frame& frame) {
  const bool atom = is_atom(frame);
  const bool rss = is_rss(frame);
  const bool dc = frame.ns == ns::dc;
  const bool dcterms = frame.ns == ns::dcterms;
  const std::string_view name = frame.name;
  if ((atom || rss) && read_person_part(frame)) return;
  if (frame.ns == ns::rss090 && feed_.kind == FeedKind::rss10) feed_.kind = FeedKind::rss090;
  FeedItem* const entry = item();
  auto& title = entry ? entry->title : feed_.title;
  auto& links = entry ? entry->links : feed_.links;
  auto& link = entry ? entry->link : feed_.link;
  auto& updated = entry ? entry->updated : feed_.updated;
  auto& published = entry ? entry->published : feed_.published;
  auto& authors = entry ? entry->authors : feed_.authors;
  auto& categories = entry ? entry->categories : feed_.categories;
  const auto first = [](std::string& field, std::string text) {
    if (field.empty()) field = std::move(text);
  };

  if (name == "title" && (atom || rss || dc)) {
    if (title.value.empty()) title = atom ? atom_text(frame) : rss_text(frame);
  } else if (name == "link" && atom) {
    FeedLink l{resolve(link_base(frame), frame.attribute("href")), std::string(frame.attribute("rel")),
               std::string(frame.attribute("type")), std::string(frame.attribute("title"))};
    if (l.rel.empty()) l.rel = "alternate";
    if (l.type.empty() && l.rel == "self") l.type = "application/atom+xml";
    if (l.href.empty()) return;
    if (l.rel == "alternate") first(link, l.href);
    if (entry && l.rel == "enclosure") {
      first(entry->enclosure_url, l.href);
      if (l.type.starts_with("image/")) set_image(l.href, 1, frame);
    }
    links.push_back(std::move(l));
  } else if (name == "link" && rss) {
    const std::string href = resolve(link_base(frame), value(frame));
    if (href.empty()) return;
    first(link, href);
    links.push_back({href, "alternate", "text/html", ""});
  } else if ((name == "id" && atom) || (name == "guid" && rss)) {
    const std::string id = value(frame);
    if (!entry) {
      first(feed_.id, id);
    } else if (entry->guid.empty()) {
      entry->guid = id;
      const bool permalink = !(atom || ascii::to_lower(frame.attribute("isPermaLink")) == "false");
      entry->guid_is_link = permalink && (id.starts_with("http://") || id.starts_with("https://"));
    }
  } else if ((name == "language" && rss) || (name == "language" && dc)) {
    if (!entry) feed_.language = value(frame);
  } else if ((atom && (name == "updated" || name == "modified")) || (rss && name == "lastBuildDate") ||
             (dc && name == "date") || (dcterms && name == "modified")) {
    updated = value(frame);  // the last one, as feedparser keeps
  } else if ((atom && (name == "published" || name == "issued" || name == "created")) || (rss && name == "pubDate") ||
             (dcterms && (name == "issued" || name == "created"))) {
    published = value(frame);
  } else if ((rss && (name == "author" || (!entry && name == "managingEditor"))) ||
             (dc && (name == "creator" || name == "author")) || (frame.ns == ns::itunes && name == "author")) {
    auto person = feed_detail::person_from_text(value(frame));
    if (!person.name.empty() || !person.email.empty()) authors.push_back(std::move(person));
  } else if (name == "category" && atom) {
    FeedCategory c{std::string(frame.attribute("term")), std::string(frame.attribute("scheme")),
                   std::string(frame.attribute("label"))};
    if (!c.term.empty()) categories.push_back(std::move(c));
  } else if ((name == "category" && rss) || (name == "subject" && dc)) {
    FeedCategory c{value(frame), std::string(frame.attribute("domain")), ""};
    if (!c.term.empty()) categories.push_back(std::move(c));
  } else if (!entry) {
    if ((rss && name == "description") || (dc && name == "description") ||
        (atom && (name == "subtitle" || name == "tagline"))) {
      if (!feed_.description) feed_.description = atom ? atom_text(frame) : rss_text(frame);
    }
    return;  // the rest are an item's
  } else if ((name == "description" && (rss || dc)) || (name == "summary" && atom)) {
    if (!entry->summary) entry->summary = atom ? atom_text(frame) : rss_text(frame);
  } else if (name == "content" && atom) {
    if (!entry->content) entry->content = atom_text(frame);
  } else if ((name == "encoded" && frame.ns == ns::content) || (name == "body" && frame.ns == ns::xhtml) ||
             (rss && name == "fullitem")) {
    if (!entry->content || entry->content->value.empty()) {
      entry->content = rss_text(frame);
      entry->content->type = frame.ns == ns::xhtml ? TextType::xhtml : TextType::html;
    }
  } else if (name == "enclosure" && rss) {
    const auto url = frame.attribute("url");
    if (!url.empty()) first(entry->enclosure_url, resolve(link_base(frame), url));
    if (frame.attribute("type").starts_with("image/")) set_image(url, 1, frame);
  } else if (ns::media(frame.ns) && name == "thumbnail") {
    set_image(frame.attribute("url"), 4, frame);
  } else if (ns::media(frame.ns) && name == "content") {
    if (frame.attribute("medium") == "image" || frame.attribute("type").starts_with("image/"))
      set_image(frame.attribute("url"), 3, frame);
  } else if (frame.ns == ns::itunes && name == "image") {
    set_image(frame.attribute("href"), 2, frame);
  }
}

Feed XmlFeedReader::run(std::string_view bytes) {
  // libxml2's global set-up, once: not safe to race on from the ingest's worker threads.
  static std::once_flag initialized;
  std::call_once(initialized, [] { xmlInitParser(); });
  // Errors without a parser context (a failed charset conversion) would go to standard error,
  // which carries newsnorm's own diagnostics only; the handler is per thread in libxml2.
  xmlSetGenericErrorFunc(nullptr, ignore_generic_error);
  xmlSAXHandler sax{};
  sax.initialized = XML_SAX2_MAGIC;
  sax.startElementNs = on_start;
  sax.endElementNs = on_end;
  sax.characters = on_characters;
  sax.cdataBlock = on_characters;
  sax.getEntity = on_entity;
  sax.entityDecl = on_entity_declaration;
  sax.serror = on_error;
  // The first bytes go in with the context, so libxml2 sees a byte-order mark or declaration first.
  const std::size_t head = std::min<std::size_t>(bytes.size(), 4);
  context_ = xmlCreatePushParserCtxt(&sax, this, bytes.data(), static_cast<int>(head), nullptr);
  if (!context_) {
    note("libxml2 could not start");
    return std::move(feed_);
  }
  xmlCtxtUseOptions(context_, XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOERROR);
  constexpr std::size_t kChunk = 1u << 20;
  for (std::size_t pos = head; !stopped_;) {
    const std::size_t size = std::min(kChunk, bytes.size() - pos);
    const bool last = pos + size == bytes.size();
    xmlParseChunk(context_, bytes.data() + pos, static_cast<int>(size), last ? 1 : 0);
    pos += size;
    if (last) break;
  }
  // A document with entity declarations gets a DTD stub that libxml2 hangs on the context for SAX
  // compatibility; the context does not free it.
  if (context_->myDoc) xmlFreeDoc(context_->myDoc);
  context_->myDoc = nullptr;
  xmlFreeParserCtxt(context_);
  context_ = nullptr;
  if (feed_.kind == FeedKind::unknown && !feed_.bozo) note("not a feed: no root element");
  return std::move(feed_);
}

}  // namespace

Feed parse_xml_feed(std::string_view bytes, const FeedOptions& options) {
  XmlFeedReader reader(options);
  return reader.run(bytes);
}

}  // namespace newsnorm
