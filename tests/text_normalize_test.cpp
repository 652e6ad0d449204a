// The text module: mojibake, entities, tags, NFC, white space, bodies and the plain text of HTML.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <functional>

#include "newsnorm/model/document_parser.hpp"
#include "newsnorm/normalize/text_normalize.hpp"
#include "newsnorm/read/text_decoding.hpp"
#include "test_support.hpp"

using namespace newsnorm;
using namespace newsnorm::test;

namespace {

const std::string kMojibakeChange = "repaired mojibake (UTF-8 read as Windows-1252)";

// The oracle for mojibake: what a program that read UTF-8 bytes as Windows-1252 wrote back (the five
// bytes Windows-1252 leaves undefined become the C1 controls of the same value, as browsers do).
std::string misread_as_windows1252(std::string_view utf8) {
  static constexpr char16_t kHigh[32] = {0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                         0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
                                         0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                         0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};
  std::string out;
  for (const char c : utf8) {
    const auto u = static_cast<unsigned char>(c);
    append_utf8(out, u >= 0x80 && u < 0xA0 ? kHigh[u - 0x80] : char32_t{u});
  }
  return out;
}

bool has_change(const Changes& changes, const std::string& change) {
  return std::find(changes.begin(), changes.end(), change) != changes.end();
}

std::string clean(std::string_view text) {
  Changes changes;
  return clean_inline_text(text, changes);
}

std::string body_of(const std::filesystem::path& path) {
  ParseResult result = parse_document(read_file(path), path.string());
  REQUIRE((result).ok());
  return (result).value().body;
}

std::size_t count_of(std::string_view text, std::string_view needle) {
  std::size_t count = 0;
  for (std::size_t at = text.find(needle); at != std::string_view::npos; at = text.find(needle, at + 1)) ++count;
  return count;
}

// Runs `work` and says how long it took, in seconds.
double seconds_for(const std::function<void()>& work) {
  const auto start = std::chrono::steady_clock::now();
  work();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::string repeated(std::string_view piece, std::size_t times) {
  std::string out;
  out.reserve(piece.size() * times);
  for (std::size_t i = 0; i < times; ++i) out.append(piece);
  return out;
}

}  // namespace

TEST_CASE("text mojibake: UTF-8 read as Windows-1252 is repaired", "[text]") {
  CHECK(repair_mojibake("It\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2s") == "It\u2019s");    // â€™ -> ’
  CHECK(repair_mojibake("\xC3\xA2\xE2\x82\xAC\xC5\x93quoted") == "\u201Cquoted");  // â€œ -> “
  CHECK(repair_mojibake("end\xC3\xA2\xE2\x82\xAC\xC2\x9D") == "end\u201D");        // â€ U+009D -> ”
  CHECK(repair_mojibake("\xC3\x82\xC2\xA9 1998") == "\u00A9 1998");                // Â© -> ©
  CHECK(repair_mojibake("caf\xC3\x83\xC2\xA9") == "caf\u00E9");                    // Ã© -> é
  CHECK(repair_mojibake("a\xC3\x82\xC2\xA0"
                        "b") == "a\u00A0b");                           // Â NBSP -> NBSP
  CHECK(repair_mojibake("\u00C3\u0080 Latin-1") == "\u00C0 Latin-1");  // C1 controls too: UTF-8 read as Latin-1
  // Generated with the oracle: typography, Latin letters, Cyrillic, Greek, CJK, emoji.
  for (const std::string good :
       {"It\u2019s \u201Cfine\u201D \u2013 really\u2026", "Stra\u00DFe M\u00FCller \u00C9t\u00E9",
        "\u041F\u0440\u0438\u0432\u0435\u0442 \u043C\u0438\u0440", "\u0395\u03BB\u03BB\u03AC\u03B4\u03B1",
        "\u4E2D\u6587 \u65E5\u672C\u8A9E", "smile \U0001F600", "Za\u017C\u00F3\u0142\u0107 \u0105",
        "\u2022 bullet \u2122 \u20AC 5"}) {
    INFO(good);
    CHECK(repair_mojibake(misread_as_windows1252(good)) == good);
  }
  // Mojibake beside correctly encoded text: the field is not consistently misread, so it may be text
  // about mojibake ("`Ã„` instead of `Ä`"); it stays.
  CHECK_FALSE(repair_mojibake("caf\u00E9 \xC3\xA2\xE2\x82\xAC\xE2\x84\xA2 na\u00EFve").has_value());
}

TEST_CASE("text mojibake: text encoded twice is repaired twice, never more", "[text]") {
  const std::string good = "It\u2019s \u00A9 caf\u00E9";
  const std::string twice = misread_as_windows1252(misread_as_windows1252(good));
  CHECK(repair_mojibake(twice) == good);
  const std::string thrice = misread_as_windows1252(twice);
  CHECK(repair_mojibake(thrice) == misread_as_windows1252(good));
}

TEST_CASE("text mojibake: genuine text and text that merely looks odd stay as they are", "[text]") {
  for (const std::string genuine : {"caf\u00E9",
                                    "Z\u00FCrich",
                                    "S\u00E3o Paulo",
                                    "1998 \u2013 2024",
                                    "\u20AC5",
                                    "na\u00EFve",
                                    "\u00D1and\u00FA",
                                    "\u201Cquoted\u201D",
                                    "\u2018single\u2019",
                                    "end \u00C2",
                                    "\u00C2",
                                    "\u00C3",
                                    "\u00C4",
                                    "\u00A35",
                                    "Fu\u00DF\u2026",
                                    "CAF\u00C9\u00BB",
                                    "\u00AB\u00C9T\u00C9\u00BB",
                                    "\u00C9T\u00C9\u2026",
                                    "\u00C4\u2026",
                                    "\u00BD cup",
                                    "10\u00A0km",
                                    "plain ASCII",
                                    "",
                                    "S\u00C3O PAULO",
                                    "\u00C3 \u00A9",
                                    "\u00C3\u00A9\u00E9",
                                    "Jos\u00E9\u2019s",
                                    "\u00DC\u201C",
                                    "\u00D6\u2019",
                                    "\u00C2\u0085"}) {
    INFO(genuine);
    CHECK_FALSE(repair_mojibake(genuine).has_value());
  }
  // A doubtful cluster ("Ä…" is "ą" misread, or German) is repaired only beside sure mojibake.
  CHECK(repair_mojibake("\u00C4\u2026 \u00C3\u00A9") == "\u0105 \u00E9");
  // Ill-formed UTF-8 does not stop the scan, and stays.
  CHECK(repair_mojibake("\xFF \xC3\x82\xC2\xA9 \xC3") == "\xFF \u00A9 \xC3");
}

TEST_CASE("text inline: entities are decoded", "[text]") {
  Changes changes;
  CHECK(clean_inline_text("AT&amp;T &lt;b&gt; &quot;x&quot; &apos;y&apos;", changes) == "AT&T <b> \"x\" 'y'");
  CHECK(changes == Changes{"decoded HTML entities"});
  CHECK(clean("Power Fx &#8216;Environment&#8217; &hellip; &mdash;&ndash;") ==
        "Power Fx \u2018Environment\u2019 \u2026 \u2014\u2013");
  CHECK(clean("&copy;&reg;&trade;&euro;&pound;&yen;&cent;&sect;&para;&times;&divide;&deg;&middot;&bull;") ==
        "\u00A9\u00AE\u2122\u20AC\u00A3\u00A5\u00A2\u00A7\u00B6\u00D7\u00F7\u00B0\u00B7\u2022");
  CHECK(clean("&laquo;&raquo;&lsquo;&rsquo;&ldquo;&rdquo;&eacute;&Eacute;&szlig;&yuml;&shy;") ==
        "\u00AB\u00BB\u2018\u2019\u201C\u201D\u00E9\u00C9\u00DF\u00FF\u00AD");
  CHECK(clean("&#123;&#x1F600;&#X41;&#146;") == "{\U0001F600A\u2019");  // &#146;: Windows-1252, as in HTML
  CHECK(clean("a&#0;b&#xD800;c&#x110000;d&#99999999999999999999;e") == "a\uFFFDb\uFFFDc\uFFFDd\uFFFDe");
  CHECK(clean("x&nbsp;y") == "x\u00A0y");
  Changes none;
  CHECK(clean_inline_text("AT&T R&D &unknown; &amp &#; &#x; & done", none) ==
        "AT&T R&D &unknown; &amp &#; &#x; & done");
  CHECK(none.empty());
  CHECK(clean("&amp;lt;") == "&lt;");  // one level of escaping is undone, not two
}

TEST_CASE("text inline: tags are stripped, other '<' stays", "[text]") {
  Changes changes;
  CHECK(clean_inline_text("<b>Bold</b> move", changes) == "Bold move");
  CHECK(changes == Changes{"removed HTML tags"});
  CHECK(clean("Line<br>break<br/>again<BR />") == "Line break again");
  CHECK(clean("<p>one</p><p>two</p>") == "one two");
  CHECK(clean("He<em>llo</em> <a href=\"x?a=1&amp;b=2\" title=\"a>b\">link</a>") == "Hello link");
  CHECK(clean("<script>alert(1)</script>Title<style>p{}</style>") == "Title");
  CHECK(clean("<!-- note -->Title<!DOCTYPE html>") == "Title");
  Changes none;
  for (const std::string keep : {"a < b > c", "x<3", "if a<b and c>d", "Use the <Gallery> control", "<Br> stays",
                                 "mail <name@example.com>", "unclosed <b", "<", "<>", "</>", "1 <2", "<a"}) {
    INFO(keep);
    CHECK(clean_inline_text(keep, none) == keep);
  }
  CHECK(none.empty());
  // Entities decode after tags go, so escaped markup is text.
  CHECK(clean("&lt;b&gt;not a tag&lt;/b&gt;") == "<b>not a tag</b>");
}

TEST_CASE("text inline: NFC, reported only when the bytes change", "[text]") {
  Changes changes;
  CHECK(clean_inline_text("Cafe\u0301", changes) == "Caf\u00E9");
  CHECK(changes == Changes{"normalized Unicode to NFC"});
  CHECK(clean("\u212B ngstr\u00F6m") == "\u00C5 ngstr\u00F6m");
  Changes none;
  CHECK(clean_inline_text("Caf\u00E9 \u0915\u094D\u0937 \U0001F600 \u4E2D", none) ==
        "Caf\u00E9 \u0915\u094D\u0937 \U0001F600 \u4E2D");
  CHECK(none.empty());
}

TEST_CASE("text inline: white space collapses and trims without being reported", "[text]") {
  Changes changes;
  CHECK(clean_inline_text("  a \t b\n\r\n c  ", changes) == "a b c");
  CHECK(clean_inline_text("\u00A0\u2003a\u00A0\u00A0b\u3000 c\u2028d\u00A0", changes) == "a b c d");
  CHECK(clean_inline_text("10\u00A0km and 5\u202Fkg", changes) ==
        "10\u00A0km and 5\u202Fkg");  // one no-break space stays
  CHECK(clean_inline_text(" \t\n ", changes).empty());
  CHECK(clean_inline_text("", changes).empty());
  CHECK(changes.empty());
}

TEST_CASE("text inline: plain ASCII comes back unchanged and unreported", "[text]") {
  Changes changes;
  const std::string title = "Direct Power Fx Dataverse action invocation GA (2023) - 100% [x] {y} a>b";
  CHECK(clean_inline_text(title, changes) == title);
  CHECK(changes.empty());
}

TEST_CASE("text inline: mojibake and invalid UTF-8 in titles", "[text]") {
  Changes changes;
  CHECK(clean_inline_text("Microsoft\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2s &amp; \xC3\x82\xC2\xA9 news", changes) ==
        "Microsoft\u2019s & \u00A9 news");
  CHECK(changes == Changes{kMojibakeChange, "decoded HTML entities"});
  Changes invalid;
  CHECK(clean_inline_text("bad \xFF\xFE byte\xC3", invalid) == "bad \uFFFD\uFFFD byte\uFFFD");
  CHECK(has_change(invalid, "replaced invalid UTF-8 with U+FFFD"));
  CHECK(clean(std::string("nul\0byte", 8)) == std::string("nul\0byte", 8));
}

TEST_CASE("text inline: no title or excerpt of the corpus is taken for mojibake", "[text][corpus]") {
  std::size_t fields = 0;
  for (const auto& path : files_under(corpus_dir())) {
    ParseResult result = parse_document(read_file(path), path.string());
    if (!(result).ok()) continue;
    const Article& article = (result).value();
    std::vector<std::string> values;
    for (const auto& value : {article.title, article.excerpt})
      if (value) values.push_back(*value);
    for (const Related& related : article.related)
      for (const auto& value : {related.title, related.excerpt})
        if (value) values.push_back(*value);
    for (const std::string& value : values) {
      ++fields;
      Changes changes;
      const std::string cleaned = clean_inline_text(value, changes);
      const bool suspicious = value.find("\u00C3") != std::string::npos || value.find("\u00C2") != std::string::npos ||
                              value.find("\u00E2\u20AC") != std::string::npos;
      if (has_change(changes, kMojibakeChange) && !suspicious) FAIL_CHECK(path.string() << ": " << value);
      if (!is_valid_utf8(cleaned) || cleaned.find("  ") != std::string::npos)
        FAIL_CHECK(path.string() << ": " << cleaned);
    }
  }
  CHECK(fields > 1000);
}

TEST_CASE("text body: seed 003's mojibake is repaired and reported", "[text][seeds]") {
  Changes changes;
  const std::string body = clean_body(body_of(seeds_dir() / "003_a5d00081cf4cd984.txt"), changes);
  CHECK(body.find("Change Ad Consent Advertise \u00A9 1998 - 2024 TechSpot, Inc.") != std::string::npos);
  CHECK(body.find("\u00C2") == std::string::npos);
  CHECK(changes == Changes{kMojibakeChange});
}

TEST_CASE("text body: seed 001 keeps its no-break spaces and is not taken for mojibake", "[text][seeds]") {
  const std::string original = body_of(seeds_dir() / "001_91c52061c003d87f.txt");
  REQUIRE(count_of(original, "\u00A0") > 0);
  Changes changes;
  const std::string body = clean_body(original, changes);
  CHECK(count_of(body, "\u00A0") == count_of(original, "\u00A0"));
  CHECK(changes.empty());
  CHECK_FALSE(looks_like_html(original));
}

TEST_CASE("text body: line endings, trailing blanks and blank-line runs, nothing else", "[text]") {
  Changes changes;
  CHECK(clean_body("\n \t\n\nline one \t\r\nline two\t\n\n \n\n  indented &amp; <b>kept</b>\rline four\r\n\n\n",
                   changes) == "line one\nline two\n\n  indented &amp; <b>kept</b>\nline four");
  CHECK(clean_body("single", changes) == "single");
  CHECK(clean_body("", changes).empty());
  CHECK(clean_body("\n\n\r\n  \n", changes).empty());
  CHECK(clean_body("a\u00A0\nb \u00A0 \n", changes) == "a\u00A0\nb \u00A0");  // only spaces and tabs are trimmed
  CHECK(changes.empty());
}

TEST_CASE("text html: looks_like_html", "[text]") {
  for (const std::string html : {"<p>x</p>", "  \n<div class=\"a\">x</div>", "<h1>T</h1>", "<ul><li>a</li></ul>",
                                 "<table><tr><td>1</td></tr></table>", "<span>x</span>", "<br>", "<img src=\"x.png\">",
                                 "<a href=\"https://x\">y</a>", "<!DOCTYPE html><html></html>", "<html>",
                                 "Intro text, then <b>bold</b> and <i>italic</i>."}) {
    INFO(html);
    CHECK(looks_like_html(html));
  }
  for (const std::string text :
       {"", "plain text", "# Title\n\nSome *markdown* text.", "a < b and c > d", "Use the <Gallery> control",
        "one <br> only", "<notatag>", "x<3 <3 <3", "if a<b and c>d, a<b or c>d, a<b, c>d"}) {
    INFO(text);
    CHECK_FALSE(looks_like_html(text));
  }
}

TEST_CASE("text html: plain text of the corpus samples", "[text][corpus]") {
  const auto sample = corpus_dir() / "_samples" / "power-apps-community-25-days-of-flows-the-app-behind-the-series.md";
  const std::string body = body_of(sample);
  REQUIRE(looks_like_html(body));
  CHECK(html_to_text(body) ==
        "Sharing the app with you behind the 25 days of flows series. It still works for cataloging and finding the "
        "downloadable flows.\n\nwatch?v=oWfYZg25qLs");

  std::size_t samples = 0, readable = 0;
  for (const auto& path : files_under(corpus_dir() / "_samples")) {
    const std::string html = body_of(path);
    if (html.find('<') == std::string::npos) continue;
    ++samples;
    INFO(path.string());
    CHECK(looks_like_html(html));
    const std::string text = html_to_text(html);
    if (!text.empty()) ++readable;  // a few samples are nothing but an image
    CHECK(text.find("<p") == std::string::npos);
    CHECK(text.find("</") == std::string::npos);
    CHECK(text.find("&nbsp;") == std::string::npos);
    CHECK(text.find("\n\n\n") == std::string::npos);
    CHECK(is_valid_utf8(text));
  }
  CHECK(samples > 50);
  CHECK(readable > samples * 9 / 10);
}

TEST_CASE("text html: blocks, white space, skipped content and entities", "[text]") {
  CHECK(html_to_text("<p>a</p><p>b</p>") == "a\n\nb");
  CHECK(html_to_text("<div>a</div><div>b</div>") == "a\nb");
  CHECK(html_to_text("a<br>b<br><br><br>c") == "a\nb\n\nc");
  CHECK(html_to_text("<ul><li>one</li><li>two</li></ul><p>after</p>") == "one\ntwo\n\nafter");
  CHECK(html_to_text("<h1>Title</h1>text <b>bold</b><span>!</span>") == "Title\n\ntext bold!");
  CHECK(html_to_text("<table><tr><td>1</td><td>2</td></tr><tr><td>3</td></tr></table>") == "1 2\n3");
  CHECK(html_to_text("<p>  lots   of\n\t space </p>") == "lots of space");
  CHECK(html_to_text("<p>&amp; &lt;tag&gt; &copy; &#8217; &nbsp;x&nbsp;&nbsp;y</p>") == "& <tag> \u00A9 \u2019 x y");
  CHECK(html_to_text("<script>var x = '<p>';</script><style>p {}</style><template><p>t</p></template><p>kept</p>") ==
        "kept");
  CHECK(html_to_text("<html><head><title>T</title><meta charset=utf-8></head><body><p>x</p></body></html>") == "x");
  CHECK(html_to_text("<pre>line 1\n    indented\n\n\n\nend   </pre>") == "line 1\n    indented\n\nend");
  CHECK(html_to_text("<p></p><p>&nbsp;</p><div> </div><p>only</p><p>&nbsp;</p>") == "only");
  CHECK(html_to_text("<!-- comment --><p>a<!-- x -->b</p>") == "ab");
  CHECK(html_to_text("just text &amp; more") == "just text & more");
  CHECK(html_to_text("").empty());
}

TEST_CASE("text html: markup too deep for gumbo reads the same through the scanner", "[text]") {
  // Nesting past gumbo's bound switches to the linear scanner; what it reads must agree with gumbo.
  const std::string deep_open = repeated("<div>", 1500), deep_close = repeated("</div>", 1500);
  for (const std::string html :
       {"<p>a</p><p>b</p>", "a<br>b<br><br><br>c", "<ul><li>one</li><li>two</li></ul><p>after</p>",
        "<h1>Title</h1>text <b>bold</b><span>!</span>", "<p>  lots   of\n\t space </p>",
        "<p>&amp; &lt;tag&gt; &copy; &#8217; &nbsp;x&nbsp;&nbsp;y</p>",
        "<script>var x = '<p>';</script><style>p {}</style><p>kept</p>", "<pre>line 1\n    indented\n\n\nend</pre>",
        "<table><tr><td>1</td><td>2</td></tr><tr><td>3</td></tr></table>"}) {
    INFO(html);
    CHECK(html_to_text(deep_open + html + deep_close) == html_to_text(html));
  }
}

TEST_CASE("text hostile input: no crash, bounded time", "[text][hostile]") {
  const std::string nul_bytes("<p>a\0b</p>\0\0<div>\0", 19);
  const std::string inputs[] = {
      "<p><b>unclosed <div class=\"x",
      "<a href='",
      "<!--",
      "<!-- <p>x</p>",
      "<script>never closed <p>x</p>",
      "&#",
      "&#x",
      "&#99999999999999999999999999",
      "\xFF\xFE\xC3\x28<p>\xE2\x82</p>\xF0\x9F",
      nul_bytes,
      repeated("<", 1 << 20),
      repeated("<div>", 100000) + "deep" + repeated("</div>", 100000),
      repeated("<b>", 100000) + "bold",
      repeated("<x>", 100000),
      repeated("<div><span></div>", 50000),
      repeated("<a x=\"", 100000),
      repeated("<p><b id=1>", 50000),
      repeated("<table><tr><td>", 30000),
      repeated("<!--", 200000),
      "<a x=\">\"" + repeated(" b", 300000) + ">text",  // gumbo checks each attribute against all before it
      "<a" + repeated(" b", 300000) + ">text",
      repeated("<a b c d e f g h>", 100000),
      repeated("<div>", 999) + repeated("<p>x</p>", 100000),  // deep, then many tags that search the stack
      repeated("<script>", 100000),
      repeated("&amp;&#x41", 100000),
      repeated("\xC3\x83\xC2", 300000),
      repeated("\xC3\xA2\xE2\x82\xAC", 200000),
      repeated("a \t\n", 300000),
  };
  for (const std::string& input : inputs) {
    INFO("input of " << input.size() << " bytes starting " << input.substr(0, 40));
    std::string text, inline_text, body;
    bool html = false;
    const double seconds = seconds_for([&] {
      html = looks_like_html(input);
      text = html_to_text(input);
      Changes changes;
      inline_text = clean_inline_text(input, changes);
      body = clean_body(input, changes);
    });
    CHECK(seconds < 5.0);
    CHECK(is_valid_utf8(text));
    CHECK(is_valid_utf8(inline_text));
    (void)html;
  }
  CHECK(html_to_text(repeated("<div>", 100000) + "deep" + repeated("</div>", 100000)) == "deep");
  CHECK(html_to_text(repeated("<b>", 100000) + "bold") == "bold");
}

TEST_CASE("utf8_prefix never ends inside a character", "[text]") {
  CHECK(utf8_prefix("abc", 10) == "abc");
  CHECK(utf8_prefix("abc", 2) == "ab");
  CHECK(utf8_prefix("a\xC3\xBF", 2) == "a");  // would split "ÿ"
  CHECK(utf8_prefix("a\xE2\x80\xA6"
                    "b",
                    3) == "a");                       // would split "…" ("\xA6b" would be one escape)
  CHECK(utf8_prefix("a\xF0\x9F\x98\x80", 4) == "a");  // would split an emoji
  CHECK(utf8_prefix("a\xF0\x9F\x98\x80", 5) == "a\xF0\x9F\x98\x80");
  CHECK(utf8_prefix("\xC3\xBF", 0).empty());
}
