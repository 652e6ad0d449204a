// The five seed files the project was made from, through the parser and through the binary.
#include <catch2/catch.hpp>

#include "newsnorm/run/ingest.hpp"
#include "test_support.hpp"

using namespace newsnorm;
using namespace newsnorm::test;

namespace {

Article ingest_seed(const std::string& name) {
  const auto path = seeds_dir() / name;
  ParseResult result = parse_document(read_file(path), path.string());
  REQUIRE((result).ok());
  return (std::move(result)).value();
}

// The `name:` values of providers inside `related`, in file order: an oracle that reads lines.
std::vector<std::string> related_provider_names(const std::string& text) {
  std::vector<std::string> names;
  const auto related = text.find("\nrelated:");
  std::istringstream lines(text.substr(related));
  for (std::string line; std::getline(lines, line);)
    if (line.starts_with("      name: ")) names.push_back(line.substr(12));
  return names;
}

}  // namespace

TEST_CASE("seed 000: typed header, eight related entries with their providers", "[seeds]") {
  const std::string text = read_file(seeds_dir() / "000_3eda6463b08fb450.txt");
  const Article a = ingest_seed("000_3eda6463b08fb450.txt");
  CHECK(a.source.format == Format::yaml);
  CHECK(a.title == header_line_value(text, "title"));
  CHECK(a.excerpt == header_line_value(text, "excerpt"));
  CHECK(a.published_date_time == "2022-11-19T13:00:00Z");
  CHECK(a.web_url == header_line_value(text, "webUrl"));
  CHECK(a.url == a.web_url);
  CHECK(a.quality == 43);
  CHECK(a.heat == -1);
  CHECK(a.published == false);
  CHECK(a.category == "news");
  CHECK(a.topics == std::vector<std::string>{"AI", "Microsoft AI"});
  REQUIRE(a.provider);
  CHECK(a.provider->name == "VentureBeat");
  CHECK(a.provider->images.size() == 1);
  REQUIRE(a.related.size() == 8);
  const auto names = related_provider_names(text);
  REQUIRE(names.size() == 8);
  for (std::size_t i = 0; i < 8; ++i) {
    REQUIRE(a.related[i].provider);
    CHECK(a.related[i].provider->name == names[i]);
    CHECK(a.related[i].web_url.has_value());
    CHECK(a.related[i].published_date_time.has_value());
  }
  CHECK(a.related[0].quality == 100);
  CHECK(a.related[0].images.at(0).width == 1200);
  CHECK(a.related[0].images.at(0).is_cached == true);
  CHECK(a.secured == header_line_value(text, "secured"));
  CHECK(a.body.empty());
  CHECK(a.extra.empty());
  CHECK(a.warnings.empty());
}

TEST_CASE("seed 001: bare text with a title line, image credits and an author block", "[seeds]") {
  const std::string text = read_file(seeds_dir() / "001_91c52061c003d87f.txt");
  const Article a = ingest_seed("001_91c52061c003d87f.txt");
  CHECK(a.source.format == Format::text);
  CHECK(a.title == text.substr(0, text.find('\n')));
  CHECK(a.title == "NVIDIA and Microsoft team up to build an AI cloud computer that probably won't become Skynet");
  // The parser keeps the text after the title whole; the normalizer takes the parts out.
  CHECK(a.body == text.substr(text.find("\n\n") + 2));
  CHECK_FALSE(a.published_date_time);
  CHECK_FALSE(a.url);
  ParseResult record = ingest_bytes(text, "001.txt", {});
  REQUIRE(record.ok());
  CHECK(record->body.starts_with("What could possibly go wrong!?"));
  CHECK(record->body.ends_with("along with its enterprise partners on Azure."));
  CHECK(record->body.find("Jez Corden") == std::string::npos);
  REQUIRE(record->authors.size() == 1);
  CHECK(record->authors[0].name == "Jez Corden");
  CHECK(record->authors[0].role == "Co-Managing Editor");
  CHECK(record->images.size() == 2);
  REQUIRE(record->provider);
  CHECK(record->provider->name == "Windows Central");
  CHECK_FALSE(record->url);
}

TEST_CASE("seed 002 and 004: AMP variants and images are kept as given", "[seeds]") {
  const std::string text = read_file(seeds_dir() / "002_1c80b7fc4b4cb02c.txt");
  const Article a = ingest_seed("002_1c80b7fc4b4cb02c.txt");
  CHECK(a.amp_web_url == header_line_value(text, "ampWebUrl"));
  CHECK(a.cdn_amp_web_url == header_line_value(text, "cdnAmpWebUrl"));
  CHECK(a.related.size() == 3);
  CHECK(a.secured == header_line_value(text, "secured"));
  const Article b = ingest_seed("004_b9170bf77a2f9e1f.txt");
  REQUIRE(b.images.size() == 1);
  CHECK(b.images[0].title == b.title);
  CHECK(b.images[0].height == 600);
}

TEST_CASE("seed 003: one line of text has no title, and its site footer goes", "[seeds]") {
  const std::string text = read_file(seeds_dir() / "003_a5d00081cf4cd984.txt");
  const Article a = ingest_seed("003_a5d00081cf4cd984.txt");
  CHECK_FALSE(a.title);
  CHECK(a.body == text);  // the parser keeps it whole
  ParseResult record = ingest_bytes(text, "003.txt", {});
  REQUIRE(record.ok());
  CHECK(record->body == text.substr(0, text.find(" TECHSPOT : ")));
  REQUIRE(record->provider);
  CHECK(record->provider->name == "TechSpot");
}

TEST_CASE("the binary prints one record per seed, in path order", "[seeds][cli]") {
  const RunResult run = run_newsnorm("ingest '" + (shared_dir() / "seeds").string() + "'");
  CHECK(run.exit_code == 0);
  const auto records = parse_lines(run.out);
  REQUIRE(records.size() == 5);
  CHECK(records[0]["source"]["path"].get<std::string>().ends_with("000_3eda6463b08fb450.txt"));
  CHECK(records[4]["source"]["path"].get<std::string>().ends_with("004_b9170bf77a2f9e1f.txt"));
  CHECK(records[0]["related"].size() == 8);
  for (const auto& record : records) CHECK(record["id"].get<std::string>().size() == 16);
  CHECK(records[1]["title"] ==
        "NVIDIA and Microsoft team up to build an AI cloud computer that probably won't become Skynet");
  CHECK(run.err.find("5 files read, 5 records written, 0 rejected") != std::string::npos);
  // Keys in the documented order.
  std::vector<std::string> keys;
  for (const auto& [key, value] : records[0].items()) keys.push_back(key);
  const std::vector<std::string> expected = {
      "id",        "storyId",      "duplicateOf",       "source",  "type",      "category", "title",
      "excerpt",   "body",         "publishedDateTime", "url",     "dedupeKey", "webUrl",   "originalUrl",
      "ampWebUrl", "cdnAmpWebUrl", "updatedDateTime",   "authors", "language",  "provider", "topics",
      "images",    "related",      "quality",           "heat",    "published", "secured",  "extra",
      "signature", "warnings"};
  CHECK(keys == expected);
}
