// Saved web pages: metadata from each source, the main article without boilerplate, pages with no
// article, hostile pages (huge, deeply nested, not UTF-8, binary), and all the shared extraction pages.
#include <chrono>
#include <string>

#include <catch2/catch.hpp>

#include "newsnorm/export/exporter.hpp"
#include "newsnorm/html/page.hpp"
#include "newsnorm/model/document_parser.hpp"
#include "newsnorm/normalize/normalizer.hpp"
#include "test_support.hpp"

using namespace newsnorm;
using namespace newsnorm::test;

namespace {

std::string fixture(const std::string& name) { return read_file(source_dir() / "tests" / "fixtures" / "html" / name); }

HtmlPage page_of(const std::string& name) { return parse_html_page(fixture(name)); }

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The record newsnorm writes for `bytes`, as JSON.
nlohmann::ordered_json record_of(const std::string& bytes, const std::string& path = "page.html") {
  ParseResult result = parse_document(bytes, path);
  if (auto* error = (result.ok() ? nullptr : &result.error())) FAIL("rejected: " << error->message);
  Article& article = (result).value();
  normalize(article, {});
  std::string out;
  append_record(out, article);
  return nlohmann::ordered_json::parse(out);
}

}  // namespace

TEST_CASE("an HTML document is told by its content, not its name", "[html]") {
  CHECK(looks_like_html_document("<!DOCTYPE html><html><body>x</body></html>"));
  CHECK(looks_like_html_document("\n  <!doctype HTML>\n<title>x</title>"));
  CHECK(looks_like_html_document("<html lang=\"en\"><p>x"));
  CHECK(looks_like_html_document("<HEAD><title>x</title></HEAD>"));
  CHECK(looks_like_html_document("<!-- saved from url=(0014)about:internet -->\n<html>"));
  CHECK(looks_like_html_document("\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\">"));
  CHECK(looks_like_html_document("<meta charset=\"utf-8\"><title>t</title><body><p>x</p></body>"));
  // Bodies that hold markup are not documents: they stay bare text with an HTML body.
  CHECK_FALSE(looks_like_html_document("<p>Just a paragraph.</p><p>And another.</p>"));
  CHECK_FALSE(looks_like_html_document("Title\n\n<html> is a tag name."));
  CHECK_FALSE(looks_like_html_document("<htmlish>not a document</htmlish>"));
  CHECK_FALSE(looks_like_html_document("<meta charset=utf-8> but nothing else"));
  CHECK_FALSE(looks_like_html_document(""));
}

TEST_CASE("JSON-LD gives the article's metadata", "[html]") {
  const HtmlPage page = page_of("jsonld_article.html");
  CHECK(page.title == "Harbour bridge reopens after repairs");
  CHECK(page.excerpt == "The bridge reopened on Monday after two years of work.");
  CHECK(page.published == "2021-03-01T08:30:00+01:00");
  CHECK(page.modified == "2021-03-02T10:00:00Z");
  REQUIRE(page.authors.size() == 2);
  CHECK(page.authors[0].name == "Ana Ruiz");
  CHECK(page.authors[0].url == "https://example.com/staff/ana");
  CHECK(page.authors[1].name == "Li Wei");
  CHECK(page.site_name == "Example Times");
  CHECK(page.keywords == std::vector<std::string>{"bridges", "city"});
  CHECK(page.section == "Local");
  CHECK(page.language == "en-GB");
  REQUIRE(page.images.size() == 1);
  CHECK(page.images[0].url == "https://example.com/img/bridge.jpg");
  CHECK(page.images[0].width == 1200);
  CHECK(page.images[0].height == 675);
  // The menu is not the article, and the title is not repeated in it.
  CHECK(has(page.article_text, "The harbour bridge reopened on Monday morning"));
  CHECK_FALSE(has(page.article_text, "Sport"));
  CHECK_FALSE(has(page.article_text, "Harbour bridge reopens"));
}

