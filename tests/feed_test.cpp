// Feeds: feedparser's own test suite (../shared/feeds/feedparser-tests, BSD-2), each file's
// "Expect:" comment translated and evaluated (see feedparser_expect.hpp), counted per folder; and
// handmade feeds for what that suite does not say (JSON Feed, xml:base, images, hostile XML).
//
// Measured: 356 of the 374 applicable cases pass (95%); the test requires 90%. Not met, and why
// (NEWSNORM_FEED_FAILURES=FILE lists each failing case):
// - HTML re-serialized the way feedparser's sanitizer writes it ("Q&amp;A", "<br />", attributes
//   re-escaped, an escaped <div> taken off): newsnorm keeps the feed's markup as written;
// - encodings named only by HTTP (charset in a Content-Type header, text/plain as a bozo): the
//   reader sees bytes, and libxml2 decides by the document;
// - xml:base values feedparser refuses as unsafe or malformed, IRIs (Boost.URL takes URIs), and
//   relative Atom ids resolved as links;
// - CDF, RSS 1.0 rdf:about as the id, made-up elements (<tags>), RSS <summary> as content.
// Cases on fields newsnorm does not produce (contributors, source, rights, generator...) and forms
// the translation does not cover are not applicable and not counted.
#include <catch2/catch.hpp>

#include <fmt/format.h>
#include <cstdlib>
#include <map>

#include "feedparser_expect.hpp"
#include "newsnorm/parse/feed.hpp"
#include "test_support.hpp"

using namespace newsnorm;
namespace fs = std::filesystem;

TEST_CASE("feeds: feedparser's test suite, per folder", "[feed]") {
  const fs::path root = test::shared_dir() / "feeds" / "feedparser-tests";
  struct Count {
    int files = 0, applicable = 0, passed = 0;
  };
  std::map<std::string, Count> counts;
  std::vector<std::string> failures;
  for (const auto& path : test::files_under(root)) {
    const auto relative = fs::relative(path, root);
    const std::string folder = relative.parent_path().string();
    if (folder.empty()) continue;  // test_date_parsers.py: the dates test reads it
    auto& count = counts[folder];
    ++count.files;
    const std::string bytes = test::read_file(path);
    const std::string expectation = test::expectation_of(bytes);
    if (expectation.empty()) continue;
    FeedOptions options;
    options.url = "http://127.0.0.1:8097/tests/" + relative.string();  // where feedparser's harness serves it
    // The HTTP headers the harness sends with some files, from their "Header:" lines.
    for (auto at = bytes.find("Header:"); at != std::string::npos && at < 4096; at = bytes.find("Header:", at + 1)) {
      const std::string line = bytes.substr(at + 7, bytes.find('\n', at) - at - 7);
      const auto colon = line.find(':');
      if (colon == std::string::npos) continue;
      std::string name = line.substr(0, colon), value = line.substr(colon + 1);
      name.erase(0, name.find_first_not_of(" \t"));
      value.erase(0, value.find_first_not_of(" \t"));
      value.erase(value.find_last_not_of(" \t\r") + 1);
      if (name == "Content-Location") options.url = value;
      if (name == "Content-Language") options.language = value;
    }
    const Feed feed = parse_feed(bytes, options);
    const auto verdict = test::evaluate_expectation(expectation, test::feedparser_view(feed));
    if (!verdict) continue;
    ++count.applicable;
    if (*verdict) {
      ++count.passed;
    } else {
      failures.push_back(fmt::format("{}: {} (bozo: {})", relative.string(), expectation, feed.bozo.value_or("no")));
    }
  }
  Count total;
  for (const auto& [folder, count] : counts) {
    WARN(fmt::format("feedparser {}: {} of {} applicable pass ({} files)", folder, count.passed, count.applicable,
                     count.files));
    total.files += count.files, total.applicable += count.applicable, total.passed += count.passed;
  }
  WARN(fmt::format("feedparser all: {} of {} applicable pass ({} files)", total.passed, total.applicable, total.files));
  // NEWSNORM_FEED_FAILURES=FILE lists the failing cases there.
  if (const char* list = std::getenv("NEWSNORM_FEED_FAILURES")) {
    std::string text;
    for (const auto& failure : failures) text += failure + "\n";
    test::write_file(list, text);
  }
  CHECK(total.applicable >= 300);
  CHECK(total.passed * 100 >= total.applicable * 90);
}

