// The normalizer over the seeds, over hand-made cases for each rule, and over the whole corpus.
#include <cstring>

#include <catch2/catch.hpp>

#include "newsnorm/run/ingest.hpp"
#include "test_support.hpp"

using namespace newsnorm;
using namespace newsnorm::test;

namespace {

Article ingest(const std::string& bytes, const std::string& path = "case.md", const IngestOptions& options = {}) {
  ParseResult result = ingest_bytes(bytes, path, options);
  if (auto* error = (result.ok() ? nullptr : &result.error())) FAIL(error->message);
  return (std::move(result)).value();
}

Article ingest_seed(const std::string& name) {
  return ingest(read_file(seeds_dir() / name), (seeds_dir() / name).string());
}

bool warned(const Article& a, const std::string& part) { return any_mentions(a.warnings, part); }

std::string header(const std::string& fields) { return "---\n" + fields + "---\n"; }

std::string without_space(const std::optional<std::string>& text) {
  std::string out;
  if (text)
    for (char c : *text)
      if (!std::isspace(static_cast<unsigned char>(c))) out.push_back(c);
  // U+00A0 and the typographic spaces count as white space too.
  for (const char* space : {"\u00A0", "\u2009", "\u202F"})
    for (std::size_t at; (at = out.find(space)) != std::string::npos;) out.erase(at, std::strlen(space));
  return out;
}

// Pure white-space clean-up is the one change the normalizer makes without a warning.
bool differs_beyond_space(const std::optional<std::string>& a, const std::optional<std::string>& b) {
  return a.has_value() != b.has_value() || without_space(a) != without_space(b);
}

}  // namespace

TEST_CASE("normalizer: the seeds", "[normalizer][seeds]") {
  const std::string seed0 = read_file(seeds_dir() / "000_3eda6463b08fb450.txt");
  const Article a = ingest_seed("000_3eda6463b08fb450.txt");
  CHECK(a.url == header_line_value(seed0, "webUrl"));
  CHECK(a.dedupe_key ==
        "venturebeat.com/ai/"
        "top-5-stories-of-the-week-dall-e-uses-nvidias-digital-twins-microsofts-ai-inference-intel-detects-deepfakes");
  for (const auto& r : a.related) {
    REQUIRE(r.provider);
    CHECK(r.provider->name != "Mozilla");
    CHECK(r.url.has_value());
  }
  // techcentral.ie is in the registry: its name comes from there.
  CHECK(a.related.at(7).provider->name == "TechCentral.ie");
  CHECK(warned(a, "related[7].provider.name \"Mozilla\" is \"TechCentral.ie\""));

  const Article b = ingest_seed("002_1c80b7fc4b4cb02c.txt");
  CHECK(b.url ==
        "https://www.zdnet.com/article/microsoft-builds-a-supercomputer-for-openai-for-training-massive-ai-models/");
  REQUIRE(b.provider);
  CHECK(b.provider->name == "ZDNet");
  CHECK(b.provider->domain == "zdnet.com");
  for (const auto& r : b.related) CHECK(r.url.has_value());
  CHECK(b.related[0].url ==
        "https://techcrunch.com/2020/05/19/"
        "microsoft-says-it-teamed-up-with-openai-to-build-a-massive-ai-supercomputer-in-azure/");

  const Article c = ingest_seed("003_a5d00081cf4cd984.txt");
  // The footer is taken out of the body (bare text), after the repair: the warning quotes it repaired.
  CHECK(c.body.find("TechSpot, Inc.") == std::string::npos);
  CHECK(warned(c, "Advertise © 1998 - 2024 TechSpot"));
  CHECK_FALSE(warned(c, "Â©"));
  CHECK(warned(c, "mojibake"));

  const Article d = ingest_seed("001_91c52061c003d87f.txt");
  CHECK(d.body.find("\u00A0") != std::string::npos);  // real no-break spaces stay
  CHECK_FALSE(warned(d, "mojibake"));
}

TEST_CASE("normalizer: AMP variants of one story merge into the first related entry", "[normalizer]") {
  const Article a = ingest(header(
      "title: t\nwebUrl: https://example.org/own\nrelated:\n"
      "  - title: First\n    ampWebUrl: https://news.site/story/amp/\n    quality: 5\n"
      "  - title: Other story\n    webUrl: https://other.site/x\n"
      "  - title: Second copy\n    webUrl: https://www.news.site/story/?utm_source=feed\n    quality: 9\n"
      "    excerpt: filled in\n"
      "  - title: Third copy\n    cdnAmpWebUrl: https://news-site.cdn.ampproject.org/c/s/news.site/story/amp/\n"));
  REQUIRE(a.related.size() == 2);
  const Related& merged = a.related[0];
  CHECK(merged.title == "First");
  CHECK(merged.url == "https://www.news.site/story/");  // the non-AMP one, tracking removed
  CHECK(merged.quality == 9);
  CHECK(merged.excerpt == "filled in");
  CHECK(merged.amp_web_url == "https://news.site/story/amp/");
  CHECK(merged.web_url == "https://www.news.site/story/?utm_source=feed");
  CHECK(a.related[1].title == "Other story");
  CHECK(warned(a, "related[2] (\"Second copy\") is the same story as related[0]"));
  CHECK(warned(a, "related[3] (\"Third copy\") is the same story as related[0]"));
}

