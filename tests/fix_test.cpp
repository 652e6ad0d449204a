// `newsnorm fix`: the normalizer's changes written back into the header as the smallest edit, in
// memory (one per way a YAML value can be written) and end to end over a copy of the corpus.
#include <sys/stat.h>

#include <cstdlib>
#include <regex>
#include <set>
#include <sstream>

#include <catch2/catch.hpp>

#include "newsnorm/fix/fix.hpp"
#include "test_support.hpp"

using namespace newsnorm;
using namespace newsnorm::test;

namespace {

FileFix fix(const std::string& text, const std::string& path = "post.md") {
  return fix_document(text, path, IngestOptions{});
}

// The file after fixing, which must also be what a second fix leaves alone.
std::string fixed(const std::string& text, const std::string& path = "post.md") {
  const FileFix first = fix(text, path);
  INFO(text);
  for (const auto& problem : first.problems) INFO(problem.message);
  CHECK(first.problems.empty());
  CHECK(first.changed);
  const FileFix second = fix(first.bytes, path);
  CHECK_FALSE(second.changed);
  CHECK(second.bytes == first.bytes);
  return first.bytes;
}

bool has_fix_warning(const std::vector<Diagnostic>& warnings) {
  return std::any_of(warnings.begin(), warnings.end(), [](const Diagnostic& d) { return d.fix != nullptr; });
}

}  // namespace

TEST_CASE("fix: a plain value is replaced and the rest of the file stays byte for byte", "[fix]") {
  const std::string before =
      "---\n# a comment\ntitle: Tom &amp; Jerry\n\nauthors:\n  - name: Ann\n---\nThe   body &amp; stays.  \n\n\n";
  CHECK(fixed(before) ==
        "---\n# a comment\ntitle: Tom & Jerry\n\nauthors:\n  - name: Ann\n---\nThe   body &amp; stays.  \n\n\n");
  const FileFix result = fix(before);
  REQUIRE(result.values.size() == 1);
  CHECK(result.values[0].pointer == "/title");
  CHECK(result.values[0].from == "Tom &amp; Jerry");
  CHECK(result.values[0].to == "Tom & Jerry");
  CHECK_FALSE(has_fix_warning(result.remaining));
}

TEST_CASE("fix: single- and double-quoted values keep their quotes", "[fix]") {
  CHECK(fixed("---\ntitle: 'Tom &amp; Jerry''s'\n---\n") == "---\ntitle: 'Tom & Jerry''s'\n---\n");
  CHECK(fixed("---\ntitle: \"Tom &amp; \\\"Jerry\\\"\"\n---\n") == "---\ntitle: \"Tom & \\\"Jerry\\\"\"\n---\n");
  // A double-quoted value folded over two lines becomes one line; the next key stays.
  CHECK(fixed("---\nexcerpt: \"One &amp;\n  two\"\ntitle: T\n---\n") == "---\nexcerpt: \"One & two\"\ntitle: T\n---\n");
}

TEST_CASE("fix: folded and literal blocks stay blocks, with what followed the indicator", "[fix]") {
  CHECK(fixed("---\nexcerpt: > # why\n  Tom &amp;\n  Jerry\n\ntitle: T\n---\n") ==
        "---\nexcerpt: >- # why\n  Tom & Jerry\n\ntitle: T\n---\n");
  CHECK(fixed("---\nexcerpt: |\n    Tom &amp; Jerry\ntitle: T\n---\n") ==
        "---\nexcerpt: |-\n    Tom & Jerry\ntitle: T\n---\n");
}

TEST_CASE("fix: values inside flow sequences and mappings", "[fix]") {
  // A number where text belongs is quoted so that it stays text; its neighbours are untouched.
  CHECK(fixed("---\ntitle: T\ntopics: [2021, b ,c]\n---\n") == "---\ntitle: T\ntopics: [\"2021\", b ,c]\n---\n");
  CHECK(fixed("---\nurl: https://www.bbc.co.uk/news/1\nprovider: {name: Auntie, domain: www.bbc.co.uk}\n---\n") ==
        "---\nurl: https://www.bbc.co.uk/news/1\nprovider: {name: Auntie, domain: bbc.co.uk}\n---\n");
}

