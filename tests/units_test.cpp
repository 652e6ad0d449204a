// Pieces of the pipeline directly: the three header parsers, related-link dedupe and provider
// resolution, each on small hand-made inputs.
#include <catch2/catch.hpp>

#include "newsnorm/normalize/provider_registry.hpp"
#include "newsnorm/normalize/provider_resolution.hpp"
#include "newsnorm/normalize/related_dedupe.hpp"
#include "newsnorm/parse/header_tree.hpp"
#include "test_support.hpp"

using namespace newsnorm;
using namespace newsnorm::test;

namespace {

HeaderTree parsed(HeaderResult result) {
  if (!result) FAIL("unexpected error: " << result.error().message);
  return std::move(result.value());
}

Diagnostic rejected(HeaderResult result) {
  if (result) FAIL("expected an error");
  return result.error();
}

bool same(Position a, Position b) { return a.line == b.line && a.column == b.column; }

// `levels` nested single-key mappings in each syntax.
std::string nested_yaml(int levels) {
  std::string text;
  for (int i = 0; i < levels; ++i) text += std::string(2 * i, ' ') + "k:\n";
  return text + std::string(2 * levels, ' ') + "v: 1\n";
}
std::string nested_json(int levels) { return std::string(levels, '[') + std::string(levels, ']'); }

Related related_at(const std::string& url) {
  Related r;
  r.web_url = url;
  r.url = url;
  return r;
}

}  // namespace

TEST_CASE("headers: YAML values and where their keys stand", "[parse][yaml]") {
  const std::string text = "title: a\nprovider:\n  name: X\nlist:\n  - one\n  - two\ncount: 3\n";
  const HeaderTree tree = parsed(parse_yaml_header(text, 2, {}));
  CHECK(tree.value["title"] == "a");
  CHECK(tree.value["provider"]["name"] == "X");
  CHECK(tree.value["list"][1] == "two");
  CHECK(tree.value["count"] == 3);
  CHECK(same(tree.position(""), {2, 1}));
  CHECK(same(tree.position("/title"), {2, 1}));
  CHECK(same(tree.position("/provider/name"), {4, 3}));
  CHECK(tree.position("/list/1").line == 7);
  CHECK(same(tree.position("/count"), {8, 1}));
  CHECK(tree.position("/absent").line == 0);
}

TEST_CASE("headers: TOML values and where their keys stand", "[parse][toml]") {
  const std::string text = "title = \"a\"\ncount = 3\n\n[provider]\nname = \"X\"\n";
  const HeaderTree tree = parsed(parse_toml_header(text, 2, {}));
  CHECK(tree.value["title"] == "a");
  CHECK(tree.value["count"] == 3);
  CHECK(tree.value["provider"]["name"] == "X");
  CHECK(same(tree.position("/title"), {2, 1}));
  CHECK(same(tree.position("/count"), {3, 1}));
  CHECK(same(tree.position("/provider/name"), {6, 1}));
}

TEST_CASE("headers: JSON values, the root is the header's first line", "[parse][json]") {
  const std::string text = "{\n  \"title\": \"a\",\n  \"provider\": {\"name\": \"X\"},\n  \"count\": 3\n}";
  const HeaderTree tree = parsed(parse_json_header(text, 1, {}));
  CHECK(tree.value["title"] == "a");
  CHECK(tree.value["provider"]["name"] == "X");
  CHECK(tree.value["count"] == 3);
  CHECK(same(tree.position(""), {1, 1}));
}

TEST_CASE("headers: a duplicate key is an error at the second key, naming the first", "[parse]") {
  const Diagnostic yaml = rejected(parse_yaml_header("title: one\nexcerpt: e\ntitle: two\n", 2, {}));
  CHECK(yaml.code_id() == "yaml.duplicate-key");
  CHECK(yaml.severity == Severity::error);
  CHECK(mentions(yaml.message, "duplicate key 'title' (first defined on line 2)"));
  CHECK(same(yaml.position, {4, 1}));
  const Diagnostic nested = rejected(parse_yaml_header("provider:\n  name: a\n  name: b\n", 2, {}));
  CHECK(nested.code_id() == "yaml.duplicate-key");
  CHECK(same(nested.position, {4, 3}));

  const Diagnostic json = rejected(parse_json_header("{\n  \"title\": \"a\",\n  \"title\": \"b\"\n}", 1, {}));
  CHECK(json.code_id() == "json.duplicate-key");
  CHECK(mentions(json.message, "duplicate key 'title'"));
  CHECK(same(json.position, {3, 3}));

  const Diagnostic toml = rejected(parse_toml_header("title = \"a\"\ntitle = \"b\"\n", 2, {}));
  CHECK(toml.code_id() == "toml.syntax");
  CHECK(toml.position.line == 3);
}

TEST_CASE("headers: nesting past the depth limit names the limit and --max-depth, in every format", "[parse][limits]") {
  Limits limits;
  limits.max_depth = 5;
  const auto check_depth_error = [&](const Diagnostic& d) {
    CHECK(d.code_id() == "limit.depth");
    CHECK(mentions(d.message, "deeper than 5 levels"));
    CHECK(mentions(d.message, "--max-depth"));
    CHECK(d.position.line > 0);
  };
  check_depth_error(rejected(parse_yaml_header(nested_yaml(10), 2, limits)));
  check_depth_error(rejected(parse_json_header("{\"k\": " + nested_json(10) + "}", 1, limits)));
  check_depth_error(rejected(parse_toml_header("k = " + nested_json(10) + "\n", 2, limits)));
  // Within the limit, all three read.
  CHECK(parse_yaml_header(nested_yaml(2), 2, limits));
  CHECK(parse_json_header("{\"k\": " + nested_json(2) + "}", 1, limits));
  CHECK(parse_toml_header("k = " + nested_json(2) + "\n", 2, limits));
}