TEST_CASE("normalizer: tracking parameters, fragments and AMP cache addresses leave the url", "[normalizer]") {
  const Article a = ingest(header("webUrl: HTTPS://Example.COM:443/a/b/?id=7&utm_campaign=x&fbclid=y#top\n"));
  CHECK(a.url == "https://example.com/a/b/?id=7");
  CHECK(a.web_url == "HTTPS://Example.COM:443/a/b/?id=7&utm_campaign=x&fbclid=y#top");  // as given
  CHECK(warned(a, "utm_campaign"));
  const Article amp_only =
      ingest(header("cdnAmpWebUrl: https://venturebeat-com.cdn.ampproject.org/c/s/venturebeat.com/x/\n"));
  CHECK(amp_only.url == "https://venturebeat.com/x/");
  const Article plain_http = ingest(header("cdnAmpWebUrl: https://x-com.cdn.ampproject.org/c/x.com/a\n"));
  CHECK(plain_http.url == "http://x.com/a");
}

TEST_CASE("normalizer: a related entry that links to the article itself is dropped", "[normalizer]") {
  const Article a =
      ingest(header("webUrl: https://www.site.com/story/\nrelated:\n"
                    "  - title: Me again\n    ampWebUrl: http://site.com/story/amp\n"
                    "  - title: Someone else\n    webUrl: https://else.com/a\n"));
  REQUIRE(a.related.size() == 1);
  CHECK(a.related[0].title == "Someone else");
  CHECK(warned(a, "related[0] (\"Me again\") links to the article itself"));
}

TEST_CASE("normalizer: providers are reduced, checked against the url and named from the registry", "[normalizer]") {
  const Article bbc =
      ingest(header("webUrl: https://www.bbc.co.uk/news/x\nprovider:\n  name: The BBC\n  domain: www.bbc.co.uk\n"));
  CHECK(bbc.provider->domain == "bbc.co.uk");
  CHECK(warned(bbc, "reduced to its registrable domain \"bbc.co.uk\""));

  const Article wrong = ingest(
      header("webUrl: https://www.zdnet.com/article/x/\nprovider:\n  name: TechCrunch\n  domain: techcrunch.com\n"));
  CHECK(wrong.provider->domain == "zdnet.com");
  CHECK(wrong.provider->name == "ZDNet");
  CHECK(warned(wrong, "contradicts the url's domain \"zdnet.com\""));

  // A video on a platform: the provider is the channel, not YouTube.
  const Article video =
      ingest(header("originalUrl: https://youtube.com/watch?v=abc\ntype: video\nprovider:\n"
                    "  name: April Dunnam\n  domain: aprildunnam.com\n"));
  CHECK(video.provider->domain == "aprildunnam.com");
  CHECK(video.provider->name == "April Dunnam");
  CHECK(video.url == "https://youtube.com/watch?v=abc");

  const Article missing = ingest(header("webUrl: https://mobile.reuters.com/article/x\n"));
  REQUIRE(missing.provider);
  CHECK(missing.provider->domain == "reuters.com");
  CHECK(missing.provider->name == "Reuters");
  CHECK(warned(missing, "derived from the url"));

  // A domain the registry does not know keeps its name, unless the registry gives the name to another.
  const Article borrowed =
      ingest(header("webUrl: https://unknown-site.example/x\nprovider:\n  name: Mozilla\n"
                    "  domain: unknown-site.example\n"));
  CHECK(borrowed.provider->name == "unknown-site.example");
  CHECK(warned(borrowed, "\"Mozilla\" belongs to mozilla.org in the provider registry, not to unknown-site.example"));

  const Article unknown = ingest(
      header("webUrl: https://tiny-blog.example/x\nprovider:\n  name: Tiny Blog\n  domain: tiny-blog.example\n"));
  CHECK(unknown.provider->name == "Tiny Blog");
  CHECK(unknown.warnings.empty());
}

