// Fidelity on real content: clean-up that keeps what markdown means, mojibake repaired only where the
// whole field is misread, decoding per invalid byte, markdown's plain text through cmark-gfm, YAML
// details, and the duplicate-key policy. Through the library and, for some, through the binary.
#include <catch2/catch.hpp>

#include "newsnorm/model/document_parser.hpp"
#include "newsnorm/normalize/normalizer.hpp"
#include "newsnorm/normalize/text_normalize.hpp"
#include "newsnorm/parse/header_tree.hpp"
#include "test_support.hpp"

using namespace newsnorm;
using namespace newsnorm::test;

namespace {

const std::filesystem::path kFixtures = source_dir() / "tests" / "fixtures" / "fidelity";

Article normalized(const std::string& bytes, const Limits& limits = {}) {
  ParseResult result = parse_document(bytes, "fixture.md", limits);
  if (!result.ok()) FAIL("unexpected error: " << result.error().message);
  Article article = std::move(result).value();
  normalize(article, NormalizeOptions{});
  return article;
}

bool any_warning_mentions(const Article& a, const std::string& part) {
  for (const auto& w : a.warnings)
    if (mentions(w.message, part)) return true;
  return false;
}

Json yaml(const std::string& header, const Limits& limits = {}) {
  HeaderResult result = parse_yaml_header(header, 2, limits);
  if (!result.ok()) FAIL("unexpected error: " << result.error().message);
  return result->value;
}

}  // namespace

// ---- 1. Body clean-up keeps what markdown means ----

TEST_CASE("fidelity body: code, <pre> and hard breaks are kept as written", "[fidelity]") {
  const Article a = normalized(read_file(kFixtures / "markdown_code.md"));
  CHECK(
      a.body ==
      "A poem line  \nnext line of the poem\n\nFenced code:\n\n```python\ndef f():  \n    x = 1\n\n\n\n    return "
      "x\t\n```"
      "\n\n~~~\ntilde block  \n\n\nend\n~~~\n\nIndented code:\n\n    first  \n\n\n    second\n\n<pre>\npre line  \n\n\n"
      "pre end</pre>\n\nCompare `a < b` and <!--more--> the rest.");
  CHECK_FALSE(any_warning_mentions(a, "body"));
}

TEST_CASE("fidelity body: outside code, blank runs and trailing blanks still go, CRLF and a BOM are normalized",
          "[fidelity]") {
  Changes changes;
  CHECK(clean_body("\xEF\xBB\xBFone\r\n\r\n\r\n\r\ntwo \t\r\n```\r\ncode  \r\n\r\n\r\n```\r\n", changes) ==
        "one\n\ntwo\n```\ncode  \n\n\n```");
  // Two trailing spaces before a blank line or the end are no hard break.
  CHECK(clean_body("para  \n\nnext  ", changes) == "para\n\nnext");
  // A fence that never closes keeps the rest as code.
  CHECK(clean_body("a\n```\nx  \n\n\n", changes) == "a\n```\nx  ");
  // An HTML body has no indented code: only <pre> is kept.
  CHECK(clean_body("<p>a</p>\n\n    <p>b</p>  \n<pre>x  \n\n\ny</pre>", changes) ==
        "<p>a</p>\n\n    <p>b</p>\n<pre>x  \n\n\ny</pre>");
  CHECK(changes.empty());
}

// ---- 2. Mojibake repair of text that is about mojibake ----