TEST_CASE("related: one entry per story, merged into the first, self-links dropped", "[normalizer][related]") {
  Article article;
  article.web_url = "https://news.example/self";
  article.url = article.web_url;

  Related amp;  // the first of its story, only known by its AMP cache address
  amp.title = "First title";
  amp.cdn_amp_web_url = "https://story-example.cdn.ampproject.org/c/s/story.example/a";
  amp.url = amp.cdn_amp_web_url;
  amp.quality = 10;
  Related plain = related_at("https://story.example/a");  // the same story
  plain.title = "Second title";
  plain.excerpt = "filled in";
  plain.quality = 50;
  Related lower = related_at("https://story.example/a");
  lower.quality = 20;
  Related self = related_at("https://news.example/self");
  self.title = "Me";
  Related other = related_at("https://other.example/b");
  article.related = {amp, plain, self, lower, other};

  dedupe_related(article);
  REQUIRE(article.related.size() == 2);
  const Related& merged = article.related[0];
  CHECK(merged.title == "First title");            // the first entry's title stays
  CHECK(merged.url == "https://story.example/a");  // a non-AMP address wins
  CHECK(merged.excerpt == "filled in");            // gaps are filled from the others
  CHECK(merged.quality == 50);                     // the highest quality is kept
  CHECK(article.related[1].url == "https://other.example/b");
  CHECK(any_mentions(article.warnings, "related[2] (\"Me\") links to the article itself; dropped"));
  CHECK(any_mentions(article.warnings, "related[1] (\"Second title\") is the same story as related[0]"));
  CHECK(any_mentions(article.warnings, "related[3] is the same story as related[0]"));
  CHECK(article.warnings.size() == 3);
  for (const auto& w : article.warnings) CHECK(w.code_id() == "normalize.related");
}

TEST_CASE("related: nothing to do leaves the list and the warnings alone", "[normalizer][related]") {
  Article article;
  article.web_url = "https://news.example/self";
  article.related = {related_at("https://a.example/1"), related_at("https://b.example/2")};
  dedupe_related(article);
  CHECK(article.related.size() == 2);
  CHECK(article.warnings.empty());
}

TEST_CASE("provider: derived, reduced, corrected and named from the registry", "[normalizer][provider]") {
  ProviderRegistry registry;
  REQUIRE(registry.add_yaml("zdnet.com: ZDNet\nyoutube.com: {name: YouTube, platform: true}\n", "test registry"));
  const std::optional<std::string> zdnet_url = "https://www.zdnet.com/article/x";
  const auto resolve = [&](std::optional<Provider> provider, const std::optional<std::string>& url) {
    Article article;
    resolve_provider(article, registry, "provider", url, provider);
    return std::pair{provider, article.warnings};
  };
  const auto given = [](std::optional<std::string> name, std::optional<std::string> domain) {
    return std::optional<Provider>(Provider{std::move(name), std::move(domain), nullptr, nullptr, Json::object()});
  };

  SECTION("missing: derived from the url, named by the registry") {
    const auto [provider, warnings] = resolve(std::nullopt, zdnet_url);
    REQUIRE(provider);
    CHECK(provider->name == "ZDNet");
    CHECK(provider->domain == "zdnet.com");
    CHECK(any_mentions(warnings, "provider was missing; derived from the url as \"ZDNet\" (zdnet.com)"));
  }
  SECTION("missing, and no url: stays missing") { CHECK_FALSE(resolve(std::nullopt, std::nullopt).first); }
  SECTION("a host is reduced to its registrable domain") {
    const auto [provider, warnings] = resolve(given("ZDNet", "www.zdnet.com"), zdnet_url);
    CHECK(provider->domain == "zdnet.com");
    CHECK(warnings.size() == 1);
    CHECK(any_mentions(warnings, "reduced to its registrable domain \"zdnet.com\""));
  }
  SECTION("a domain that contradicts the url gives way to it") {
    const auto [provider, warnings] = resolve(given("ZDNet", "elsewhere.com"), zdnet_url);
    CHECK(provider->domain == "zdnet.com");
    CHECK(any_mentions(warnings, "contradicts the url's domain \"zdnet.com\""));
  }
  SECTION("on a hosting platform, the channel is the provider") {
    const auto [provider, warnings] =
        resolve(given("Some Channel", "channel.example"), std::string("https://www.youtube.com/watch?v=1"));
    CHECK(provider->name == "Some Channel");
    CHECK(provider->domain == "channel.example");
    CHECK(warnings.empty());
  }
  SECTION("the registry's name wins for its domain") {
    const auto [provider, warnings] = resolve(given("ZD Net", "zdnet.com"), zdnet_url);
    CHECK(provider->name == "ZDNet");
    CHECK(any_mentions(warnings, "provider.name \"ZD Net\" is \"ZDNet\" in the provider registry"));
  }
  SECTION("a name the registry gives to another domain becomes the domain") {
    const auto [provider, warnings] = resolve(given("ZDNet", "small.example"), std::string("https://small.example/a"));
    CHECK(provider->name == "small.example");
    CHECK(any_mentions(warnings, "belongs to zdnet.com in the provider registry"));
  }
  SECTION("an unknown domain without a name is named by the domain") {
    const auto [provider, warnings] =
        resolve(given(std::nullopt, "small.example"), std::string("https://small.example/a"));
    CHECK(provider->name == "small.example");
    CHECK(any_mentions(warnings, "provider.name was missing; it is the domain"));
  }
  SECTION("an unknown name on an unknown domain stays") {
    const auto [provider, warnings] = resolve(given("Small", "small.example"), std::string("https://small.example/a"));
    CHECK(provider->name == "Small");
    CHECK(warnings.empty());
  }
}
