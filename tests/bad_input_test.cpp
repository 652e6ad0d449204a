// Bad input: each case becomes exactly one record (with warnings) or one error with its position,
// within bounded time and memory.
#include <catch2/catch.hpp>

#include "newsnorm/model/document_parser.hpp"
#include "newsnorm/read/text_decoding.hpp"
#include "test_support.hpp"

using namespace newsnorm;
using namespace newsnorm::test;

namespace {

Diagnostic expect_error(const std::string& bytes, const std::string& path = "bad.md", const Limits& limits = {}) {
  ParseResult result = parse_document(bytes, path, limits);
  if ((result).ok()) FAIL("expected an error for: " << bytes.substr(0, 200));
  return (result).error();
}

Article expect_record(const std::string& bytes, const std::string& path = "ok.md", const Limits& limits = {}) {
  ParseResult result = parse_document(bytes, path, limits);
  if (auto* error = (result.ok() ? nullptr : &result.error())) FAIL("unexpected error: " << error->message);
  return (std::move(result)).value();
}

bool any_warning_mentions(const Article& a, const std::string& part) { return any_mentions(a.warnings, part); }

}  // namespace

TEST_CASE("an empty file and a blank file are errors", "[bad]") {
  CHECK(expect_error("").message == "the file is empty");
  CHECK(expect_error(" \n\n\t\n").message == "the file holds only white space");
}

TEST_CASE("a header that is a list or a scalar is rejected", "[bad]") {
  CHECK(mentions(expect_error("---\n- a\n- b\n---\nbody\n").message, "is a list, not a mapping"));
  CHECK(mentions(expect_error("---\njust words\n---\n").message, "is the text \"just words\", not a mapping"));
  CHECK(mentions(expect_error("---\n42\n---\n").message, "not a mapping"));
}

TEST_CASE("an unclosed header is rejected at line 1", "[bad]") {
  const Diagnostic d = expect_error("---\ntitle: x\nbody without a closing line\n");
  CHECK(mentions(d.message, "unclosed front matter"));
  CHECK(d.position.line == 1);
}

TEST_CASE("invalid YAML is reported with the file's line and column", "[bad]") {
  // The header starts on line 2; line 3 holds the map value that is not allowed there.
  const Diagnostic bad_indent = expect_error("---\ntitle: a\nb: c: d\n---\n");
  CHECK(mentions(bad_indent.message, "invalid YAML"));
  CHECK(bad_indent.position.line == 3);
  CHECK(bad_indent.position.column == 5);
  // An unclosed quote runs to the closing '---' (line 4), where it is reported.
  const Diagnostic open_quote = expect_error("---\ntitle: fine\nexcerpt: \"never closed\n---\n");
  CHECK(mentions(open_quote.message, "still open at the end of the header"));
  CHECK(open_quote.position.line == 4);
}

TEST_CASE("tabs in indentation are an error, not a guess", "[bad]") {
  const Diagnostic d = expect_error("---\nprovider:\n\tname: X\n---\n");
  CHECK(mentions(d.message, "invalid YAML"));
  CHECK(d.position.line == 3);
}

TEST_CASE("duplicate keys are reported with both lines", "[bad]") {
  const Diagnostic d = expect_error("---\ntitle: one\nexcerpt: e\ntitle: two\n---\n");
  CHECK(mentions(d.message, "duplicate key 'title' (first defined on line 2)"));
  CHECK(d.position.line == 4);
  CHECK(mentions(expect_error("{\"title\": \"a\", \"title\": \"b\"}\n").message, "duplicate key 'title'"));
}

