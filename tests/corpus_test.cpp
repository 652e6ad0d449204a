// The real corpus: every file becomes one record or one reported error, and the values in the
// records are the values in the files, for each kind of file the corpus holds.
#include <catch2/catch.hpp>

#include "newsnorm/model/document_parser.hpp"
#include "test_support.hpp"

using namespace newsnorm;
using namespace newsnorm::test;

namespace {

Article parse_corpus_file(const std::string& relative) {
  const auto path = corpus_dir() / relative;
  ParseResult result = parse_document(read_file(path), path.string());
  if (auto* error = (result.ok() ? nullptr : &result.error())) FAIL(relative << ": " << error->message);
  return (std::move(result)).value();
}

// Compares a typed field with the oracle's reading of the same header line.
void check_text_field(const std::string& text, const std::string& key, const std::optional<std::string>& field) {
  const auto expected = header_line_value(text, key);
  if (expected) CHECK(field == expected);
}

}  // namespace

TEST_CASE("every corpus file becomes one record or one error, through the binary", "[corpus][cli]") {
  // The empty hidden files (.keep), which a walk skips (no article extension), named in a list are
  // read: they are the only rejects. The expected counts come from the corpus on disk, not from a
  // snapshot of it.
  const std::size_t visible = files_under(corpus_dir()).size(), hidden = hidden_files_under(corpus_dir()).size();
  std::string list;
  for (const auto& file : hidden_files_under(corpus_dir())) list += file.string() + "\n";
  const RunResult run =
      run_newsnorm("ingest '" + corpus_dir().string() + "' --files-from - --errors /dev/stdout -q", list);
  REQUIRE(visible > 0);
  const auto lines = parse_lines(run.out);
  std::size_t records = 0, errors = 0;
  for (const auto& line : lines) {
    if (line.contains("message")) {
      ++errors;
      CHECK(line["path"].get<std::string>().ends_with(".keep"));
      CHECK(line["message"] == "the file is empty");
    } else {
      ++records;
    }
  }
  CHECK(records == visible);
  CHECK(errors == hidden);
  CHECK(run.exit_code == 1);
}

TEST_CASE("every corpus header's simple top-level values reach the record unchanged", "[corpus]") {
  std::size_t checked = 0, yaml_front_matter = 0;
  for (const auto& path : files_under(corpus_dir())) {
    const std::string text = read_file(path);
    if (text.starts_with("---")) ++yaml_front_matter;
    ParseResult result = parse_document(text, path.string());
    INFO(path.string());
    REQUIRE((result).ok());
    const Article& a = (result).value();
    if (a.source.format != Format::yaml || !text.starts_with("---")) continue;
    check_text_field(text, "title", a.title);
    check_text_field(text, "excerpt", a.excerpt);
    check_text_field(text, "webUrl", a.web_url);
    check_text_field(text, "originalUrl", a.original_url);
    check_text_field(text, "secured", a.secured);
    if (const auto heat = header_line_value(text, "heat")) CHECK(a.heat == std::stoll(*heat));
    if (const auto type = header_line_value(text, "type")) CHECK(a.type == *type);
    if (!header_line_value(text, "type")) CHECK(a.type == "article");
    CHECK(a.warnings.empty());
    ++checked;
  }
  // Every file that opens with `---` was read as YAML front matter and checked.
  CHECK(yaml_front_matter > 0);
  CHECK(checked == yaml_front_matter);
}

TEST_CASE("a news item", "[corpus]") {
  const Article a = parse_corpus_file("_news/2019-08-19-microsoft-power-apps-2019-release-wave-2-overview.md");
  CHECK(a.type == "video");
  CHECK(a.category == "news");
  CHECK(a.title == "Microsoft Power Apps | 2019 release wave 2 overview");
  CHECK(a.published_date_time == "2019-08-19T21:00:10Z");
  CHECK(a.url == "https://youtube.com/watch?v=WJk-Y8LQlfE");
  CHECK(a.quality == 137);
  CHECK(a.published == true);
  REQUIRE(a.provider);
  CHECK(a.provider->domain == "microsoft.com");
  CHECK(a.topics == std::vector<std::string>{"Power Apps"});
  REQUIRE(a.images.size() == 1);
  CHECK(a.images[0].width == 1280);
  CHECK(a.extra.at("featuredContent").get<std::string>().starts_with("<iframe"));
}

TEST_CASE("a video keeps its course-like extras", "[corpus]") {
  const auto videos = files_under(corpus_dir() / "_learning" / "videos");
  REQUIRE(!videos.empty());
  const std::string text = read_file(videos.front());
  const Article a = parse_corpus_file("_learning/videos/" + videos.front().filename().string());
  CHECK(a.type == "video");
  CHECK(a.title == header_line_value(text, "title"));
  CHECK(a.url == header_line_value(text, "originalUrl"));
  CHECK(a.extra.at("price") == header_line_value(text, "price"));
  CHECK(a.extra.at("length") == header_line_value(text, "length"));
}

TEST_CASE("a course", "[corpus]") {
  const Article a = parse_corpus_file("_learning/courses/" +
                                      files_under(corpus_dir() / "_learning" / "courses").front().filename().string());
  CHECK(a.type == "course");
  CHECK(a.extra.contains("ratings"));
  CHECK(a.extra.at("ratings").at("count").is_number_integer());
  CHECK(a.extra.at("ratings").at("average").is_number_float());
  CHECK(a.extra.at("levels").is_array());
  CHECK(a.url == a.web_url);
}

TEST_CASE("a sample with an HTML body", "[corpus]") {
  const std::string name = "_samples/" + files_under(corpus_dir() / "_samples").front().filename().string();
  const std::string text = read_file(corpus_dir() / name);
  const Article a = parse_corpus_file(name);
  CHECK(a.type == "download");
  CHECK(a.body.starts_with("<p>"));
  CHECK(text.ends_with(a.body));
  REQUIRE(a.provider);
  CHECK(a.provider->authors.is_array());
  CHECK(a.extra.at("actions").at(0).at("type") == "download");
}

TEST_CASE("a person", "[corpus]") {
  const Article a = parse_corpus_file("_people/" + files_under(corpus_dir() / "_people").front().filename().string());
  CHECK(a.type == "profile");
  CHECK_FALSE(a.title);
  CHECK(a.extra.at("name").is_string());
  CHECK(a.extra.at("twitter").at("followers").is_number_integer());
  CHECK(a.extra.at("affiliation").at("domain") == "microsoft.com");
}

TEST_CASE("an organization and a topic file", "[corpus]") {
  const Article org = parse_corpus_file("_data/organizations/zdnet.com.md");
  CHECK(org.extra.at("taxonomy") == "organization");
  CHECK(org.extra.at("name") == "ZDNet");
  CHECK(org.extra.at("domain") == "zdnet.com");
  CHECK(org.images.size() == 2);
  CHECK(org.images[1].url == "/assets/images/organizations/zdnet.com-400x400.jpg");
  const Article topic = parse_corpus_file("_data/topics/00-power-apps.yaml");
  CHECK(topic.source.format == Format::yaml);
  CHECK(topic.extra.at("name") == "Power Apps");
  CHECK(topic.extra.at("hashtags").at(0) == "#PowerApps");
  CHECK(topic.body.empty());
}
