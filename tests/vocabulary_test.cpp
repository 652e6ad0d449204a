// Site-generator vocabularies (data/fields.yaml), ids, --assume-tz and --base-url.
#include <catch2/catch.hpp>

#include "newsnorm/run/ingest.hpp"
#include "test_support.hpp"

using namespace newsnorm;
using namespace newsnorm::test;

namespace {

Article ingest(const std::string& text, IngestOptions options = {}) {
  ParseResult result = ingest_bytes(text, "post.md", options);
  REQUIRE(result.ok());
  return result.value();
}

bool warned(const Article& a, const std::string& part) {
  return std::any_of(a.warnings.begin(), a.warnings.end(),
                     [&](const Diagnostic& w) { return mentions(w.message, part); });
}

}  // namespace

TEST_CASE("vocabulary: Jekyll, Hugo and Hexo keys fill the record's fields and say where from", "[vocabulary]") {
  const Article a = ingest(
      "---\nlayout: post\ntitle: Hello\ndate: 2013-11-22 5:00:00 +0000\nlastmod: 2014-01-02\n"
      "description: A post.\nauthor: Jane Doe\ntags: [ruby, jekyll]\ncategories: news, web\n"
      "image: /img/cover.png\nlang: pt-BR\npermalink: /2013/11/hello/\n---\nBody *text*.\n");
  CHECK(a.published_date_time == "2013-11-22T05:00:00Z");
  CHECK(a.updated_date_time == "2014-01-02T00:00:00Z");
  CHECK(a.excerpt == "A post.");
  REQUIRE(a.authors.size() == 1);
  CHECK(a.authors[0].name == "Jane Doe");
  CHECK(a.topics == std::vector<std::string>{"ruby", "jekyll"});  // tags come first; categories stay in extra
  CHECK(a.extra.at("categories") == "news, web");
  REQUIRE(a.images.size() == 1);
  CHECK(a.images[0].url == "/img/cover.png");
  CHECK(a.language == "pt-BR");
  CHECK(a.canonical_url == "/2013/11/hello/");
  CHECK(a.field_sources.at("publishedDateTime") == "date");
  CHECK(a.field_sources.at("excerpt") == "description");
  CHECK(a.field_sources.at("topics") == "tags");
  CHECK(a.extra.at("layout") == "post");
  CHECK_FALSE(a.extra.contains("date"));
  // One key per mapping is not a warning; the relative permalink without --base-url is.
  CHECK_FALSE(warned(a, "fieldSources"));
  CHECK(warned(a, "canonicalUrl \"/2013/11/hello/\" is not an absolute http(s) URL"));
  CHECK_FALSE(a.url.has_value());
}

TEST_CASE("vocabulary: a field's own key wins, and a disagreeing alias is said and kept", "[vocabulary]") {
  const Article a = ingest("---\npublishedDateTime: 2020-05-19T15:00:00Z\ndate: 2021-01-01\n---\n");
  CHECK(a.published_date_time == "2020-05-19T15:00:00Z");
  CHECK(a.extra.at("date") == "2021-01-01");
  CHECK(warned(a, "date is the text \"2021-01-01\", which differs from the publishedDateTime already read"));
  const Article same = ingest("---\npublishedDateTime: 2020-05-19T00:00:00Z\ndate: 2020-05-19\n---\n");
  CHECK_FALSE(warned(same, "differs"));
}

TEST_CASE("vocabulary: a boolean published keeps its meaning, a date published is the date, draft negates",
          "[vocabulary]") {
  const Article flag = ingest("---\npublished: false\n---\n");
  CHECK(flag.published == false);
  CHECK_FALSE(flag.published_date_time.has_value());
  const Article date = ingest("---\npublished: 2019-03-04T10:00:00+02:00\n---\n");
  CHECK(date.published_date_time == "2019-03-04T08:00:00Z");
  CHECK_FALSE(date.published.has_value());
  const Article draft = ingest("---\ndraft: true\n---\n");
  CHECK(draft.published == false);
  CHECK(draft.field_sources.at("published") == "draft");
}