TEST_CASE("fix: CRLF files keep their line endings, in blocks too", "[fix]") {
  CHECK(fixed("---\r\ntitle: A &amp; B\r\nheat: 1\r\n---\r\nbody\r\n") ==
        "---\r\ntitle: A & B\r\nheat: 1\r\n---\r\nbody\r\n");
  CHECK(fixed("---\r\nexcerpt: >\r\n  A &amp;\r\n  B\r\ntitle: T\r\n---\r\n") ==
        "---\r\nexcerpt: >-\r\n  A & B\r\ntitle: T\r\n---\r\n");
  // A byte-order mark stays too.
  CHECK(fixed("\xEF\xBB\xBF---\r\ntitle: A &amp; B\r\n---\r\n") == "\xEF\xBB\xBF---\r\ntitle: A & B\r\n---\r\n");
}

TEST_CASE("fix: comments after values stay, with their spacing", "[fix]") {
  CHECK(fixed("---\ntitle: A &amp; B   # keep me\nquality: \"65\"  # a score\n---\n") ==
        "---\ntitle: A & B   # keep me\nquality: 65  # a score\n---\n");
}

TEST_CASE("fix: a value that cannot stay plain is quoted", "[fix]") {
  CHECK(fixed("---\ntitle: Price&#58; 10\n---\n") == "---\ntitle: \"Price: 10\"\n---\n");
  CHECK(fixed("---\ntitle: 2021\n---\n") == "---\ntitle: \"2021\"\n---\n");
  CHECK(fixed("---\ntitle: '&#35;hashtag'\n---\n") == "---\ntitle: '#hashtag'\n---\n");
}

TEST_CASE("fix: unicode, entities and mojibake", "[fix]") {
  CHECK(fixed("---\ntitle: Caf&eacute; über\n---\n") == "---\ntitle: Café über\n---\n");
  CHECK(fixed("---\ntitle: \"Followingâ€™s \xC3\xA2\xE2\x82\xAC\xCB\x9C\"\n---\n")
            .starts_with("---\ntitle: \"Following’s"));
  CHECK(fixed("---\ntitle: \"Caf\\u00e9 &amp; \\u2014\"\n---\n") == "---\ntitle: \"Café & —\"\n---\n");
}

TEST_CASE("fix: dates, addresses, numbers and provider names", "[fix]") {
  CHECK(fixed("---\ndate: 2020-05-19 10:00:00 -0700\n---\n") == "---\ndate: 2020-05-19T17:00:00Z\n---\n");
  CHECK(fixed("---\nwebUrl: https://Example.com/a?utm_source=x&id=2#top\n---\n") ==
        "---\nwebUrl: https://example.com/a?id=2\n---\n");
  CHECK(fixed("---\nheat: '60'\npublished: \"true\"\nquality: 6.0\n---\n") ==
        "---\nheat: 60\npublished: true\nquality: 6\n---\n");
  CHECK(fixed("---\nurl: https://venturebeat.com/a\nprovider:\n  name: VB\n  domain: www.venturebeat.com\n---\n") ==
        "---\nurl: https://venturebeat.com/a\nprovider:\n  name: VentureBeat\n  domain: venturebeat.com\n---\n");
  // A value read from an alias is fixed where it stands.
  CHECK(fixed("---\ndescription: Q&amp;A\n---\n") == "---\ndescription: Q&A\n---\n");
  // Values in related entries and author names, in a list of a bare name.
  CHECK(fixed("---\nrelated:\n  - title: R &amp; D\n    webUrl: https://x.com/r\nauthor: Jos&eacute;\n---\n") ==
        "---\nrelated:\n  - title: R & D\n    webUrl: https://x.com/r\nauthor: José\n---\n");
}

TEST_CASE("fix: a JSON header is fixed in place too", "[fix]") {
  CHECK(fixed("{\n  \"title\": \"A &amp; B\",\n  \"heat\": \"3\"\n}\nbody\n") ==
        "{\n  \"title\": \"A & B\",\n  \"heat\": 3\n}\nbody\n");
}

