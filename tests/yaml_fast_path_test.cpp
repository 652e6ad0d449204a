// The YAML fast path against yaml-cpp's path: on every real header we have, on generated variants
// of the constructs front matter uses, and on the fuzzer's finds, wherever the fast path reads a
// header its tree must be yaml-cpp's (tests/fuzz/yaml_fast_diff.hpp). And what it must decline,
// it declines, with parse_yaml_header then answering as yaml-cpp does.
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include "newsnorm/parse/front_matter.hpp"
#include "newsnorm/parse/header_yaml_fast.hpp"
#include "newsnorm/read/text_decoding.hpp"
#include "test_support.hpp"
#include "yaml_fast_diff.hpp"

using namespace newsnorm;
using namespace newsnorm::test;

namespace {

struct Header {
  std::string text;
  int first_line = 2;
};

// The YAML headers of the files under `root`, split as the pipeline splits them.
std::vector<Header> yaml_headers_under(const std::filesystem::path& root) {
  std::vector<Header> headers;
  for (const auto& path : files_under(root)) {
    const std::string bytes = read_file(path);
    std::string scratch;
    Result<DecodedText> decoded = decode_text(bytes, scratch);
    if (!decoded) continue;
    Result<FrontMatter> split = split_document(decoded->text, path.string());
    if (split && split->format == Format::yaml) headers.push_back({std::string(split->header), split->header_line});
  }
  return headers;
}

// Checks every header; returns how many the fast path took.
std::size_t check_all(const std::vector<Header>& headers, const Limits& limits = {}) {
  std::size_t taken = 0;
  for (const Header& header : headers) {
    const YamlFastDiff diff = compare_yaml_paths(header.text, header.first_line, limits);
    INFO(header.text);
    CHECK(diff.difference == "");
    taken += diff.taken;
  }
  return taken;
}

std::vector<Header> real_headers() {
  std::vector<Header> all;
  for (const auto& root : {shared_dir() / "seeds", corpus_dir(), seeds_dir(), shared_dir() / "extraction" / "html"})
    for (Header& header : yaml_headers_under(root)) all.push_back(std::move(header));
  return all;
}

// Scalars as front matter writes them, and as it might: every spelling the plain-scalar resolution
// distinguishes, every escape, quotes, indicators, comments and trailing spaces.
const std::vector<std::string>& scalar_spellings() {
  static const std::vector<std::string> spellings = {"hello",
                                                     "hello world",
                                                     "a  b",
                                                     "trailing   ",
                                                     "a:b",
                                                     "http://x.example/p?q=1#frag",
                                                     "a#b",
                                                     "a # comment",
                                                     "a #b: c",
                                                     "1e3",
                                                     "1E3",
                                                     "1e+3",
                                                     "1e-3",
                                                     "0x1F",
                                                     "0x1f",
                                                     "0xFFFFFFFFFFFFFFFF",
                                                     "0x10000000000000000",
                                                     "0x",
                                                     "0xG",
                                                     "0o17",
                                                     "0o8",
                                                     "+1",
                                                     "+0",
                                                     "-0",
                                                     "-1",
                                                     ".5",
                                                     "-.5",
                                                     "+.5",
                                                     "5.",
                                                     "1.0",
                                                     "1.2.3",
                                                     "007",
                                                     "08",
                                                     "1_000",
                                                     "9223372036854775807",
                                                     "9223372036854775808",
                                                     "18446744073709551615",
                                                     "18446744073709551616",
                                                     "-9223372036854775808",
                                                     "-9223372036854775809",
                                                     "1e400",
                                                     "-1e400",
                                                     ".inf",
                                                     "-.inf",
                                                     "+.inf",
                                                     ".Inf",
                                                     ".nan",
                                                     ".NaN",
                                                     ".NAN",
                                                     "true",
                                                     "True",
                                                     "TRUE",
                                                     "tRue",
                                                     "false",
                                                     "False",
                                                     "FALSE",
                                                     "yes",
                                                     "No",
                                                     "on",
                                                     "OFF",
                                                     "y",
                                                     "null",
                                                     "Null",
                                                     "NULL",
                                                     "nULL",
                                                     "~",
                                                     "~x",
                                                     "2022-11-19",
                                                     "2022-11-19T13:00:00Z",
                                                     "2022-11-19 13:00:00 +01:00",
                                                     "13:00",
                                                     "1:2",
                                                     "12:30:45",
                                                     "-x",
                                                     "--x",
                                                     "---",
                                                     "...",
                                                     "-",
                                                     "a]",
                                                     "a[b]",
                                                     "a{b}",
                                                     "a,b",
                                                     "a, b",
                                                     "it's",
                                                     "a \"b\" c",
                                                     "x!",
                                                     "x&y",
                                                     "x*y",
                                                     "a|b",
                                                     "a>b",
                                                     "$x",
                                                     "^x",
                                                     "=",
                                                     "<<",
                                                     "a\\b",
                                                     "a\\",
                                                     "é",
                                                     "日本語",
                                                     "emoji 😀",
                                                     "\xC2\xA0nbsp",
                                                     "a\xE2\x80\xA8"
                                                     "b",
                                                     "a\xC2\x85"
                                                     "b",
                                                     "zero\xEF\xBB\xBFwidth",
                                                     "a\tb",
                                                     "a\rb",
                                                     "\"a\"",
                                                     "\"\"",
                                                     "\"a: b\"",
                                                     "\"a #b\"",
                                                     "\"  spaced  \"",
                                                     "\"a\" # c",
                                                     "\"a\"   ",
                                                     "\"a\"#c",
                                                     "\"a\"b",
                                                     "\"unterminated",
                                                     "\"a\\\"b\"",
                                                     "\"\\0\\a\\b\\t\\n\\v\\f\\r\\e\\ \\\"\\/\\\\\"",
                                                     "\"\\N\\_\\L\\P\"",
                                                     "\"x\\Ny\\_z\"",
                                                     "\"\\x41\\xe9\\xFF\\x00\"",
                                                     "\"\\u00e9\\u2028\\uFFFF\\uFEFF\"",
                                                     "\"\\U0001F600\\U0010FFFF\"",
                                                     "\"\\ud800\"",
                                                     "\"\\uDFFF\"",
                                                     "\"\\U00110000\"",
                                                     "\"\\x4\"",
                                                     "\"\\xZZ\"",
                                                     "\"\\'\"",
                                                     "\"\\q\"",
                                                     "\"\\\t\"",
                                                     "\"tab\tinside\"",
                                                     "\"ends with \\\\\"",
                                                     "\"\\",
                                                     "'a'",
                                                     "''",
                                                     "'it''s'",
                                                     "'a: b #c'",
                                                     "'\\n'",
                                                     "'a' # c",
                                                     "'a'b",
                                                     "'''",
                                                     "''''",
                                                     "'unterminated",
                                                     "'é'",
                                                     "'\"'",
                                                     "\"'\"",
                                                     "&anchor a",
                                                     "*alias",
                                                     "!tag a",
                                                     "!!str 1",
                                                     "!!int 1",
                                                     "[a, b]",
                                                     "{a: 1}",
                                                     "[]",
                                                     "{}",
                                                     "|",
                                                     ">",
                                                     "|-",
                                                     "? a",
                                                     ": a",
                                                     "%x",
                                                     "@x",
                                                     "`x`",
                                                     ",x",
                                                     "#x",
                                                     "a: b",
                                                     "a:",
                                                     "a :b",
                                                     "a\xC3",
                                                     "\xFF"};
  return spellings;
}

const std::vector<std::string>& key_spellings() {
  static const std::vector<std::string> keys = {"title",     "key with spaces",
                                                "dash-key",  "dot.key",
                                                "_under",    "1",
                                                "007",       "true",
                                                "null",      "Null",
                                                "NULL",      "~",
                                                "nULL",      "ключ",
                                                "a.b-c_d e", "a ",
                                                "a  b",      "-a",
                                                ".a",        "a/b",
                                                "a~b",       "\"quoted\"",
                                                "'quoted'",  "a#b",
                                                "a #b",      "a:b",
                                                "&k a",      "!t a",
                                                "? a",       "[a]",
                                                "{a: 1}",    "<<",
                                                "$ref",      "@context",
                                                "a\tb",      std::string(1030, 'k')};
  return keys;
}

// Each scalar in each place front matter puts one.
std::vector<Header> generated_headers() {
  std::vector<Header> headers;
  const auto add = [&](std::string text) { headers.push_back({std::move(text), 2}); };
  for (const std::string& v : scalar_spellings()) {
    add(fmt::format("k: {}\n", v));
    add(fmt::format("a: 1\nk: {}\nz: 2\n", v));
    add(fmt::format("a:\n  k: {}\n  z: 1\nb: 2\n", v));
    add(fmt::format("list:\n  - {}\n  - {}\nnext: 1\n", v, v));
    add(fmt::format("list:\n- {}\n- x\nnext: 1\n", v));
    add(fmt::format("items:\n  - k: {}\n    z: {}\n  - k: {}\n", v, v, v));
    add(fmt::format("a:\n  b:\n    - c: {}\n      d:\n        - {}\n", v, v));
    add(fmt::format("k: {}\n  continued\n", v));
    add(fmt::format("k:\n  {}\n", v));
    add(fmt::format("- {}\n", v));
    add(fmt::format("k: {}", v));  // no final newline
  }
  for (const std::string& k : key_spellings()) {
    add(fmt::format("{}: 1\nz: 2\n", k));
    add(fmt::format("a:\n  {}: x\n", k));
    add(fmt::format("list:\n  - {}: x\n    {}x: y\n", k, k));
    add(fmt::format("{}:\n  - 1\n", k));
  }
  // Layout: indentation, lists at the key's indent and deeper, empty values, comments, blank lines.
  for (const char* text : {
           "a:\n b:\n  c: 1\n",
           "a:\n   b: 1\n   c: 2\n",
           "a:\n    b: 1\n  c: 2\n",
           "a:\n  b: 1\n c: 2\n",
           "a:\n- 1\n-   2\n-  x: 1\n   y: 2\n",
           "a:\n  -  x: 1\n     y: 2\n  -   z: 3\n",
           "a:\n  - x: 1\n   y: 2\n",
           "a:\n  - x: 1\n      y: 2\n",
           "a:\n  - x:\n    - 1\n    - 2\n",
           "- a:\n  - 1\n",
           "a:\n  - x:\n    y: 1\n",
           "a:\n  - x:\n      y: 1\n    z: 2\n",
           "a:\n  - 1\n  b: 2\n",
           "a:\n- 1\n  - 2\n",
           "a:\n  - - 1\n",
           "a:\n  -\n    b: 1\n",
           "a:\n  -\n  - 1\n",
           "a:\n  - # c\n    b: 1\n",
           "a:\nb:\nc:\n",
           "a:\n",
           "a:",
           "a: \n",
           "a:    # comment\n  b: 1\n",
           "a: # comment\nb: 1\n",
           "# first\na: 1\n# between\n\n   \nb: 2\n  # deeper\nc: 3\n    # deepest\n",
           "a: 1\n  # comment deeper than a\nb: 2\n",
           "a:\n  b: 1\n  # here\n  c: 2\n",
           "a:\n  - 1\n  # here\n  - 2\n",
           "a:\n  - x: 1\n    # here\n    y: 2\n",
           "a: 1   \nb:   \n  c: 2   \n  d:\n  - 3   \n",
           "a: 1 # c\nb: \"x\" # c\nc: 'y'  #c\n",
           "a: 1#c\n",
           "  a: 1\n  b: 2\n",
           " a: 1\n",
           "a: 1\n b: 2\n",
           "a:\n  b: 1\n    c: 2\n",
           "a: 1\n---\nb: 2\n",
           "a: 1\n...\n",
           "a: 1\n--- x\n",
           "%YAML 1.2\n---\na: 1\n",
           "a: 1\na: 2\n",
           "a:\n  b: 1\n  b: 2\n",
           "a: &x 1\nb: *x\n",
           "\xEF\xBB\xBF"
           "a: 1\n",
           "a: 1\r\nb: 2\r\n",
           "a: 1\rb: 2\r",
           "a:\n\tb: 1\n",
           "a: 1\t\n",
           "a:\t1\n",
           "",
           "\n\n",
           "# only a comment\n",
           "- 1\n- 2\n",
           "just text\n",
           "a: b: c\n",
           "a: 'multi\n  line'\n",
           "a: \"multi\n  line\"\n",
           "a: \"folded \\\n  line\"\n",
           "a: plain\n  more plain\n",
           "? a\n: b\n",
           "a: |\n  text\n",
           "a: >\n  text\n",
           "a: !!binary YQ==\n",
       })
    add(text);
  // Very long lines and keys.
  add("k: " + std::string(100000, 'x') + "\n");
  add("k: \"" + std::string(50000, 'y') + "\\u00e9\"\n");
  add(std::string(1024, 'k') + ": 1\n");
  add(std::string(1025, 'k') + ": 1\n");
  // Deep nesting around the fast path's 64 levels and the default --max-depth of 64.
  for (const int depth : {2, 10, 63, 64, 65, 100}) {
    std::string text;
    for (int level = 0; level < depth; ++level) text += std::string(2 * level, ' ') + "k:\n";
    text += std::string(2 * depth, ' ') + "leaf: 1\n";
    add(text);
    std::string lists;
    for (int level = 0; level < depth; ++level) lists += std::string(2 * level, ' ') + "- k:\n";
    add(lists);
  }
  return headers;
}

// Corpus headers written the other ways front matter is written: deeper indents, trailing spaces,
// comments after values and between lines, lists one step in. Each keeps its tree.
std::vector<Header> rewritten(const std::vector<Header>& headers) {
  std::vector<Header> out;
  const auto each_line = [](const std::string& text, auto change) {
    std::string result;
    for (std::size_t start = 0; start < text.size();) {
      std::size_t end = text.find('\n', start);
      if (end == std::string::npos) end = text.size();
      result += change(text.substr(start, end - start));
      result += '\n';
      start = end + 1;
    }
    return result;
  };
  for (const Header& header : headers) {
    out.push_back({each_line(header.text, [](std::string line) { return line + "   "; }), header.first_line});
    out.push_back({each_line(header.text,
                             [](std::string line) {
                               // Every indented line two columns further in: nested blocks at 4, 6...
                               return line.starts_with(' ') ? "  " + line : line;
                             }),
                   header.first_line});
    out.push_back({each_line(header.text, [](std::string line) { return line + " # note\n# between"; }), 7});
    // Every list item, with all the lines inside it, two columns further in.
    std::vector<std::size_t> items;  // the dash columns of the items a line is inside
    out.push_back({each_line(header.text,
                             [&](std::string line) {
                               const std::size_t indent = line.find_first_not_of(' ');
                               if (indent == std::string::npos) return line;
                               while (!items.empty() && items.back() >= indent) items.pop_back();
                               if (line.compare(indent, 2, "- ") == 0) items.push_back(indent);
                               return std::string(2 * items.size(), ' ') + line;
                             }),
                   header.first_line});
  }
  return out;
}

}  // namespace

