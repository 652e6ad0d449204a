// The story stage's fast record reader: it must accept exactly the JSON the full parser accepts,
// and read the fields it is asked for exactly as read_record does.
#include <random>

#include <catch2/catch.hpp>

#include "newsnorm/core/json_cursor.hpp"
#include "newsnorm/export/exporter.hpp"
#include "newsnorm/export/record_reader.hpp"
#include "newsnorm/export/record_scan.hpp"
#include "newsnorm/stories/story_item.hpp"
#include "test_support.hpp"

using namespace newsnorm;
using namespace newsnorm::test;

namespace {

bool cursor_accepts(std::string_view text) {
  JsonCursor in(text);
  in.skip();
  in.finish();
  CHECK(in.failed() == !in.error().empty());
  return !in.failed();
}

std::vector<std::string> lines_of(const std::string& jsonl) {
  std::vector<std::string> lines;
  for (std::size_t at = 0; at < jsonl.size();) {
    const std::size_t end = jsonl.find('\n', at);
    lines.push_back(jsonl.substr(at, end - at));
    at = end + 1;
  }
  return lines;
}

// The corpus and the seeds as records, made once for the tests below.
const std::vector<std::string>& corpus_lines() {
  static const std::vector<std::string> lines = [] {
    const RunResult run = run_newsnorm("ingest --no-stories " + quoted(corpus_dir()) + " " + quoted(seeds_dir()));
    REQUIRE(run.exit_code == 0);
    return lines_of(run.out);
  }();
  return lines;
}

}  // namespace

TEST_CASE("json cursor: accepts what the full parser accepts, and nothing else", "[scan][units]") {
  for (const std::string text :
       {R"({"a":"\u00e9\ud83d\ude00\n\"\\\/\b\f\r\t","b":[1,-0,0.5,1e5,-2.5E-3,true,false,null],"c":{}})",
        R"( [ ] )",
        R"("\ud800")",
        R"("\udc00x")",
        R"("\ud800\u0041")",
        "\"a\x01\"",
        "\"\xc3\x28\"",
        "\"\xed\xa0\x80\"",
        "\"\xf4\x90\x80\x80\"",
        "01",
        "1.",
        "-",
        "+1",
        ".5",
        "1e",
        "tru",
        "nul",
        "[1,]",
        "{\"a\":1,}",
        "{\"a\" 1}",
        "[1] 2",
        "\"\\x\"",
        "\"\\u12g4\"",
        "{\"\xc3\xa9\":1}",
        "{\"k\\u0041\":1}",
        "\"abc",
        ""}) {
    INFO(text);
    CHECK(cursor_accepts(text) == nlohmann::ordered_json::accept(text));
  }
  // Decoding: escapes and surrogate pairs become UTF-8.
  std::string decoded;
  JsonCursor in(R"("caf\u00e9 \ud83d\ude00 \"q\" a\/b")");
  in.string(&decoded);
  CHECK(decoded == "caf\xc3\xa9 \xf0\x9f\x98\x80 \"q\" a/b");
  // A failure says where, and every read after it returns at once with nothing.
  JsonCursor broken(R"({"a": [1, tru], "b": "x"})");
  std::int64_t first = -1;
  broken.object([&](std::string_view key) {
    if (key == "a")
      broken.array([&] { first = first < 0 ? broken.integer() : (broken.skip(), first); });
    else
      broken.skip();
  });
  CHECK(first == 1);
  CHECK(broken.failed());
  CHECK(broken.error() == "true or false expected at byte 11");
  std::string after = "unchanged";
  broken.string(&after);
  CHECK(after.empty());
  CHECK(broken.peek() == '\0');
}

TEST_CASE("json cursor: agrees with the full parser on damaged record lines", "[scan][corpus]") {
  const auto& lines = corpus_lines();
  REQUIRE(lines.size() > 1000);
  std::mt19937 random(7);
  const std::string bytes = "\"\\{}[],:0123456789.eE+-tfnu \x01\x7f\xc3\xa9\xff";
  std::size_t rejected = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string line = lines[random() % lines.size()];
    for (int edits = 1 + static_cast<int>(random() % 3); edits > 0; --edits) {
      const std::size_t at = random() % line.size();
      switch (random() % 3) {
        case 0: line[at] = bytes[random() % bytes.size()]; break;
        case 1: line.erase(at, 1 + random() % 4); break;
        default: line.insert(at, 1, bytes[random() % bytes.size()]);
      }
    }
    const bool accepted = nlohmann::ordered_json::accept(line);
    rejected += !accepted;
    INFO(line);
    REQUIRE(cursor_accepts(line) == accepted);
  }
  CHECK(rejected > 1000);  // the damage mostly breaks the line: both sides of the check are exercised
}

TEST_CASE("scan_record: every corpus record gives the story stage what the full reader gives",
          "[scan][stories][corpus]") {
  std::size_t with_text = 0;
  for (const std::string& line : corpus_lines()) {
    INFO(line.substr(0, 200));
    const Article full = read_record(nlohmann::ordered_json::parse(line)).value();
    const auto fast = stories::scan_story_fields(line);
    REQUIRE(fast.has_value());
    CHECK(stories::serialize_item(stories::story_item(*fast)) == stories::serialize_item(stories::story_item(full)));
    CHECK(fast->source.path == full.source.path);
    CHECK(fast->title == full.title);
    CHECK(fast->published_date_time == full.published_date_time);
    CHECK(fast->provider.has_value() == full.provider.has_value());
    if (fast->provider && full.provider) CHECK(fast->provider->name == full.provider->name);
    CHECK(fast->related.size() == full.related.size());
    if (fast->text) {
      ++with_text;
      CHECK(fast->text == full.text);
    }
    CHECK(fast->images.empty());  // not asked for: left alone
  }
  CHECK(with_text > 0);  // the corpus has bare texts, which are read with their text
}

TEST_CASE("scan_record: other lines are left to the full reader", "[scan][stories][units]") {
  const std::string line = corpus_lines().front();
  const std::vector<Member<Article>> title{&Article::title};
  REQUIRE(scan_record(line, title).has_value());
  const auto replaced = [&](const std::string& from, const std::string& to) {
    std::string copy = line;
    const std::size_t at = copy.find(from);
    REQUIRE(at != std::string::npos);
    return copy.replace(at, from.size(), to);
  };
  CHECK_FALSE(scan_record(replaced("\"title\":", "\"title\":5,\"x\":"), title));  // a title that is no text
  CHECK_FALSE(scan_record(replaced("\"type\":", "\"tipe\":"), title));            // a record key missing
  CHECK_FALSE(scan_record(line + " x", title));                                   // text after the record
  std::string deletion;
  append_deletion_record(deletion, "a.md", "0123456789abcdef");
  CHECK_FALSE(scan_record(deletion, title));
  // Fields not asked for are checked as JSON but not read.
  const auto article = scan_record(replaced("\"topics\":", "\"topics\":{\"any\":[1,2]},\"was\":"), title);
  REQUIRE(article.has_value());
  CHECK(article->topics.empty());
}