TEST_CASE("feeds: RSS 2.0 with the fields a news item carries", "[feed]") {
  const std::string rss = R"(<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:media="http://search.yahoo.com/mrss/" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
  <title>Example News</title><link>https://news.example/</link><language>en-gb</language>
  <atom:link rel="self" href="https://news.example/feed.xml" type="application/rss+xml"/>
  <image><title>logo</title><url>https://news.example/logo.png</url><link>https://elsewhere.example/</link></image>
  <item>
    <title>First &amp; foremost</title><link>/2024/05/first</link>
    <guid isPermaLink="false">urn:news:1</guid>
    <pubDate>Wed, 01 May 2024 10:00:00 +0200</pubDate>
    <dc:creator>Ann Writer</dc:creator><category domain="https://news.example/cat">World</category>
    <description>&lt;p&gt;Lead &lt;a href="/more"&gt;more&lt;/a&gt;&lt;/p&gt;</description>
    <content:encoded><![CDATA[<p>Body</p>]]></content:encoded>
    <media:thumbnail url="/img/1.jpg"/><enclosure url="https://cdn.example/a.mp3" type="audio/mpeg" length="1"/>
  </item>
  <item><title>Second</title><guid>https://news.example/2024/05/second</guid>
    <author>desk@news.example (News Desk)</author></item>
</channel></rss>)";
  const Feed feed = parse_feed(rss);
  CHECK_FALSE(feed.bozo);
  CHECK(feed.kind == FeedKind::rss20);
  CHECK(feed_format_name(feed.kind) == "rss");
  CHECK(feed.title.value == "Example News");
  CHECK(feed.link == "https://news.example/");  // the image's link is not the channel's
  CHECK(feed.language == "en-gb");
  REQUIRE(feed.items.size() == 2);
  const auto& first = feed.items[0];
  CHECK(first.index == 0);
  CHECK(first.title.value == "First & foremost");
  CHECK(first.link == "https://news.example/2024/05/first");  // resolved against the channel's link
  CHECK(first.guid == "urn:news:1");
  CHECK_FALSE(first.guid_is_link);
  CHECK(first.published == "Wed, 01 May 2024 10:00:00 +0200");
  REQUIRE(first.authors.size() == 1);
  CHECK(first.authors[0].name == "Ann Writer");
  REQUIRE(first.categories.size() == 1);
  CHECK(first.categories[0].scheme == "https://news.example/cat");
  REQUIRE(first.summary);
  CHECK(first.summary->type == TextType::html);
  CHECK(first.summary->value == "<p>Lead <a href=\"https://news.example/more\">more</a></p>");
  REQUIRE(first.content);
  CHECK(first.content->value == "<p>Body</p>");
  CHECK(first.image_url == "https://news.example/img/1.jpg");
  CHECK(first.enclosure_url == "https://cdn.example/a.mp3");
  const auto& second = feed.items[1];
  CHECK(second.link == "https://news.example/2024/05/second");  // the permalink guid
  CHECK(second.guid_is_link);
  REQUIRE(second.authors.size() == 1);
  CHECK(second.authors[0].name == "News Desk");
  CHECK(second.authors[0].email == "desk@news.example");
}