TEST_CASE("deep nesting stops at the depth limit and says how to raise it", "[bad][limits]") {
  std::string deep = "---\nkey: ";
  deep += std::string(100000, '[') + std::string(100000, ']') + "\n---\n";
  const Diagnostic d = expect_error(deep);
  CHECK(mentions(d.message, "depth limit"));
  CHECK(mentions(d.message, "--max-depth"));
  Limits shallow;
  shallow.max_depth = 3;
  CHECK(mentions(expect_error("---\na:\n  b:\n    c:\n      d: 1\n---\n", "x.md", shallow).message, "--max-depth"));
  CHECK(mentions(expect_error(R"({"a": {"b": {"c": {"d": 1}}}})"
                              "\n",
                              "x.md", shallow)
                     .message,
                 "--max-depth"));
  // Every format counts containers, empty or not: an empty list one level past the limit is rejected.
  CHECK(mentions(expect_error("---\na: [[[]]]\n---\n", "x.md", shallow).message, "--max-depth"));
  CHECK(mentions(expect_error(R"({"a": [[[]]]})"
                              "\n",
                              "x.md", shallow)
                     .message,
                 "--max-depth"));
  CHECK(mentions(expect_error("+++\na = [[[]]]\n+++\n", "x.md", shallow).message, "--max-depth"));
  CHECK(mentions(expect_error("+++\n[a.b.c]\n+++\n", "x.md", shallow).message, "--max-depth"));
  CHECK(expect_record("---\na: [[]]\n---\n", "x.md", shallow).extra.at("a").size() == 1);
  CHECK(expect_record(R"({"a": [[]]})"
                      "\n",
                      "x.md", shallow)
            .extra.at("a")
            .size() == 1);
  CHECK(expect_record("+++\na = [[]]\n+++\n", "x.md", shallow).extra.at("a").size() == 1);
  // Past yaml-cpp's own guard, the message says so instead of yaml-cpp's "bad file".
  Limits deep_allowed;
  deep_allowed.max_depth = 1000;
  const Diagnostic too_deep_for_yaml =
      expect_error("---\na: " + std::string(600, '[') + std::string(600, ']') + "\n---\n", "x.md", deep_allowed);
  CHECK(mentions(too_deep_for_yaml.message, "deeper than the YAML reader allows"));
  CHECK(too_deep_for_yaml.position.line == 2);
  // At the limit: three levels of mappings (the header itself is the first) are still read.
  CHECK(expect_record("---\na:\n  b:\n    c: 1\n---\n", "x.md", shallow).extra.at("a").at("b").at("c") == 1);
  CHECK(expect_record(R"({"a": {"b": {"c": 1}}})"
                      "\n",
                      "x.md", shallow)
            .extra.at("a")
            .at("b")
            .at("c") == 1);
}

TEST_CASE("a billion-laughs header is rejected, never expanded", "[bad][limits]") {
  std::string laughs = "---\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n";
  char previous = 'a';
  for (char name = 'b'; name <= 'j'; ++name, ++previous) {
    laughs += std::string(1, name) + ": &" + name + " [";
    for (int i = 0; i < 9; ++i) laughs += std::string(i ? ",*" : "*") + previous;
    laughs += "]\n";
  }
  laughs += "---\n";
  const Diagnostic d = expect_error(laughs);
  CHECK(mentions(d.message, "alias-expansion limit"));
  CHECK(mentions(d.message, "--max-alias-nodes"));
  // Small, honest aliases still work.
  const Article ok = expect_record("---\nbase: &b {x: 1}\ncopy: *b\n---\n");
  CHECK(ok.extra.at("copy").at("x") == 1);
}

TEST_CASE("a huge single line is bounded: header lines by a limit, body lines kept", "[bad][limits]") {
  const std::string huge(4 << 20, 'x');
  const Diagnostic d = expect_error("---\ntitle: " + huge.substr(0, 300 << 10) + "\n---\n");
  CHECK(mentions(d.message, "over the 262144-byte line limit"));
  CHECK(mentions(d.message, "--max-line-length"));
  // The limit counts the bytes of a line without its newline: 20 holds, 21 does not.
  Limits narrow;
  narrow.max_line_length = 20;
  CHECK(expect_record("---\ntitle: " + huge.substr(0, 13) + "\n---\n", "x.md", narrow).title);
  CHECK(mentions(expect_error("---\ntitle: " + huge.substr(0, 14) + "\n---\n", "x.md", narrow).message,
                 "over the 20-byte line limit"));
  const Article body_only = expect_record(huge);
  CHECK(body_only.body.size() == huge.size());
  CHECK_FALSE(body_only.title);
}