TEST_CASE("fidelity mojibake: text about mojibake stays, a consistently misread body is repaired", "[fidelity]") {
  const std::string about = read_file(kFixtures / "about_mojibake.md");
  const Article a = normalized(about);
  CHECK(mentions(a.body, "- `\u00C3\u201E2` instead of `\u00C4`"));
  CHECK(mentions(a.body, "```\n\u00C3\u00BCber\n```"));
  CHECK_FALSE(any_warning_mentions(a, "mojibake"));

  const Article b = normalized(read_file(kFixtures / "consistent_mojibake.md"));
  CHECK(b.body == "Text of the article.\n\nCopyright \u00A9 1998 - 2024 Example, Inc.");
  CHECK(any_warning_mentions(b, "repaired mojibake"));

  // The same mojibake outside code, beside a correctly encoded character: left alone.
  CHECK_FALSE(repair_mojibake("caf\u00E9 and \u00C3\u00A9").has_value());
  CHECK(repair_mojibake("caf\u00C3\u00A9 and \u00C3\u00A9") == "caf\u00E9 and \u00E9");
  // Only outside code: a body whose only mojibake is in a code span is not repaired.
  Changes changes;
  CHECK(clean_body("Use `\u00C3\u00A9` here", changes) == "Use `\u00C3\u00A9` here");
  CHECK(changes.empty());
  CHECK(clean_body("Caf\u00C3\u00A9 and `x`", changes) == "Caf\u00E9 and `x`");
  CHECK(changes.size() == 1);
}

TEST_CASE("fidelity mojibake: a title that holds a correct accent is not repaired", "[fidelity]") {
  const Article a = normalized("---\ntitle: \"R\u00E9sum\u00E9 vs R\u00C3\u00A9sum\u00C3\u00A9\"\n---\n");
  CHECK(a.title == "R\u00E9sum\u00E9 vs R\u00C3\u00A9sum\u00C3\u00A9");
}

// ---- 3. Decoding per invalid sequence ----

TEST_CASE("fidelity decoding: one stray Windows-1252 byte leaves the valid UTF-8 as it is", "[fidelity]") {
  const std::string bytes =
      "---\ntitle: Caf\u00E9 \x93quoted\x94\ncredit: na\u00EFve\n---\nline two \u00E9\n\nprice \x80"
      "5\n";
  const Article a = normalized(bytes);
  CHECK(a.title == "Caf\u00E9 \u201Cquoted\u201D");
  CHECK(a.extra.at("credit") == "na\u00EFve");
  CHECK(a.body == "line two \u00E9\n\nprice \u20AC5");
  std::size_t encoding_warnings = 0;
  for (const auto& w : a.warnings)
    if (mentions(w.message, "Windows-1252")) {
      ++encoding_warnings;
      CHECK(w.message == "not valid UTF-8 on lines 2, 7: those bytes were read as Windows-1252");
      CHECK(w.position.line == 2);
    }
  CHECK(encoding_warnings == 1);
}

TEST_CASE("fidelity decoding: through the binary, extra sees the same text", "[fidelity][cli]") {
  TempDir dir;
  write_file(dir / "mixed.md", "---\ntitle: ok\nauthor: Ren\u00E9e\nnote: \xE9t\xE9\n---\nbody\n");
  const RunResult run = run_newsnorm("ingest -q '" + (dir / "mixed.md").string() + "'");
  CHECK(run.exit_code == 0);
  const auto records = parse_lines(run.out);
  REQUIRE(records.size() == 1);
  CHECK(records[0]["authors"][0]["name"] == "Ren\u00E9e");  // `author` is read into the authors field
  CHECK(records[0]["extra"]["note"] == "\u00E9t\u00E9");
  CHECK(mentions(records[0]["warnings"].dump(), "not valid UTF-8 on line 4: those bytes were read as Windows-1252"));
}

// ---- 4. `text` by what the body is ----

TEST_CASE("fidelity text: bodies are classified by content", "[fidelity]") {
  CHECK(classify_body("") == BodyKind::empty);
  CHECK(classify_body("<p>a</p>") == BodyKind::html);
  CHECK(classify_body("<!DOCTYPE html><html></html>") == BodyKind::html);
  CHECK(classify_body("# Title\n\nSome *text* with <b>a tag</b>, <i>two</i> and <br> three.") == BodyKind::markdown);
  CHECK(classify_body("Intro text, then <b>bold</b> and <i>italic</i>.") == BodyKind::html);
  CHECK(classify_body("Just a line of text.\nAnother.") == BodyKind::plain);
  CHECK(classify_body("See [the docs](https://example.com).") == BodyKind::markdown);
}