TEST_CASE("vocabulary: authors as text, lists and objects", "[vocabulary]") {
  const Article list = ingest("---\nauthors: [Ann, {name: Bob, url: 'https://bob.example'}]\n---\n");
  REQUIRE(list.authors.size() == 2);
  CHECK(list.authors[0].name == "Ann");
  CHECK(list.authors[1].url == "https://bob.example");
  const Article object = ingest("---\nauthor: {name: Cy, twitter: cy}\n---\n");
  REQUIRE(object.authors.size() == 1);
  CHECK(object.authors[0].extra.at("twitter") == "cy");
}

TEST_CASE("ids: without an address, the same title and body under other headers are other articles",
          "[vocabulary][ids]") {
  const Article en = ingest("---\ntitle: Snippet\nlang: en\n---\ncode\n");
  const Article fr = ingest("---\ntitle: Snippet\nlang: fr\n---\ncode\n");
  const Article en_again = ingest("---\ntitle: Snippet\nlang: en\n---\ncode\n");
  CHECK(en.id != fr.id);
  CHECK(en.id == en_again.id);
  const Article web = ingest("---\ntitle: A\nwebUrl: https://x.com/a\n---\n");
  const Article amp = ingest("---\ntitle: B\nampWebUrl: https://x.com/a/amp\n---\n");
  CHECK(web.id == amp.id);  // same dedupe key, same article
}

TEST_CASE("dates: --assume-tz reads zone-less dates in the given zone and the record says so", "[vocabulary][dates]") {
  IngestOptions options;
  options.limits.assume_offset_minutes = 330;
  const Article a = ingest("---\ndate: 2020-01-01 10:00:00\n---\n", options);
  CHECK(a.published_date_time == "2020-01-01T04:30:00Z");
  CHECK(warned(a, "it names no zone: read in the --assume-tz zone"));
  const Article utc = ingest("---\ndate: 2020-01-01 10:00:00\n---\n");
  CHECK(utc.published_date_time == "2020-01-01T10:00:00Z");
  CHECK(warned(utc, "read as UTC; see --assume-tz"));
  const Article zoned = ingest("---\ndate: 2020-01-01T10:00:00+01:00\n---\n", options);
  CHECK(zoned.published_date_time == "2020-01-01T09:00:00Z");
  CHECK_FALSE(warned(zoned, "names no zone"));
}

TEST_CASE("urls: --base-url resolves a site-relative permalink into the url", "[vocabulary][urls]") {
  IngestOptions options;
  options.normalize.base_url = "https://blog.example.com/";
  const Article a = ingest("---\ntitle: T\npermalink: /2013/11/hello/\n---\n", options);
  CHECK(a.url == "https://blog.example.com/2013/11/hello/");
  CHECK(a.canonical_url == "/2013/11/hello/");  // as given
  CHECK(warned(a, "resolved against --base-url"));
}

TEST_CASE("validate on a Jekyll blog reports only what is really missing", "[vocabulary][validate][cli]") {
  TempDir dir;
  write_file(dir / "_posts" / "2013-11-22-hello.md",
             "---\nlayout: post\ntitle: Hello\ndate: 2013-11-22 05:00:00 +0000\ndescription: First.\n"
             "author: Jane\ntags: [a]\npermalink: /2013/11/hello/\n---\nHi.\n");
  write_file(dir / "_posts" / "2013-12-01-second.md",
             "---\nlayout: post\ntitle: Second\ndate: 2013-12-01\npermalink: /2013/12/second/\n---\nMore.\n");
  write_file(dir / "_posts" / "2014-01-05-untitled.md",
             "---\nlayout: post\ndate: 2014-01-05\npermalink: /2014/01/untitled/\n---\nNo title.\n");
  const RunResult run = run_newsnorm("validate --base-url https://blog.example.com " + quoted(dir / "_posts"));
  CHECK(run.exit_code == 1);
  CHECK(mentions(run.out, "2014-01-05-untitled.md: error: required field title"));
  std::size_t errors = 0;
  for (std::size_t at = 0; (at = run.out.find(": error: ", at)) != std::string::npos; ++at) ++errors;
  CHECK(errors == 1);
  const RunResult ok =
      run_newsnorm("validate --base-url https://blog.example.com " + quoted(dir / "_posts" / "2013-11-22-hello.md"));
  CHECK(ok.exit_code == 0);
}