TEST_CASE("the YAML fast path builds yaml-cpp's tree for every real header and takes 95% of them", "[yaml-fast]") {
  const std::vector<Header> corpus = yaml_headers_under(corpus_dir());
  REQUIRE(corpus.size() > 1000);
  const std::size_t corpus_taken = check_all(corpus);
  const std::vector<Header> all = real_headers();
  const std::size_t all_taken = check_all(all);
  WARN(fmt::format("YAML fast path: {} of {} corpus headers ({:.1f}%), {} of {} real headers in all", corpus_taken,
                   corpus.size(), 100.0 * static_cast<double>(corpus_taken) / static_cast<double>(corpus.size()),
                   all_taken, all.size()));
  // A fast path that declines everything agrees with yaml-cpp everywhere; it must also be used.
  CHECK(static_cast<double>(corpus_taken) >= 0.95 * static_cast<double>(corpus.size()));
}

TEST_CASE("the YAML fast path builds yaml-cpp's tree for generated and rewritten headers", "[yaml-fast]") {
  const std::vector<Header> generated = generated_headers();
  const std::size_t generated_taken = check_all(generated);
  const std::vector<Header> variants = rewritten(yaml_headers_under(corpus_dir()));
  const std::size_t variants_taken = check_all(variants);
  // The other duplicate-key policies and a small depth limit: what the fast path takes is the same.
  Limits first, shallow;
  first.duplicate_keys = DuplicateKeys::first;
  shallow.max_depth = 2;
  const std::size_t first_taken = check_all(generated, first);
  const std::size_t shallow_taken = check_all(generated, shallow);
  WARN(fmt::format(
      "YAML fast path: {} of {} generated headers, {} of {} rewritten corpus headers; with --duplicate-keys first {}, "
      "with --max-depth 2 {}",
      generated_taken, generated.size(), variants_taken, variants.size(), first_taken, shallow_taken));
  CHECK(generated_taken > generated.size() / 3);
  CHECK(variants_taken > variants.size() * 9 / 10);
  CHECK(first_taken == generated_taken);
  CHECK(shallow_taken < generated_taken);
}