TEST_CASE("fidelity text: markdown through cmark-gfm keeps comments out and code in", "[fidelity]") {
  CHECK(markdown_to_text("# Title\n\nIntro <!--more--> rest with `a < b` and **bold**.\n\n- one\n- two\n") ==
        "Title\n\nIntro rest with a < b and bold.\n\none\ntwo");
  CHECK(markdown_to_text("Before\n\n```\nif (a < b) {\n  x();\n}\n```\n\nAfter [link](https://x) ![img](y.png)") ==
        "Before\n\nif (a < b) {\n  x();\n}\n\nAfter link");
  CHECK(markdown_to_text("line one  \nline two\n\n<div>\n<p>html &amp; block</p>\n</div>\n\n&copy; 2024") ==
        "line one\nline two\n\nhtml & block\n\n\u00A9 2024");
  const Article a = normalized(read_file(kFixtures / "markdown_code.md"));
  REQUIRE(a.text);
  CHECK(mentions(*a.text, "Compare a < b and the rest."));
  CHECK(mentions(*a.text, "def f():\n    x = 1"));
  // Plain text is its own plain text; an empty body has none.
  CHECK(normalized("Title\n\nJust words.\nMore words.\n").text == "Just words.\nMore words.");
  CHECK_FALSE(normalized("---\ntitle: x\n---\n").text.has_value());
}

TEST_CASE("fidelity text: through the binary, a text-format markdown body gets text", "[fidelity][cli]") {
  const RunResult run = run_newsnorm("ingest -q", "A title\n\n## Part\n\nSome `<tag>` and <!--more--> more.\n");
  CHECK(run.exit_code == 0);
  const auto records = parse_lines(run.out);
  REQUIRE(records.size() == 1);
  CHECK(records[0]["source"]["format"] == "text");
  CHECK(records[0]["text"] == "Part\n\nSome <tag> and more.");
}

// ---- 6. YAML details ----

TEST_CASE("fidelity yaml: anchors on keys, !!null, large integers, the N and _ escapes, null-spelled keys",
          "[fidelity]") {
  CHECK(yaml("&k a: 1\nb: *k\n") == Json::parse(R"({"a":1,"b":"a"})"));
  CHECK(yaml("a: !!null ''\nb: !!null ~\nc: !!null\n") == Json::parse(R"({"a":null,"b":null,"c":null})"));
  const Json numbers = yaml(
      "big: 18446744073709551615\nover: 9223372036854775808\nneg: -9223372036854775809\n"
      "huge: 18446744073709551616\nhex: 0xFFFFFFFFFFFFFFFF\n");
  CHECK(numbers["big"].is_number_unsigned());
  CHECK(numbers["big"].get<std::uint64_t>() == 18446744073709551615u);
  CHECK(numbers["over"].get<std::uint64_t>() == 9223372036854775808u);
  CHECK(numbers["neg"] == "-9223372036854775809");
  CHECK(numbers["huge"] == "18446744073709551616");
  CHECK(numbers["hex"].get<std::uint64_t>() == 18446744073709551615u);
  HeaderResult escapes = parse_yaml_header("a: \"x\\Ny\\_z\"\n", 2, {});
  REQUIRE(escapes.ok());
  CHECK(escapes->value["a"] == "x\u0085y\u00A0z");
  CHECK(escapes->warnings.empty());
  CHECK(yaml("null: a\nNull: b\n~: c\nNULL: d\n") == Json::parse(R"({"null":"a","Null":"b","~":"c","NULL":"d"})"));
  CHECK(yaml("a: null\nb: ~\n") == Json::parse(R"({"a":null,"b":null})"));
}

TEST_CASE("fidelity yaml: the large integer reaches the record's extra as a number", "[fidelity][cli]") {
  const RunResult run = run_newsnorm("ingest -q", "---\ntitle: t\nviews: 18446744073709551615\n---\n");
  CHECK(run.exit_code == 0);
  CHECK(mentions(run.out, "\"views\":18446744073709551615"));
}