TEST_CASE("JSON-LD in @graph with references and arrays and broken JSON-LD skipped with a note", "[html]") {
  const HtmlPage page = page_of("jsonld_graph.html");
  CHECK(page.title == "Notes from the graph");
  CHECK(page.published == "2022-07-04");
  REQUIRE(page.authors.size() == 1);
  CHECK(page.authors[0].name == "Jo Writer");
  CHECK(page.authors[0].url == "https://blog.example.org/about");
  CHECK(page.site_name == "Example Blog");
  CHECK(page.language == "de");
  CHECK(page.keywords == std::vector<std::string>{"graphs", "notes"});
  REQUIRE(page.images.size() == 2);
  CHECK(page.images[1].url == "https://blog.example.org/b.png");
  CHECK(page.images[1].width == 640);
  CHECK(page.notes.size() == 1);
  CHECK(has(page.article_text, "Graphs are how many sites write"));
  CHECK(has(page.article_text, "\n\nThe article node points"));
}

TEST_CASE("OpenGraph and Twitter tags", "[html]") {
  const HtmlPage page = page_of("opengraph.html");
  CHECK(page.title == "Open Graph title");
  CHECK(page.excerpt == "Described by Open Graph.");
  CHECK(page.og_url == "https://news.example.net/2020/open-graph");
  CHECK(page.canonical_url.empty());
  CHECK(page.site_name == "Example Net News");
  CHECK(page.language == "pt-BR");
  REQUIRE(page.images.size() == 2);
  CHECK(page.images[0].url == "https://news.example.net/og.jpg");
  CHECK(page.images[0].width == 800);
  CHECK(page.images[0].height == 418);
  CHECK(page.images[1].url == "https://news.example.net/tw.jpg");
  CHECK_FALSE(page.images[1].width);
}

TEST_CASE("meta name= and article:* tags", "[html]") {
  const HtmlPage page = page_of("meta_article.html");
  CHECK(page.title == "Twitter title");
  CHECK(page.excerpt == "Plain meta description.");
  CHECK(page.published == "2019-11-18T15:04:05-05:00");
  CHECK(page.modified == "2019-11-19T09:00:00Z");
  REQUIRE(page.authors.size() == 1);
  CHECK(page.authors[0].name == "Marta Gil");
  CHECK(page.section == "Economy");
  CHECK(page.language == "es");
  // Keywords deduplicated without regard to case, then the tags.
  CHECK(page.keywords == std::vector<std::string>{"markets", "bonds", "interest rates"});
}

TEST_CASE("canonical and AMP links, <time datetime> and <html lang>", "[html]") {
  const HtmlPage page = page_of("links_time_lang.html");
  CHECK(page.title == "Le titre");
  CHECK(page.canonical_url == "https://www.exemple.fr/article/42");
  CHECK(page.amp_url == "https://www.exemple.fr/amp/article/42");
  CHECK(page.published == "2020-01-15T12:00:00+01:00");
  CHECK(page.language == "fr-FR");
  CHECK(has(page.article_text, "Le texte de l'article commence ici"));
}

TEST_CASE("boilerplate stays out of the article text and every paragraph of the article stays in", "[html]") {
  const HtmlPage page = page_of("boilerplate.html");
  for (const char* marker :
       {"SCRIPT-MARKER", "COOKIE-MARKER", "HEADER-MARKER", "NAV-MARKER", "BREADCRUMB-MARKER", "SHARE-MARKER",
        "NEWSLETTER-MARKER", "RELATED-MARKER", "ASIDE-MARKER", "COMMENT-MARKER", "FOOTER-MARKER"}) {
    INFO(marker);
    CHECK_FALSE(has(page.article_text, marker));
    CHECK_FALSE(has(page.article_html, marker));
  }
  CHECK(page.article_text ==
        "The city council voted on Tuesday to build a new central library, ending a debate that had lasted for "
        "nearly a decade.\n\n"
        "The building, which will open in 2026, will hold more than 300,000 books, a makerspace, and rooms for "
        "community groups, officials said.\n\n"
        "Supporters said the old library, built in 1962, was too small and too expensive to repair, while critics "
        "questioned the cost.\n\n"
        "Construction is expected to begin next spring, and the council will hold public meetings on the design in "
        "the coming months.");
  CHECK(has(page.article_html, "<p>The city council voted"));
  CHECK_FALSE(has(page.article_html, "<script"));
}