TEST_CASE("files over --max-bytes and headers over --max-header-bytes are rejected", "[bad][limits]") {
  Limits small;
  small.max_bytes = 100;
  expect_record(std::string(100, 'a'), "x.md", small);  // at the limit: still read
  const Diagnostic file = expect_error(std::string(101, 'a'), "x.md", small);
  CHECK(mentions(file.message, "over the 100-byte limit"));
  CHECK(mentions(file.message, "--max-bytes"));
  small = {};
  small.max_header_bytes = 10;
  const Diagnostic header = expect_error("---\ntitle: longer than ten\n---\n", "x.md", small);
  CHECK(mentions(header.message, "over the 10-byte header limit"));
  CHECK(mentions(header.message, "--max-header-bytes"));
  small.max_header_bytes = 100;
  CHECK(expect_record("---\ntitle: longer than ten\n---\n", "x.md", small).title == "longer than ten");
}

TEST_CASE("too many related entries are rejected with the option that raises the limit", "[bad][limits]") {
  Limits few;
  few.max_related = 2;
  const std::string three = "---\nrelated:\n  - title: a\n  - title: b\n  - title: c\n---\n";
  const Diagnostic d = expect_error(three, "x.md", few);
  CHECK(mentions(d.message, "related has 3 entries, over the limit of 2"));
  CHECK(mentions(d.message, "--max-related"));
  CHECK(expect_record(three).related.size() == 3);
  few.max_related = 3;
  CHECK(expect_record(three, "x.md", few).related.size() == 3);  // at the limit: still read
}

TEST_CASE("binary files and UTF-16 are rejected, invalid UTF-8 is read as Windows-1252", "[bad]") {
  CHECK(mentions(expect_error(std::string("PK\x03\x04\0\0", 6)).message, "binary file"));
  CHECK(mentions(expect_error("\xFF\xFEt\0i\0").message, "UTF-16"));
  const Article a = expect_record("Caf\xE9 \x93quoted\x94\n\nbody \x80\n");
  CHECK(a.title == "Café “quoted”");
  CHECK(a.body == "body €\n");
  REQUIRE(a.warnings.size() == 1);
  CHECK(mentions(a.warnings[0].message, "Windows-1252"));
  CHECK(a.warnings[0].position.line == 1);
}

TEST_CASE("CRLF, a byte-order mark and a missing final newline read as if absent", "[bad]") {
  const std::string clean = "---\ntitle: \"T\"\ntopics:\n  - A\n---\nBody line\nsecond";
  const std::string messy = "\xEF\xBB\xBF---\r\ntitle: \"T\"\r\ntopics:\r\n  - A\r\n---\r\nBody line\r\nsecond";
  const Article a = expect_record(clean), b = expect_record(messy);
  CHECK(a.title == b.title);
  CHECK(a.topics == b.topics);
  CHECK(a.body == b.body);
  CHECK(b.warnings.empty());
}

TEST_CASE("only the first closing line ends the header", "[bad]") {
  const Article a = expect_record("---\ntitle: t\n---\nintro\n---\nmore: text\n...\n");
  CHECK(a.title == "t");
  CHECK(a.body == "intro\n---\nmore: text\n...\n");
  CHECK(expect_record("---\ntitle: y\n...\nbody\n").title == "y");
}

TEST_CASE("values of the wrong type move to extra with a warning", "[bad]") {
  const Article a = expect_record(
      "---\ntitle: [a, b]\nquality: high\nheat: \"12\"\ntopics: AI\npublished: yes\n"
      "publishedDateTime: next tuesday\nrelated:\n  - title: r\n    quality: 3.5\n---\n");
  CHECK_FALSE(a.title);
  CHECK(a.extra.at("title") == nlohmann::ordered_json::array({"a", "b"}));
  CHECK(a.extra.at("quality") == "high");
  CHECK(a.heat == 12);
  CHECK(a.extra.at("topics") == "AI");
  CHECK(a.topics.empty());
  CHECK(a.extra.at("published") == "yes");
  CHECK_FALSE(a.published_date_time);
  CHECK(a.extra.at("publishedDateTime") == "next tuesday");
  CHECK(a.related.at(0).extra.at("quality") == 3.5);
  CHECK(any_warning_mentions(a, "title should be text but is a list"));
  CHECK(any_warning_mentions(a, "quality should be an integer but is the text \"high\""));
  CHECK(any_warning_mentions(a, "heat is the text \"12\", read as the integer 12"));
  CHECK(any_warning_mentions(a, "related[0].quality should be an integer"));
  CHECK(any_warning_mentions(a, "not a date"));
  for (const auto& w : a.warnings) CHECK(w.position.line >= 2);
}