TEST_CASE("feeds: Atom with xml:base, xhtml content and RSS 1.0", "[feed]") {
  const std::string atom = R"(<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://blog.example/" xml:lang="de">
  <title type="text">Blog</title><link href="/"/><id>tag:blog.example,2024:feed</id>
  <entry xml:base="posts/"><title type="html">A &lt;em&gt;post&lt;/em&gt;</title>
    <link rel="alternate" href="one.html"/><id>tag:blog.example,2024:1</id>
    <updated>2024-05-01T10:00:00Z</updated><author><name>Bea</name><uri>/bea</uri></author>
    <category term="news" label="News"/>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>See <a href="two.html">two</a></p></div></content>
  </entry></feed>)";
  const Feed feed = parse_feed(atom);
  CHECK_FALSE(feed.bozo);
  CHECK(feed.kind == FeedKind::atom10);
  CHECK(feed.base == "https://blog.example/");
  CHECK(feed.language == "de");
  CHECK(feed.link == "https://blog.example/");
  REQUIRE(feed.items.size() == 1);
  const auto& entry = feed.items[0];
  CHECK(entry.base == "https://blog.example/posts/");
  CHECK(entry.language == "de");
  CHECK(entry.link == "https://blog.example/posts/one.html");
  CHECK(entry.title.type == TextType::html);
  CHECK(entry.title.value == "A <em>post</em>");
  CHECK(entry.authors[0].url == "https://blog.example/bea");
  CHECK(entry.categories[0].label == "News");
  REQUIRE(entry.content);
  CHECK(entry.content->type == TextType::xhtml);
  CHECK(entry.content->value == "<p>See <a href=\"https://blog.example/posts/two.html\">two</a></p>");

  const std::string rdf =
      R"(<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
    xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://x.example/"><title>X</title><link>https://x.example/</link></channel>
  <item rdf:about="https://x.example/1"><title>One</title><link>https://x.example/1</link><dc:date>2024-05-01</dc:date></item>
</rdf:RDF>)";
  const Feed rss1 = parse_feed(rdf);
  CHECK(rss1.kind == FeedKind::rss10);
  CHECK(feed_format_name(rss1.kind) == "rdf");
  REQUIRE(rss1.items.size() == 1);
  CHECK(rss1.items[0].updated == "2024-05-01");
}

TEST_CASE("feeds: JSON Feed 1.1", "[feed]") {
  const std::string json =
      R"({"version": "https://jsonfeed.org/version/1.1", "title": "J", "home_page_url": "https://j.example/",
    "language": "fr", "authors": [{"name": "Jo"}],
    "items": [{"id": 7, "url": "/a", "title": "A", "content_html": "<p>a</p>", "summary": "s",
               "date_published": "2024-05-01T10:00:00+02:00", "tags": ["t1", "t2"], "image": "i.png"},
              {"id": "b", "content_text": "plain", "authors": [{"name": "Other", "url": "mailto:o@j.example"}]},
              "not an item"]})";
  const Feed feed = parse_feed(json);
  CHECK(feed.kind == FeedKind::jsonfeed);
  CHECK(feed.bozo == "item 2 is not an object");
  CHECK(feed.title.value == "J");
  CHECK(feed.language == "fr");
  REQUIRE(feed.items.size() == 2);
  CHECK(feed.items[0].guid == "7");
  CHECK(feed.items[0].link == "https://j.example/a");
  CHECK(feed.items[0].image_url == "https://j.example/i.png");
  CHECK(feed.items[0].content->type == TextType::html);
  CHECK(feed.items[0].summary->value == "s");
  CHECK(feed.items[0].categories.size() == 2);
  CHECK(feed.items[0].authors[0].name == "Jo");  // the feed's authors stand for an item's
  CHECK(feed.items[1].content->type == TextType::text);
  CHECK(feed.items[1].authors[0].email == "o@j.example");
  CHECK(parse_feed("{\"version\": ").bozo == "not valid JSON");
  CHECK(parse_feed(std::string(100000, '[') + std::string(100000, ']')).bozo.has_value());  // deep: no crash
}