TEST_CASE("fix: what needs more than a new value is reported and left", "[fix]") {
  // A related entry that is the article itself would have to be deleted; a missing provider added.
  const std::string text =
      "---\ntitle: T\nwebUrl: https://x.com/a\nrelated:\n  - title: Same\n    webUrl: https://x.com/a/\n---\n";
  const FileFix result = fix(text);
  CHECK_FALSE(result.changed);
  CHECK(result.bytes == text);
  CHECK(result.problems.empty());
  CHECK(any_mentions(result.remaining, "links to the article itself"));
  CHECK(any_mentions(result.remaining, "provider was missing"));

  // TOML headers are not rewritten: said, and left.
  const FileFix toml = fix("+++\ntitle = \"A &amp; B\"\n+++\n");
  CHECK_FALSE(toml.changed);
  REQUIRE(toml.problems.size() == 1);
  CHECK(toml.problems[0].code == &code::fix_unsupported);
  CHECK(mentions(toml.problems[0].message, "TOML"));
  CHECK(toml.problems[0].position.line == 2);

  // An anchored or aliased value would change elsewhere too.
  const FileFix anchored = fix("---\ntitle: &t A &amp; B\nexcerpt: *t\n---\n");
  CHECK_FALSE(anchored.changed);
  CHECK(any_mentions(anchored.problems, "anchor"));
  CHECK(any_mentions(anchored.problems, "alias"));

  // Text encoded twice would be cleaned again on the next read: that value is left, the rest fixed.
  const FileFix twice = fix("---\ntitle: A &amp;quot;B&amp;quot;\nexcerpt: C &amp; D\n---\n");
  CHECK(twice.changed);
  CHECK(twice.bytes == "---\ntitle: A &amp;quot;B&amp;quot;\nexcerpt: C & D\n---\n");
  CHECK(any_mentions(twice.problems, "title: not fixed"));
}

TEST_CASE("fix: an edit that would not read back as intended is refused, the file left alone", "[fix]") {
  // The mapping holding the name is aliased: changing it in place would change the alias's copy too.
  const std::string text =
      "---\nurl: https://venturebeat.com/a\nprovider: &p\n  name: VB\n  domain: venturebeat.com\nsource: *p\n---\n";
  const FileFix result = fix(text);
  CHECK_FALSE(result.changed);
  CHECK(result.bytes == text);
  CHECK(result.edits.empty());
  REQUIRE(result.problems.size() == 1);
  CHECK(result.problems[0].severity == Severity::error);
  CHECK(result.problems[0].code == &code::fix_refused);
  CHECK(mentions(result.problems[0].message, "does not read as the old one"));
}

TEST_CASE("fix: unified diff with context, line numbers and a missing final newline", "[fix]") {
  const std::string before = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\nm\nn";
  const std::vector<ByteEdit> edits = {{2, 3, "B"}, {4, 5, "C1\nC2"}, {26, 27, "N"}};
  CHECK(unified_diff(before, edits, "x.md") ==
        "--- a/x.md\n+++ b/x.md\n"
        "@@ -1,6 +1,7 @@\n a\n-b\n-c\n+B\n+C1\n+C2\n d\n e\n f\n"
        "@@ -11,4 +12,4 @@\n k\n l\n m\n-n\n\\ No newline at end of file\n+N\n\\ No newline at end of file\n");
  CHECK(unified_diff(before, {}, "x.md").empty());
}

TEST_CASE("fix: a file is replaced whole or not at all, through a link, and not after it changed", "[fix]") {
  TempDir dir;
  const auto target = dir / "post.md";
  write_file(target, "old\n");
  std::filesystem::create_symlink("post.md", dir / "link.md");
  for (const char* call : {"mkstemp", "write", "fsync", "rename"}) {
    INFO(call);
    FaultyOs fake;
    fake.faults = {{call, 1, EIO}};
    ScopedOs scoped(fake);
    const Status replaced = replace_file(target.string(), "new\n", nullptr);
    REQUIRE_FALSE(replaced.ok());
    CHECK(replaced.error().code == &code::output_failed);
    CHECK(read_file(target) == "old\n");
    CHECK(names_in(dir.path()) == std::vector<std::string>{"link.md", "post.md"});
  }
  const std::optional<FileState> before = stat_file(target.string());
  REQUIRE(replace_file((dir / "link.md").string(), "new, longer\n", &*before).ok());
  CHECK(std::filesystem::is_symlink(dir / "link.md"));
  CHECK(read_file(target) == "new, longer\n");
  // The size and time read before no longer match: someone changed the file meanwhile.
  const Status stale = replace_file(target.string(), "newer\n", &*before);
  CHECK_FALSE(stale.ok());
  CHECK(read_file(target) == "new, longer\n");
}

