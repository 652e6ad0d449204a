#pragma once
// News feeds read in memory: RSS 2.0, RSS 0.9x, RSS 1.0 (RDF) and 0.90, Atom 1.0 and 0.3 (through
// libxml2, with entity expansion and network access off), and JSON Feed 1.0/1.1 (nlohmann_json).
// The result is a plain struct of the feed and its items, values as written (dates raw: see
// model/feed_dates.hpp), links resolved against xml:base and the feed's own link. A malformed feed
// yields the items that could be read and one warning, feedparser's "bozo"; never a crash.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace newsnorm {

enum class FeedKind { unknown, rss20, rss09x, rss10, rss090, atom10, atom03, jsonfeed };
// "rss" (RSS 2.0 and 0.9x), "rdf" (RSS 1.0 and 0.90), "atom", "jsonfeed": the record's source format.
std::string_view feed_format_name(FeedKind kind);
// "rss20", "rss091"...: which version, for messages.
std::string_view feed_version_name(FeedKind kind);

enum class TextType { text, html, xhtml };
std::string_view text_type_name(TextType type);  // "text", "html", "xhtml"

// A piece of text as the feed gives it: plain text, or HTML markup (escaped HTML unescaped once,
// XHTML serialized without its wrapping div, base64 decoded), with the relative addresses in its
// markup (href, src...) resolved against its xml:base.
struct FeedText {
  std::string value;
  TextType type = TextType::text;
  std::string base;      // the effective xml:base where it stood ("" when none)
  std::string language;  // the effective xml:lang ("" when none)
};

struct FeedLink {
  std::string href;  // resolved
  std::string rel;   // "alternate" when the feed names none
  std::string type;
  std::string title;
};

struct FeedPerson {
  std::string name;
  std::string email;
  std::string url;  // resolved
};

struct FeedCategory {
  std::string term;
  std::string scheme;  // RSS's domain, Atom's scheme
  std::string label;
};

struct FeedItem {
  std::size_t index = 0;  // 0-based, in document order
  FeedText title;
  std::string link;  // the item's page: its alternate link, else the guid when it is a permalink
  std::vector<FeedLink> links;
  std::string guid;  // RSS guid, Atom id, JSON Feed id
  bool guid_is_link = false;
  std::string published;  // as written
  std::string updated;    // as written
  std::vector<FeedPerson> authors;
  std::vector<FeedCategory> categories;
  std::optional<FeedText> summary;  // RSS description, Atom summary, JSON Feed summary
  std::optional<FeedText> content;  // content:encoded, Atom content, JSON Feed content_html/content_text
  std::string base;                 // the item's effective xml:base
  std::string language;             // the item's effective xml:lang
  std::string image_url;            // media:thumbnail, media:content or an image enclosure; resolved
  std::string enclosure_url;        // the first enclosure of any type; resolved
};

struct Feed {
  FeedKind kind = FeedKind::unknown;
  FeedText title;
  std::string link;  // resolved
  std::vector<FeedLink> links;
  std::string id;
  std::optional<FeedText> description;  // RSS description, Atom subtitle (0.3: tagline)
  std::string language;                 // <language>, dc:language, or the root's xml:lang
  std::string base;                     // the root's xml:base
  std::string updated;                  // as written
  std::string published;
  std::vector<FeedPerson> authors;
  std::vector<FeedCategory> categories;
  std::vector<FeedItem> items;
  // Set when the feed was not well-formed (or not a feed): what went wrong, and where. The items
  // before the damage are still there; feedparser calls this "bozo".
  std::optional<std::string> bozo;
};

struct FeedOptions {
  std::string url;       // where the feed was fetched from (or its HTTP Content-Location): the base of last resort
  std::string language;  // the HTTP Content-Language, if known: the language of last resort
  std::size_t max_items = 100000;
  std::size_t max_text_bytes = 4u << 20;  // one field's text; past it the text is cut, with a bozo note
};

// Any of the formats, told apart by content: JSON Feed when the text opens with '{', else XML.
Feed parse_feed(std::string_view bytes, const FeedOptions& options = {});
Feed parse_xml_feed(std::string_view bytes, const FeedOptions& options = {});
Feed parse_json_feed(std::string_view bytes, const FeedOptions& options = {});

// Whether bytes look like a feed by content (an <rss>, <feed>, <rdf:RDF> root, or a JSON Feed's
// "version" of jsonfeed.org), for the ingest pipeline choosing a reader.
bool looks_like_feed(std::string_view bytes);

}  // namespace newsnorm