TEST_CASE("a long value quoted in a warning is shortened at a character boundary", "[bad]") {
  // Found by the fuzzer: 0xFF bytes make the file Windows-1252, each becomes the two bytes of "ÿ",
  // and a cut at byte 40 split the last one, so the record was not valid UTF-8.
  const Article a = expect_record("---\npublishedDateTime: 2" + std::string(40, '\xFF') + "\n---\n");
  CHECK(any_warning_mentions(a, "not a date"));
  for (const auto& w : a.warnings) CHECK(is_valid_utf8(w.message));
}

TEST_CASE("dates: offsets converted, fractions dropped, date-only at midnight", "[bad]") {
  const Article a = expect_record("---\npublishedDateTime: 2020-05-19T17:00:00.123+02:00\n---\n");
  CHECK(a.published_date_time == "2020-05-19T15:00:00Z");
  CHECK(expect_record("---\npublishedDateTime: \"2020-05-19\"\n---\n").published_date_time == "2020-05-19T00:00:00Z");
}

TEST_CASE("TOML and JSON front matter", "[bad]") {
  const Article t = expect_record(
      "+++\ntitle = \"From TOML\"\nquality = 5\ntopics = [\"A\"]\n"
      "publishedDateTime = 2020-05-19T15:00:00Z\n[provider]\nname = \"P\"\n+++\nbody\n");
  CHECK(t.source.format == Format::toml);
  CHECK(t.title == "From TOML");
  CHECK(t.quality == 5);
  CHECK(t.published_date_time == "2020-05-19T15:00:00Z");
  CHECK(t.provider->name == "P");
  CHECK(t.body == "body\n");
  const Diagnostic bad_toml = expect_error("+++\ntitle = \n+++\n");
  CHECK(mentions(bad_toml.message, "invalid TOML"));
  CHECK(bad_toml.position.line == 2);
  const Article j = expect_record("{\"title\": \"From {JSON}\", \"heat\": 3}\nbody\n");
  CHECK(j.source.format == Format::json);
  CHECK(j.title == "From {JSON}");
  CHECK(j.heat == 3);
  CHECK(j.body == "body\n");
  const Diagnostic bad_json = expect_error("{\"title\": \"x\",\n \"heat\": }\n");
  CHECK(mentions(bad_json.message, "invalid JSON"));
  CHECK(bad_json.position.line == 2);
}

TEST_CASE("hostile files through the binary stay within bounded memory", "[bad][cli]") {
  TempDir dir;
  std::string laughs = "---\na: &a [x,x,x,x,x,x,x,x,x,x]\n";
  for (char name = 'b', previous = 'a'; name <= 'z'; ++name, ++previous)
    laughs += std::string(1, name) + ": &" + name + " [*" + previous + ",*" + previous + ",*" + previous + "]\n";
  write_file(dir / "laughs.md", laughs + "---\n");
  write_file(dir / "deep.md", "---\nk: " + std::string(1 << 20, '[') + "\n---\n");
  write_file(dir / "wide.md", std::string(8 << 20, 'y'));
  write_file(dir / "good.md", "---\ntitle: fine\n---\n");
  const RunResult run = run_newsnorm("ingest -q '" + dir.path().string() + "'");
  CHECK(run.exit_code == 1);
  CHECK(parse_lines(run.out).size() == 2);  // good.md and wide.md
  CHECK(mentions(run.err, "laughs.md:"));
  CHECK(mentions(run.err, "deep.md:"));
  CHECK(run.max_rss_kib > 0);  // the measurement itself worked
  CHECK(run.max_rss_kib < 400 * 1024);
}