TEST_CASE("fix command: --check, --diff that patch applies, fix, and exit statuses", "[fix][cli]") {
  TempDir dir;
  std::filesystem::create_directories(dir / "posts");
  const std::string bad = "---\ntitle: Tom &amp; Jerry\r\n---\nbody\n";
  const std::string good = "---\ntitle: Fine\n---\nbody\n";
  write_file(dir / "posts/a.md", bad);
  write_file(dir / "posts/b.md", good);
  write_file(dir / "posts/c.yaml", "title: x\ndate: 2020-05-19");  // no final newline
  ::chmod((dir / "posts/a.md").c_str(), 0640);
  const std::string posts = quoted(dir / "posts");

  const RunResult check = run_newsnorm("fix --check " + posts);
  CHECK(check.exit_code == 1);
  CHECK(mentions(check.err, "posts/a.md: warning: would fix 1 value: title"));
  CHECK(mentions(check.err, "posts/c.yaml: warning: would fix 1 value: date"));
  CHECK_FALSE(mentions(check.err, "b.md"));
  CHECK(mentions(check.err, "3 files checked: 2 would be fixed (2 values)"));
  CHECK(read_file(dir / "posts/a.md") == bad);

  // The diff, made with relative paths as a user would, applies with patch -p1 to a copy.
  std::filesystem::create_directories(dir / "copy");
  std::filesystem::copy(dir / "posts", dir / "copy/posts");
  const std::string binary = NEWSNORM_BINARY;
  REQUIRE(
      std::system(("cd " + quoted(dir.path()) + " && '" + binary + "' fix --diff posts > fixes.patch 2>/dev/null; " +
                   "test $? -eq 1 && cd copy && patch -s -p1 < ../fixes.patch")
                      .c_str()) == 0);
  CHECK(mentions(read_file(dir / "fixes.patch"), "--- a/posts/a.md\n+++ b/posts/a.md\n@@ -1,4 +1,4 @@\n"));
  CHECK(read_file(dir / "posts/a.md") == bad);

  const RunResult run = run_newsnorm("fix " + posts);
  CHECK(run.exit_code == 0);
  CHECK(mentions(run.err, "posts/a.md: note: fixed 1 value: title"));
  CHECK(mentions(run.err, "3 files checked: 2 fixed (2 values)"));
  CHECK(read_file(dir / "posts/a.md") == "---\ntitle: Tom & Jerry\r\n---\nbody\n");
  CHECK(read_file(dir / "posts/b.md") == good);
  CHECK(read_file(dir / "posts/c.yaml") == "title: x\ndate: 2020-05-19T00:00:00Z");
  for (const char* name : {"a.md", "b.md", "c.yaml"})
    CHECK(read_file(dir / "copy/posts" / name) == read_file(dir / "posts" / name));
  struct stat info {};
  REQUIRE(::stat((dir / "posts/a.md").c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0640);
  CHECK(names_in(dir / "posts") == std::vector<std::string>{"a.md", "b.md", "c.yaml"});  // no temporary left

  CHECK(run_newsnorm("fix --check " + posts).exit_code == 0);
  CHECK(run_newsnorm("validate --strict --require title " + posts).exit_code == 0);

  // Standard input is a filter; a rejected input makes the exit status 1.
  const RunResult filter = run_newsnorm("fix -", bad);
  CHECK(filter.exit_code == 0);
  CHECK(filter.out == "---\ntitle: Tom & Jerry\r\n---\nbody\n");
  write_file(dir / "posts/empty.md", "");
  CHECK(run_newsnorm("fix " + posts).exit_code == 1);
}

TEST_CASE("fix command over a copy of the corpus: the files the warnings name, and no other byte", "[fix][corpus]") {
  TempDir dir;
  const auto root = dir / "powerapps";
  std::filesystem::copy(corpus_dir(), root, std::filesystem::copy_options::recursive);
  const std::string corpus = quoted(root);

  // The oracle, from validate's warnings (not from fix): a file is to change when one of its
  // warnings is one of the kinds fix writes back -- a provider's registry name or url's domain, a
  // decoded entity or repaired mojibake -- except text encoded twice, which a second read would
  // change again.
  const RunResult validate = run_newsnorm("validate -q --format json " + corpus);
  const std::regex fixable(
      R"(^provider\.(name "[^"]*" (is "[^"]*" in the provider registry|belongs to )|domain "[^"]*" contradicts))"
      R"(|^(title|excerpt): (decoded HTML entities|repaired mojibake))");
  std::set<std::string> expected;
  std::size_t encoded_twice = 0;
  for (const auto& problem : parse_lines(validate.out)) {
    const std::string message = problem["message"].get<std::string>();
    if (problem["severity"] != "warning") continue;
    if (mentions(message, "&amp;quot;") || mentions(message, "&amp;gt;")) {
      ++encoded_twice;
      continue;
    }
    if (std::regex_search(message, fixable)) expected.insert(problem["path"].get<std::string>());
  }
  REQUIRE(expected.size() > 400);

  const RunResult check = run_newsnorm("fix --check --log-format json " + corpus);
  CHECK(check.exit_code == 1);
  std::set<std::string> listed;
  std::size_t values = 0;
  for (const auto& said : parse_lines(check.err))
    if (said["code"] == "fix.needed") {
      listed.insert(said["path"].get<std::string>());
      values += std::stoul(said["message"].get<std::string>().substr(std::string("would fix ").size()));
    }
  CHECK(listed == expected);

  const RunResult run = run_newsnorm("fix -q " + corpus);
  CHECK(run.exit_code == 0);

  // Every line of every file is the original's, except lines that hold a changed value: those keep
  // their key and indentation, and lie inside the header.
  std::size_t changed_files = 0, changed_lines = 0;
  for (const auto& file : files_under(root)) {
    const std::string relative = std::filesystem::relative(file, root).string();
    const std::string before = read_file(corpus_dir() / relative), after = read_file(file);
    if (before == after) {
      CHECK_FALSE(expected.contains(file.string()));
      continue;
    }
    ++changed_files;
    INFO(relative);
    CHECK(expected.contains(file.string()));
    std::istringstream old_lines(before), new_lines(after);
    std::string old_line, new_line;
    int number = 0;
    bool in_header = true;
    const std::regex key_line(R"(^(\s*(?:- )?[A-Za-z]+:\s+)(.*)$)");
    while (std::getline(old_lines, old_line)) {
      REQUIRE(std::getline(new_lines, new_line));
      if (++number > 1 && old_line == "---") in_header = false;
      if (old_line == new_line) continue;
      ++changed_lines;
      CHECK(in_header);
      std::smatch old_match, new_match;
      REQUIRE(std::regex_match(old_line, old_match, key_line));
      REQUIRE(std::regex_match(new_line, new_match, key_line));
      CHECK(old_match[1] == new_match[1]);
    }
    CHECK_FALSE(std::getline(new_lines, new_line));
  }
  CHECK(changed_files == expected.size());
  CHECK(changed_lines == values);  // one line per value in this corpus

  // Fixed: nothing more to fix, and a second fix changes nothing; only the text encoded twice warns.
  CHECK(run_newsnorm("fix --check -q " + corpus).exit_code == 0);
  const RunResult again = run_newsnorm("fix " + corpus);
  CHECK(mentions(again.err, "0 fixed (0 values)"));
  const RunResult after = run_newsnorm("validate -q --format json " + corpus);
  std::size_t warnings = 0;
  for (const auto& problem : parse_lines(after.out)) warnings += problem["severity"] == "warning";
  CHECK(warnings == encoded_twice);
}