TEST_CASE("feeds: malformed, hostile and foreign input is a bozo, never a crash", "[feed]") {
  SECTION("cut short: the items before the damage are read") {
    const std::string rss =
        "<rss version=\"2.0\"><channel><title>T</title><item><title>one</title></item>"
        "<item><title>two</title></item><item><title>thr";
    const Feed feed = parse_feed(rss);
    CHECK(feed.bozo.has_value());
    REQUIRE(feed.items.size() >= 2);
    CHECK(feed.items[1].title.value == "two");
  }
  SECTION("billion laughs does not expand") {
    std::string doc = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY a0 \"lol\">";
    for (int i = 1; i < 12; ++i)
      doc += fmt::format("<!ENTITY a{} \"&a{};&a{};&a{};&a{};&a{};&a{};&a{};&a{};&a{};&a{};\">", i, i - 1, i - 1, i - 1,
                         i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1);
    doc += "]><rss version=\"2.0\"><channel><title>&a11;</title><item><title>x</title></item></channel></rss>";
    const Feed feed = parse_feed(doc);
    CHECK(feed.title.value.size() < 1000);
    CHECK(feed.items.size() == 1);
  }
  SECTION("XXE reads no file") {
    const std::string doc =
        "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
        "<rss version=\"2.0\"><channel><title>&x;</title></channel></rss>";
    const Feed feed = parse_feed(doc);
    CHECK_FALSE(test::mentions(feed.title.value, "root:"));
  }
  SECTION("HTML entities are read, with a bozo") {
    const Feed feed = parse_feed("<rss version=\"2.0\"><channel><title>caf&eacute;&nbsp;x</title></channel></rss>");
    CHECK(feed.title.value == "caf\u00e9\u00a0x");
    CHECK(feed.bozo.has_value());
  }
  SECTION("not a feed") {
    CHECK(parse_feed("<html><body>hi</body></html>").bozo == "not a feed: the root element is <html>");
    CHECK(parse_feed("").bozo.has_value());
    CHECK(parse_feed(std::string(5000, '\xff')).bozo.has_value());
  }
  SECTION("too many items") {
    std::string doc = "<rss version=\"2.0\"><channel>";
    for (int i = 0; i < 50; ++i) doc += "<item><title>i</title></item>";
    FeedOptions options;
    options.max_items = 10;
    const Feed feed = parse_feed(doc + "</channel></rss>", options);
    CHECK(feed.items.size() == 10);
    CHECK(feed.bozo.has_value());
  }
  SECTION("feeds are told by content") {
    CHECK(looks_like_feed("<?xml version=\"1.0\"?>\n<!-- c -->\n<rss version=\"2.0\">"));
    CHECK(looks_like_feed("<feed xmlns=\"http://www.w3.org/2005/Atom\">"));
    CHECK(looks_like_feed("{\"version\": \"https://jsonfeed.org/version/1.1\"}"));
    CHECK_FALSE(looks_like_feed("<!doctype html><html>"));
    CHECK_FALSE(looks_like_feed("{\"title\": \"x\"}"));
  }
}

TEST_CASE("feeds: every feedparser file cut short or with flipped bytes still parses", "[feed]") {
  const fs::path root = test::shared_dir() / "feeds" / "feedparser-tests";
  std::size_t files = 0;
  for (const auto& path : test::files_under(root)) {
    if (path.extension() == ".py") continue;
    const std::string bytes = test::read_file(path);
    ++files;
    for (std::size_t cut :
         {bytes.size() / 3, bytes.size() / 2, bytes.size() - std::min<std::size_t>(bytes.size(), 3)}) {
      const Feed feed = parse_feed(bytes.substr(0, cut));
      CHECK(feed.items.size() <= 100);
    }
    std::string flipped = bytes;
    for (std::size_t i = 7; i < flipped.size(); i += 53) flipped[i] = static_cast<char>(flipped[i] ^ 0x2a);
    CHECK(parse_feed(flipped).items.size() <= 100);
  }
  CHECK(files > 600);
}