TEST_CASE("a page with no article gives empty text and no crash", "[html]") {
  for (const char* name : {"no_article.html", "empty_body.html"}) {
    INFO(name);
    const HtmlPage page = page_of(name);
    CHECK(page.article_text.empty());
    CHECK(page.article_html.empty());
    CHECK_FALSE(page.title.empty());
  }
  // Through the whole pipeline: a record with a title, empty text and a warning.
  const auto record = record_of(fixture("no_article.html"));
  CHECK(record["source"]["format"] == "html");
  CHECK(record["title"] == "Example Portal");
  CHECK(record["text"] == "");
  CHECK(has(record["warnings"].dump(), "no article text"));
}

TEST_CASE("a saved page becomes a full record", "[html]") {
  auto record = record_of(fixture("jsonld_article.html"));
  CHECK(record["source"]["format"] == "html");
  CHECK(record["title"] == "Harbour bridge reopens after repairs");
  CHECK(record["publishedDateTime"] == "2021-03-01T07:30:00Z");
  CHECK(record["provider"]["name"] == "Example Times");
  CHECK(record["topics"] == nlohmann::ordered_json::array({"bridges", "city"}));
  CHECK(record["images"][0]["width"] == 1200);
  CHECK(record["authors"][0]["name"] == "Ana Ruiz");
  CHECK(record["language"] == "en-GB");
  CHECK(record["updatedDateTime"] == "2021-03-02T10:00:00Z");
  // The normalizer keeps the page reader's text: no menu in it.
  CHECK(has(record["text"].get<std::string>(), "Commuters crossed it again"));
  CHECK_FALSE(has(record["text"].get<std::string>(), "Sport"));
  CHECK(has(record["body"].get<std::string>(), "<p>Commuters crossed it again"));

  record = record_of(fixture("links_time_lang.html"));
  CHECK(record["webUrl"] == "https://www.exemple.fr/article/42");
  CHECK(record["ampWebUrl"] == "https://www.exemple.fr/amp/article/42");
  CHECK(record["url"] == "https://www.exemple.fr/article/42");
  CHECK(record["provider"]["domain"] == "exemple.fr");
  CHECK(record["publishedDateTime"] == "2020-01-15T11:00:00Z");

  record = record_of(fixture("opengraph.html"));
  CHECK(record["webUrl"] == "https://news.example.net/2020/open-graph");

  // A date the tool cannot read is null, with a warning, and kept under extra.
  record = record_of(
      "<!DOCTYPE html><html><head><meta property=\"article:published_time\" content=\"last Tuesday\">"
      "<title>T</title></head><body><p>Some text that is long enough to be the article.</p></body></html>");
  CHECK(record["publishedDateTime"].is_null());
  CHECK(record["extra"]["publishedDateTime"] == "last Tuesday");
  CHECK(has(record["warnings"].dump(), "last Tuesday"));
}

TEST_CASE("files with front matter or bare text are not read as pages", "[html]") {
  auto record = record_of("---\ntitle: Header\n---\n<p>An HTML body.</p>\n", "a.md");
  CHECK(record["source"]["format"] == "yaml");
  CHECK(record["text"] == "An HTML body.");
  record = record_of("A title\n\n<p>Body with <b>markup</b>.</p>\n", "b.html");
  CHECK(record["source"]["format"] == "text");
  CHECK(record["title"] == "A title");
}

TEST_CASE("a huge page returns", "[html][bad]") {
  std::string html = "<!DOCTYPE html><html><head><title>Huge</title></head><body><nav>";
  for (int i = 0; i < 20000; ++i) html += "<a href=\"/x\">link</a> ";
  html += "</nav><article>";
  const std::string paragraph =
      "<p>This is one paragraph of a very long article, with commas, clauses, and enough words to score.</p>\n";
  while (html.size() < (12u << 20)) html += paragraph;
  html += "</article></body></html>";
  const HtmlPage page = parse_html_page(html);
  CHECK(page.title == "Huge");
  CHECK(has(page.article_text, "This is one paragraph"));
  CHECK_FALSE(has(page.article_text, "link link"));
  // Past the byte limit the page is cut, with a note.
  HtmlLimits small;
  small.max_bytes = 1u << 20;
  const HtmlPage cut = parse_html_page(html, small);
  CHECK(cut.notes.size() == 1);
  CHECK(has(cut.article_text, "This is one paragraph"));
}