TEST_CASE("normalizer: --providers files override the built-in names, through the binary", "[normalizer][cli]") {
  TempDir dir;
  write_file(dir / "names.yaml", "zdnet.com: ZDNET (renamed)\n");
  write_file(dir / "a.md", header("webUrl: https://www.zdnet.com/a/\nprovider:\n  name: ZDNet\n  domain: zdnet.com\n"));
  const RunResult run =
      run_newsnorm("ingest -q --providers '" + (dir / "names.yaml").string() + "' '" + (dir / "a.md").string() + "'");
  CHECK(run.exit_code == 0);
  CHECK(parse_lines(run.out).at(0)["provider"]["name"] == "ZDNET (renamed)");
  write_file(dir / "bad.yaml", "- not\n- a mapping\n");
  const RunResult bad =
      run_newsnorm("ingest --providers '" + (dir / "bad.yaml").string() + "' '" + (dir / "a.md").string() + "'");
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("bad.yaml") != std::string::npos);
  // The corpus's own organization folder works as a registry too.
  const RunResult orgs = run_newsnorm("ingest -q --providers '" + (corpus_dir() / "_data" / "organizations").string() +
                                      "' '" + (seeds_dir() / "002_1c80b7fc4b4cb02c.txt").string() + "'");
  CHECK(parse_lines(orgs.out).at(0)["provider"]["name"] == "ZDNet");
}

TEST_CASE("normalizer: text is cleaned, mojibake repaired, odd-looking text left alone", "[normalizer]") {
  const Article a = ingest(
      header("title: \"  Caf\u00c3\u00a9 &amp; <b>bar</b>   news \"\nexcerpt: \"It\u00e2\u0080\u0099s here\"\n"));
  CHECK(a.title == "Café & bar news");
  CHECK(a.excerpt == "It’s here");
  CHECK(warned(a, "title: "));
  CHECK(warned(a, "excerpt: "));
  const Article odd = ingest(header("title: \"Zürich – naïve café in São Paulo, 1998 – 2024, €5\"\n"));
  CHECK(odd.title == "Zürich – naïve café in São Paulo, 1998 – 2024, €5");
  CHECK(odd.warnings.empty());
}

TEST_CASE("normalizer: the id is the hash of the dedupe key, wherever the story is found", "[normalizer]") {
  const Article plain = ingest(header("webUrl: https://www.zdnet.com/article/x/\n"), "one.md");
  const Article amp = ingest(header("ampWebUrl: http://zdnet.com/google-amp/article/x\n"), "two.md");
  CHECK(plain.dedupe_key == amp.dedupe_key);
  CHECK(plain.id == amp.id);
  CHECK(plain.id.size() == 16);
}

TEST_CASE("normalizer: an HTML body gets a plain-text field", "[normalizer][corpus]") {
  const auto samples = files_under(corpus_dir() / "_samples");
  const Article a = ingest(read_file(samples.front()), samples.front().string());
  REQUIRE(a.text);
  CHECK(a.text->find('<') == std::string::npos);
  CHECK(a.text->find("Sharing the app") != std::string::npos);
}

// Compares what the parser read with what the normalizer made of it, for every corpus file: each
// difference must be accounted for by a warning naming the field; everything else is byte for byte.
TEST_CASE("normalizer: over the whole corpus, every change is accounted for", "[normalizer][corpus]") {
  std::map<std::string, std::size_t> changed;
  std::size_t files = 0;
  for (const auto& path : files_under(corpus_dir())) {
    const std::string bytes = read_file(path);
    ParseResult raw_result = parse_document(bytes, path.string());
    REQUIRE((raw_result).ok());
    const Article& raw = (raw_result).value();
    const Article norm = ingest(bytes, path.string());
    INFO(path.string());
    ++files;
    const auto account = [&](const std::string& label, bool differs) {
      if (!differs) return;
      ++changed[label];
      INFO("changed without a warning: " << label);
      CHECK(warned(norm, label));
    };
    account("title", differs_beyond_space(raw.title, norm.title));
    account("excerpt", differs_beyond_space(raw.excerpt, norm.excerpt));
    account("url", raw.url != norm.url);
    account("provider.name", raw.provider && norm.provider && raw.provider->name != norm.provider->name);
    account("provider.domain", raw.provider && norm.provider && raw.provider->domain != norm.provider->domain);
    account("provider was missing", !raw.provider && norm.provider);
    account("related", raw.related.size() != norm.related.size());
    account("body", differs_beyond_space(raw.body, norm.body));
    // Fields the normalizer does not own stay byte for byte.
    CHECK(raw.secured == norm.secured);
    CHECK(raw.published_date_time == norm.published_date_time);
    CHECK(raw.web_url == norm.web_url);
    CHECK(raw.topics == norm.topics);
    CHECK(raw.extra == norm.extra);
    CHECK(raw.quality == norm.quality);
  }
  CHECK(files > 0);
  CHECK(files == files_under(corpus_dir()).size());
  for (const auto& [label, count] : changed) WARN(label << " changed in " << count << " files");
}