// Cases of the public yaml-test-suite with tags, each expected value written from the suite's
// in.json (the JSON the YAML means), not from what we print.
TEST_CASE("fidelity yaml: tagged scalars and tagged documents come out as the yaml-test-suite's JSON", "[fidelity]") {
  // 565N, Construct Binary: a !!binary double-quoted scalar continued with '\' line breaks.
  const std::string gif_1 = "R0lGODlhDAAMAIQAAP//9/X17unp5WZmZgAAAOfn515eXvPz7Y6OjuDg4J+fn5";
  const std::string gif_2 = "OTk6enp56enmlpaWNjY6Ojo4SEhP/++f/++f/++f/++f/++f/++f/++f/++f/+";
  const std::string gif_3 = "+f/++f/++f/++f/++f/++SH+Dk1hZGUgd2l0aCBHSU1QACwAAAAADAAMAAAFLC";
  const std::string gif_4 = "AgjoEwnuNAFOhpEMTRiggcz4BNJHrv/zCFcLiwMWYNG84BwwEeECcgggoBADs=";
  const Json binary = yaml("canonical: !!binary \"\\\n " + gif_1 + "\\\n " + gif_2 + "\\\n " + gif_3 + "\\\n " + gif_4 +
                           "\"\ngeneric: !!binary |\n " + gif_1 + "\n " + gif_2 + "\n " + gif_3 + "\n " + gif_4 +
                           "\ndescription:\n The binary value above is a tiny arrow encoded as a gif image.\n");
  CHECK(binary == Json{{"canonical", gif_1 + gif_2 + gif_3 + gif_4},
                       {"generic", gif_1 + "\n" + gif_2 + "\n" + gif_3 + "\n" + gif_4 + "\n"},
                       {"description", "The binary value above is a tiny arrow encoded as a gif image."}});
  // 2XXW, Spec Example 2.25: a document tagged !!set, keys with null values.
  CHECK(yaml("# Sets are represented as a\n# Mapping where each key is\n# associated with a null value\n--- !!set\n"
             "? Mark McGwire\n? Sammy Sosa\n? Ken Griff\n") ==
        Json::parse(R"({"Mark McGwire": null, "Sammy Sosa": null, "Ken Griff": null})"));
  // Spec Example 5.13, Escaped Characters, in a document tagged !!map, under !!str and !!binary
  // (a tag does not change a double-quoted scalar's text) and as a tagged key. yaml-cpp reports a
  // tagged quoted scalar with its tag, not "!", which is how "\N" and "\_" (Latin-1 bytes from
  // yaml-cpp) once went into the tree unrepaired: invalid UTF-8 that threw when the record was written.
  const std::string escaped =
      "\"Fun with \\\\\n\\\" \\a \\b \\e \\f \\\n\\n \\r \\t \\v \\0 \\\n\\  \\_ \\N \\L \\P \\\n\\x41 \\u0041 "
      "\\U00000041\"";
  const Json in_json =
      Json::parse(R"("Fun with \\ \" \u0007 \b \u001b \f \n \r \t \u000b \u0000   \u00a0 \u0085 \u2028 \u2029 A A A")");
  HeaderResult tagged = parse_yaml_header("--- !!map\nplain: " + escaped + "\nstr: !!str " + escaped +
                                              "\nbinary: !!binary " + escaped + "\n? !!str \"x\\Ny\\_z\"\n: key\n",
                                          2, {});
  REQUIRE(tagged.ok());
  CHECK(tagged->value["plain"] == in_json);
  CHECK(tagged->value["str"] == in_json);
  CHECK(tagged->value["binary"] == in_json);
  CHECK(tagged->value["x\u0085y\u00A0z"] == "key");
  CHECK(tagged->warnings.empty());
}