TEST_CASE("100000 levels of nesting return within bounded depth", "[html][bad]") {
  for (const std::string tag : {"div", "span", "b", "table"}) {
    INFO(tag);
    std::string html = "<!DOCTYPE html><html><head><title>Deep</title></head><body>";
    for (int i = 0; i < 100000; ++i) html += "<" + tag + ">";
    html += "deep text";
    for (int i = 0; i < 100000; ++i) html += "</" + tag + ">";
    html += "</body></html>";
    const HtmlPage page = parse_html_page(html);
    CHECK(has(page.article_text, "deep text"));
    CHECK(page.notes.size() == 1);
    // And as a record: no crash, the text is there.
    const auto record = record_of(html);
    CHECK(has(record["text"].get<std::string>(), "deep text"));
  }
  // Nesting within the limit is read as a page.
  std::string html = "<!DOCTYPE html><html><body>";
  for (int i = 0; i < 500; ++i) html += "<div>";
  html += "<p>Shallow enough to be read as a tree, and long enough to be a paragraph.</p>";
  for (int i = 0; i < 500; ++i) html += "</div>";
  const HtmlPage page = parse_html_page(html + "</body></html>");
  CHECK(page.notes.empty());
  CHECK(page.article_text == "Shallow enough to be read as a tree, and long enough to be a paragraph.");
}

TEST_CASE("a page that is not UTF-8 is decoded by the charset it declares", "[html][bad]") {
  // Windows-1252: curly quotes (0x93, 0x94) and e acute (0xE9).
  const std::string cp1252 =
      "<!DOCTYPE html><html><head><meta charset=\"windows-1252\"><title>Caf\xE9</title></head><body>"
      "<p>The \x93"
      "caf\xE9\x94 opened on the corner of the square, and the queue reached the end of the street.</p>"
      "</body></html>";
  auto record = record_of(cp1252);
  CHECK(record["title"] == "Caf\xC3\xA9");
  CHECK(has(record["text"].get<std::string>(),
            "The \xE2\x80\x9C"
            "caf\xC3\xA9\xE2\x80\x9D opened"));
  CHECK(has(record["warnings"].dump(), "windows-1252"));
  // ISO-8859-2 through the http-equiv form: 0xB3 is "l with stroke" there, not the superscript 3 of Windows-1252.
  const std::string latin2 =
      "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-2\"><title>\xA3\xF3"
      "d\xBC"
      "</title></head><body><p>Mieszka\xB3 w \xA3odzi przez wiele lat, a potem przeprowadzi\xB3 si\xEA nad morze.</p>"
      "</body></html>";
  record = record_of(latin2);
  CHECK(record["title"] ==
        "\xC5\x81\xC3\xB3"
        "d\xC5\xBA");
  CHECK(has(record["text"].get<std::string>(), "Mieszka\xC5\x82 w \xC5\x81odzi"));
  // An unknown charset falls back to the Windows-1252 reading of invalid UTF-8.
  record = record_of(
      "<html><head><meta charset=\"x-no-such\"></head><body><p>Caf\xE9 au lait, a long enough paragraph to "
      "read.</p></body></html>");
  CHECK(has(record["text"].get<std::string>(), "Caf\xC3\xA9"));
}

TEST_CASE("a binary file named .html is rejected as binary", "[html][bad]") {
  TempDir dir;
  std::string png = "\x89PNG\r\n\x1a\n";
  png += std::string("\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0", 21);
  for (int i = 0; i < 2000; ++i) png += static_cast<char>(i * 37 % 256);
  write_file(dir / "image.html", png);
  write_file(dir / "page.html", fixture("opengraph.html"));
  const RunResult run = run_newsnorm(std::string("ingest '") + dir.path().string() + "'");
  CHECK(run.exit_code == 1);
  CHECK(has(run.err, "image.html:1:1: error: binary file"));
  const auto records = parse_lines(run.out);
  REQUIRE(records.size() == 1);
  CHECK(records[0]["source"]["format"] == "html");
  CHECK(records[0]["title"] == "Open Graph title");
}