TEST_CASE("the YAML fast path agrees with yaml-cpp on every input the fuzzer found", "[yaml-fast][fuzz]") {
  const auto folder = source_dir() / "tests" / "fixtures" / "fuzz-regressions";
  std::size_t checked = 0;
  for (const auto& path : files_under(folder)) {
    if (!path.filename().string().starts_with("yaml-fast-")) continue;
    INFO(path.string());
    CHECK(compare_yaml_paths(read_file(path)).difference == "");
    ++checked;
  }
  CHECK(checked > 0);
}

TEST_CASE("the YAML fast path declines what is not its subset, and yaml-cpp reads it as before", "[yaml-fast]") {
  const std::vector<std::pair<const char*, std::string>> constructs = {
      {"a tab in indentation", "a:\n\tb: 1\n"},
      {"a tab after a value", "a: 1\t\n"},
      {"an anchor and an alias", "a: &x 1\nb: *x\n"},
      {"an anchor on a key", "&k a: 1\nb: *k\n"},
      {"a tag", "a: !!str 1\n"},
      {"a local tag", "a: !mine x\n"},
      {"a flow list", "a: [1, 2]\n"},
      {"a flow mapping", "a: {b: 1}\n"},
      {"an explicit key", "? a\n: 1\n"},
      {"a document start inside", "a: 1\n---\nb: 2\n"},
      {"a document end inside", "a: 1\n...\n"},
      {"a directive", "%YAML 1.2\n---\na: 1\n"},
      {"a multi-line plain scalar", "a: one\n  two\n"},
      {"a plain scalar on the line below its key", "a:\n  one\n"},
      {"a multi-line single-quoted scalar", "a: 'one\n  two'\n"},
      {"a multi-line double-quoted scalar", "a: \"one\n  two\"\n"},
      {"an escaped line break", "a: \"one \\\n  two\"\n"},
      {"a literal block scalar", "a: |\n  text\n"},
      {"a folded block scalar", "a: >-\n  text\n"},
      {"a quoted key", "\"a\": 1\n"},
      {"a key ending in a space", "a : 1\n"},
      {"a key with a slash", "a/b: 1\n"},
      {"a repeated key", "a: 1\na: 2\n"},
      {"a repeated nested key", "a:\n  b: 1\n  b: 2\n"},
      {"a null key", "null: 1\n"},
      {"a ~ key", "~: 1\n"},
      {"a byte-order mark",
       "\xEF\xBB\xBF"
       "a: 1\n"},
      {"CRLF line ends", "a: 1\r\nb: 2\r\n"},
      {"text that is not UTF-8", "a: caf\xE9\n"},
      {"a control character", "a: x\x01y\n"},
      {"a NEL", "a: x\xC2\x85y\n"},
      {"a line separator", "a: x\xE2\x80\xA8y\n"},
      {"': ' inside a plain value", "a: b: c\n"},
      {"a plain value ending in ':'", "a: b:\n"},
      {"a value starting with '@'", "a: @x\n"},
      {"a value starting with '`'", "a: `x`\n"},
      {"a value starting with '%'", "a: %x\n"},
      {"a value starting with ','", "a: ,x\n"},
      {"a value starting with '?'", "a: ?x\n"},
      {"a list item with nothing after the dash", "a:\n  -\n    b: 1\n"},
      {"a list in a list item", "a:\n  - - 1\n"},
      {"a root list", "- 1\n- 2\n"},
      {"a root scalar", "just text\n"},
      {"an indented root", "  a: 1\n"},
      {"an empty header", ""},
      {"a header of comments", "# nothing\n"},
      {"a double-quoted \\' (yaml-cpp's, not YAML's)", "a: \"\\'\"\n"},
      {"an unknown escape", "a: \"\\q\"\n"},
      {"a lone surrogate", "a: \"\\ud800\"\n"},
      {"a code point past U+10FFFF", "a: \"\\U00110000\"\n"},
      {"text after a closing quote", "a: \"x\" y\n"},
      {"a comment right after a closing quote", "a: \"x\"#c\n"},
      {"a line between two indents", "a:\n    b: 1\n  c: 2\n"},
      {"a deeper line after a list item", "a:\n  - 1\n    b: 2\n"},
  };
  std::string deep;
  for (int level = 0; level < 65; ++level) deep += std::string(level, ' ') + "k:\n";
  Limits shallow;
  shallow.max_depth = 3;
  for (const auto& [what, text] : constructs) {
    INFO(what);
    CHECK_FALSE(parse_yaml_fast(text, 2, {}));
    const HeaderResult read = parse_yaml_header(text, 2, {});
    const HeaderResult by_yaml_cpp = parse_yaml_header_by_yaml_cpp(text, 2, {});
    REQUIRE(read.ok() == by_yaml_cpp.ok());
    if (read)
      CHECK(read->value.dump(-1, ' ', false, Json::error_handler_t::replace) ==
            by_yaml_cpp->value.dump(-1, ' ', false, Json::error_handler_t::replace));
    else
      CHECK(read.error().message == by_yaml_cpp.error().message);
  }
  CHECK_FALSE(parse_yaml_fast(deep, 2, {}));                                   // past 64 levels
  CHECK_FALSE(parse_yaml_fast("a:\n  b:\n    c:\n      d: 1\n", 2, shallow));  // past --max-depth: yaml-cpp's message
  CHECK(parse_yaml_fast("a:\n  b:\n    c: 1\n", 2, shallow));
}

TEST_CASE("the YAML fast path records every position as it reads", "[yaml-fast]") {
  const std::optional<HeaderTree> tree =
      parse_yaml_fast("title: x\nrelated:\n  - title: a\n    url: b\n  -   \"quoted\"\ntopics:\n- AI\n", 5, {});
  REQUIRE(tree);
  CHECK(tree->position("/title").line == 5);
  CHECK(tree->position("/related/0").column == 5);
  CHECK(tree->position("/related/0/url").line == 8);
  CHECK(tree->position("/related/0/url").column == 5);
  CHECK(tree->position("/related/1").column == 7);
  CHECK(tree->position("/topics/0").line == 11);
  CHECK(tree->position("/topics/0").column == 3);
  CHECK(tree->position("/nothing").line == 0);
}