TEST_CASE("fidelity yaml: a tagged quoted value with the N and _ escapes reaches the record as text",
          "[fidelity][cli]") {
  const RunResult run = run_newsnorm("ingest -q", "---\nother: !!str \"x\\Ny\"\nnote: !!binary \"a\\_b\"\n---\n");
  CHECK(run.exit_code == 0);
  CHECK(mentions(run.out, "\"other\":\"x\u0085y\""));
  CHECK(mentions(run.out, "\"note\":\"a\u00A0b\""));
}

// ---- 7. Duplicate keys ----

TEST_CASE("fidelity duplicate keys: error by default, first or last with a warning naming both lines", "[fidelity]") {
  const std::string header = "title: one\nother: x\ntitle: two\n";
  HeaderResult rejected = parse_yaml_header(header, 2, {});
  REQUIRE_FALSE(rejected.ok());
  CHECK(mentions(rejected.error().message, "duplicate key 'title' (first defined on line 2)"));
  Limits first;
  first.duplicate_keys = DuplicateKeys::first;
  Limits last;
  last.duplicate_keys = DuplicateKeys::last;
  HeaderResult kept_first = parse_yaml_header(header, 2, first);
  REQUIRE(kept_first.ok());
  CHECK(kept_first->value == Json::parse(R"({"title":"one","other":"x"})"));
  REQUIRE(kept_first->warnings.size() == 1);
  CHECK(kept_first->warnings[0].message ==
        "duplicate key 'title' on lines 2 and 4: the first value was kept (--duplicate-keys first)");
  HeaderResult kept_last = parse_yaml_header(header, 2, last);
  REQUIRE(kept_last.ok());
  CHECK(kept_last->value.dump() == R"({"title":"two","other":"x"})");
  CHECK(kept_last->warnings[0].message ==
        "duplicate key 'title' on lines 2 and 4: the last value was kept (--duplicate-keys last)");
  // A nested repeated mapping is dropped or kept whole.
  HeaderResult nested = parse_yaml_header("a: {x: 1}\na:\n  y: [1, 2]\n", 2, first);
  REQUIRE(nested.ok());
  CHECK(nested->value == Json::parse(R"({"a":{"x":1}})"));

  const std::string json = "{\n  \"title\": \"one\",\n  \"title\": \"two\",\n  \"n\": 1\n}";
  CHECK_FALSE(parse_json_header(json, 1, {}).ok());
  HeaderResult json_first = parse_json_header(json, 1, first);
  REQUIRE(json_first.ok());
  CHECK(json_first->value.dump() == R"({"title":"one","n":1})");
  CHECK(json_first->warnings[0].message ==
        "duplicate key 'title' on lines 2 and 3: the first value was kept (--duplicate-keys first)");
  HeaderResult json_last = parse_json_header(json, 1, last);
  REQUIRE(json_last.ok());
  CHECK(json_last->value.dump() == R"({"title":"two","n":1})");
}

TEST_CASE("fidelity duplicate keys: --duplicate-keys through the binary", "[fidelity][cli]") {
  const std::string input = "---\ntitle: one\ntitle: two\n---\nbody\n";
  const RunResult rejected = run_newsnorm("ingest -q", input);
  CHECK(rejected.exit_code == 1);
  CHECK(mentions(rejected.err, "duplicate key 'title'"));
  for (const std::string policy : {"first", "last"}) {
    const RunResult run = run_newsnorm("ingest -q --duplicate-keys " + policy, input);
    CHECK(run.exit_code == 0);
    const auto records = parse_lines(run.out);
    REQUIRE(records.size() == 1);
    CHECK(records[0]["title"] == (policy == "first" ? "one" : "two"));
    CHECK(mentions(records[0]["warnings"].dump(), "on lines 2 and 3: the " + policy + " value was kept"));
  }
  const RunResult json_last = run_newsnorm("ingest -q --duplicate-keys last", "{\"title\": \"a\", \"title\": \"b\"}\n");
  CHECK(json_last.exit_code == 0);
  CHECK(mentions(json_last.out, "\"title\":\"b\""));
  const RunResult bad = run_newsnorm("ingest --duplicate-keys sometimes", input);
  CHECK(bad.exit_code == 2);
}