TEST_CASE("every shared extraction page gives a record with a title and text", "[html][shared]") {
  const auto folder = shared_dir() / "extraction" / "html";
  REQUIRE(std::filesystem::is_directory(folder));
  const auto files = files_under(folder);
  CHECK(files.size() == 91);
  for (const auto& file : files) {
    INFO(file.string());
    const auto record = record_of(read_file(file), file.string());
    CHECK(record["source"]["format"] == "html");
    CHECK(record["title"].is_string());
    CHECK_FALSE(record["title"].get<std::string>().empty());
    CHECK(record["text"].is_string());
    CHECK(record["text"].get<std::string>().size() > 200);
  }
}

TEST_CASE("JSON-LD articleBody is a hint that wins only when it clearly matches another block", "[html]") {
  const std::string article =
      "The river rose two metres overnight after three days of rain in the hills above the town. Residents of the "
      "lower streets moved their cars to higher ground before dawn. The council opened the school hall as a shelter "
      "and said the water should fall by Thursday if the rain stops as forecast.";
  std::string decoy = "<div class=\"b\">";
  for (int i = 0; i < 6; ++i)
    decoy +=
        "<p>Prices, offers, colours, sizes, delivery, returns, warranties, and more, all in one place, every "
        "day, for everyone, with free shipping, gift wrap, and easy payment.</p>";
  decoy += "</div>";
  const auto page_with = [&](const std::string& body_hint) {
    return "<!DOCTYPE html><html><head><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
           "\"headline\":\"River rises\",\"articleBody\":\"" +
           body_hint + "\"}</script></head><body>" + decoy +
           "<div class=\"a\"><p>The river rose two metres overnight after three days of rain in the hills above the "
           "town.</p><p>Residents of the lower streets moved their cars to higher ground before dawn.</p><p>The "
           "council "
           "opened the school hall as a shelter and said the water should fall by Thursday if the rain stops as "
           "forecast.</p></div></body></html>";
  };
  // The scored choice alone takes the block with more commas.
  const HtmlPage without = parse_html_page(page_with("short"));
  CHECK(has(without.article_text, "Prices, offers"));
  // With the article's body in JSON-LD, the block that matches it wins.
  const HtmlPage with = parse_html_page(page_with(article));
  CHECK(has(with.article_text, "The river rose two metres overnight"));
  CHECK(has(with.article_text, "\n\nResidents of the lower streets"));
  CHECK_FALSE(has(with.article_text, "Prices, offers"));
  // A body that matches nothing on the page changes nothing.
  std::string unrelated;
  for (int i = 0; i < 60; ++i) unrelated += "zebra" + std::to_string(i) + " ";
  CHECK(parse_html_page(page_with(unrelated)).article_text == without.article_text);
}

TEST_CASE("deeply nested or oversized JSON-LD is read within bounds", "[html][bad]") {
  std::string html = "<!DOCTYPE html><html><head><script type=\"application/ld+json\">";
  html += std::string(200000, '[') + std::string(200000, ']');
  html += "</script><script type=\"application/ld+json\">";
  for (int i = 0; i < 100000; ++i) html += "{\"@graph\":";
  html += "{\"@type\":\"NewsArticle\",\"headline\":\"Too deep to matter\"}";
  html += std::string(100000, '}');
  html +=
      "</script><title>Shallow title</title></head><body><p>Some paragraph text long enough to count as an "
      "article here.</p></body></html>";
  const HtmlPage page = parse_html_page(html);
  CHECK(page.title == "Shallow title");  // past the JSON-LD depth bound, nothing is read
  CHECK(page.article_text == "Some paragraph text long enough to count as an article here.");
  HtmlLimits small;
  small.max_json_ld_bytes = 1000;
  CHECK(parse_html_page(html, small).notes.size() == 2);
}
