// Bare text: bylines, bios, image credits, date lines and site footers taken out of the body into
// fields, and the provider named from what the text says -- through the library and the binary.
#include <catch2/catch.hpp>

#include "newsnorm/model/record_fields.hpp"
#include "newsnorm/normalize/bare_text.hpp"
#include "newsnorm/normalize/provider_registry.hpp"
#include "newsnorm/run/ingest.hpp"
#include "test_support.hpp"

using namespace newsnorm;
using namespace newsnorm::test;

namespace {

std::filesystem::path fixtures() { return source_dir() / "tests" / "fixtures" / "bare-text"; }

Article ingest_file(const std::filesystem::path& path) {
  ParseResult result = ingest_bytes(read_file(path), path.string(), {});
  REQUIRE(result.ok());
  return std::move(result).value();
}

Article fixture(const std::string& name) { return ingest_file(fixtures() / name); }

// Warnings about the body that say something was taken out.
std::size_t removals(const Article& a) {
  std::size_t n = 0;
  for (const auto& w : a.warnings) n += w.message.find("took out") != std::string::npos;
  return n;
}

}  // namespace

TEST_CASE("bare text: seed 001 gives its author, image credits and provider, and only the article's text",
          "[bare-text][seeds]") {
  const Article a = ingest_file(seeds_dir() / "001_91c52061c003d87f.txt");
  CHECK(a.title == "NVIDIA and Microsoft team up to build an AI cloud computer that probably won't become Skynet");
  CHECK(a.body.starts_with("What could possibly go wrong!?"));
  CHECK(
      a.body.ends_with("However it all goes, it seems like Microsoft is poised to be on the cutting edge of this "
                       "nascent tech, along with its enterprise partners on Azure."));
  CHECK_FALSE(mentions(a.body, "Image credit"));
  CHECK_FALSE(mentions(a.body, "Cloud servers"));
  CHECK_FALSE(mentions(a.body, "Jez Corden"));
  CHECK(mentions(a.body, "Microsoft Azure.”\n\nMicrosoft's interest"));  // the paragraphs around a credit join
  REQUIRE(a.authors.size() == 1);
  CHECK(a.authors[0].name == "Jez Corden");
  CHECK(a.authors[0].role == "Co-Managing Editor");
  REQUIRE(a.authors[0].bio);
  CHECK(a.authors[0].bio->starts_with("Jez Corden is a Managing Editor at Windows Central"));
  CHECK(a.authors[0].bio->ends_with("Xbox!"));
  CHECK(a.authors[0].extra.value("twitter", "") == "@JezCorden");
  REQUIRE(a.images.size() == 2);
  CHECK(a.images[0].title == "NVIDIA and Microsoft Logo with a Terminator");
  CHECK(a.images[0].credit == "NVIDIA and Microsoft");
  CHECK(a.images[1].title == "Cloud servers");
  CHECK(a.images[1].credit == "Microsoft");
  REQUIRE(a.provider);
  CHECK(a.provider->name == "Windows Central");
  CHECK(a.provider->domain == "windowscentral.com");
  CHECK(any_mentions(a.warnings, "body: took out the byline \"Jez Corden\" / \"Co-Managing Editor\" into authors"));
  CHECK(any_mentions(a.warnings, "body: took out the author's bio \"Jez Corden is a Managing Editor"));
  CHECK(any_mentions(a.warnings,
                     "took out the image caption \"Cloud servers\" and the credit line "
                     "\"(Image credit: Microsoft)\" into images"));
  CHECK(any_mentions(a.warnings,
                     "provider: \"Windows Central\" (windowscentral.com) from the author's bio \"Jez "
                     "Corden is a Managing Editor at Windows Central"));
  CHECK(removals(a) == 4);
  CHECK(a.text == a.body);
}

TEST_CASE("bare text: seed 003 loses its site footer and names TechSpot from it", "[bare-text][seeds]") {
  const Article a = ingest_file(seeds_dir() / "003_a5d00081cf4cd984.txt");
  CHECK_FALSE(a.title);
  CHECK(a.body.starts_with("Forward-looking: Nvidia and Microsoft"));
  CHECK(a.body.ends_with("powerful AI capabilities \"for every enterprise on Microsoft Azure.\""));
  CHECK_FALSE(mentions(a.body, "TECHSPOT"));
  CHECK_FALSE(mentions(a.body, "All Rights Reserved"));
  REQUIRE(a.provider);
  CHECK(a.provider->name == "TechSpot");
  CHECK(a.provider->domain == "techspot.com");
  CHECK(any_mentions(a.warnings,
                     "body: took out the site footer \"TECHSPOT : Tech Enthusiasts, Power Users, Gamers "
                     "TechSpot is a registered trademark. About Us Ethics Statement Terms of Use "
                     "Privacy Policy Change Ad Consent Advertise © 1998 - 2024 TechSpot, Inc. All "
                     "Rights Reserved.\""));
  CHECK(any_mentions(a.warnings, "provider: \"TechSpot\" (techspot.com) from "));
  CHECK(any_mentions(a.warnings, "the copyright line \"© 1998 - 2024 TechSpot, Inc.\""));
  CHECK_FALSE(any_mentions(a.warnings, "Â©"));
  CHECK(a.authors.empty());
  CHECK(removals(a) == 1);
}

TEST_CASE("bare text: a top byline with a title, a date line, a photo caption and a copyright footer", "[bare-text]") {
  const Article a = fixture("byline-top.txt");
  CHECK(a.title == "City council approves new budget for public transit");
  CHECK(a.body.starts_with("The city council voted 7-2"));
  CHECK(a.body.ends_with("The budget takes effect in July."));
  CHECK_FALSE(mentions(a.body, "Photo:"));
  REQUIRE(a.authors.size() == 1);
  CHECK(a.authors[0].name == "Jane Doe");
  CHECK(a.authors[0].role == "Senior Reporter");
  CHECK(a.published_date_time == "2023-03-03T00:00:00Z");
  REQUIRE(a.images.size() == 1);
  CHECK(a.images[0].title == "Commuters at the central station on Thursday morning.");
  CHECK(a.images[0].credit == "Reuters");
  CHECK_FALSE(a.provider);  // Example Media is no registry name: no guess
  CHECK(any_mentions(a.warnings,
                     "took out the site footer \"Copyright © 2023 Example Media LLC. All rights "
                     "reserved.\""));
  CHECK(any_mentions(a.warnings, "UTC was assumed"));
  CHECK(removals(a) == 4);
}

TEST_CASE("bare text: two authors and an update time on one line, a credit line, a registry name in the notice",
          "[bare-text]") {
  const Article a = fixture("copyright-registry.txt");
  REQUIRE(a.authors.size() == 2);
  CHECK(a.authors[0].name == "Ann Lee");
  CHECK(a.authors[1].name == "Tom Park");
  CHECK(a.updated_date_time == "2022-11-16T15:32:00Z");
  CHECK_FALSE(a.published_date_time);
  REQUIRE(a.images.size() == 1);
  CHECK(a.images[0].title == "A view of the factory floor");
  CHECK(a.images[0].credit == "Example Motors");
  CHECK(a.body ==
        "The plant, which employs 3,000 people, will supply batteries for two new models.\n\n"
        "Production is expected to reach full capacity by 2025, the company said.");
  REQUIRE(a.provider);
  CHECK(a.provider->name == "Reuters");
  CHECK(any_mentions(a.warnings, "provider: \"Reuters\" (reuters.com) from the copyright line \"© 2022 Reuters.\""));
}

TEST_CASE("bare text: a masthead and a line of site links end the text", "[bare-text]") {
  const Article a = fixture("masthead-footer.txt");
  CHECK(a.body.ends_with("Investors included two venture firms and a logistics group."));
  REQUIRE(a.provider);
  CHECK(a.provider->name == "GeekWire");
  CHECK(any_mentions(a.warnings, "from the footer masthead \"GEEKWIRE : Tech News, Startups, Innovation\""));
}

TEST_CASE("bare text: an author's bio under an About the author heading", "[bare-text]") {
  const Article a = fixture("bio-end.txt");
  CHECK(a.body.ends_with("Prices are expected to fall below $1,000 for the first time."));
  REQUIRE(a.authors.size() == 1);
  CHECK(a.authors[0].name == "Maria Gomez");
  CHECK_FALSE(a.authors[0].role);
  CHECK(a.authors[0].extra.value("twitter", "") == "@mariagomez");
  REQUIRE(a.provider);
  CHECK(a.provider->name == "The Verge");
  CHECK(any_mentions(a.warnings, "took out the heading \"About the author\""));
}

TEST_CASE("bare text: a quoted or mid-text copyright notice and an editor named in prose stay, with no provider",
          "[bare-text]") {
  for (const std::string name : {"negative-quoted-copyright.txt", "negative-editor-mention.txt"}) {
    INFO(name);
    const std::string text = read_file(fixtures() / name);
    const Article a = fixture(name);
    CHECK(removals(a) == 0);
    CHECK(a.body == text.substr(text.find("\n\n") + 2, text.size() - text.find("\n\n") - 3));
    CHECK_FALSE(a.provider);
    CHECK(a.authors.empty());
    CHECK(a.images.empty());
    CHECK(a.warnings.empty());
  }
}

TEST_CASE("bare text: front matter bodies are left alone", "[bare-text]") {
  const std::string input = "---\ntitle: T\n---\nBy Jane Doe\n\nText.\n\n© 2022 Reuters. All rights reserved.\n";
  ParseResult result = ingest_bytes(input, "a.md", {});
  REQUIRE(result.ok());
  CHECK(mentions(result->body, "© 2022 Reuters"));
  CHECK(result->authors.empty());
  CHECK(removals(result.value()) == 0);
}

TEST_CASE("bare text: split_bare_text in memory", "[bare-text]") {
  SECTION("nothing to take out") {
    const auto parts = split_bare_text("One paragraph.\n\nAnother one.");
    CHECK(parts.body == "One paragraph.\n\nAnother one.");
    CHECK(parts.removals.empty());
  }
  SECTION("a text that is all footer stays") {
    const auto parts = split_bare_text("© 2022 Reuters. All rights reserved.");
    CHECK(parts.removals.empty());
  }
  SECTION("a copyright word inside a sentence at the end stays") {
    const auto parts = split_bare_text("Text.\n\nThe label said Copyright © 2022 Reuters.");
    CHECK(parts.removals.empty());
  }
  SECTION("a paragraph that mentions a photo stays") {
    const auto parts =
        split_bare_text("Text.\n\nShe said the photo: a fake, from the start, and everyone knew it.\n\nMore.");
    CHECK(parts.removals.empty());
  }
  SECTION("a short paragraph with \"photo:\" in it stays") {
    const auto parts = split_bare_text("Text.\n\nHe called the photo: fake.\n\nMore.");
    CHECK(parts.removals.empty());
  }
  SECTION("a By line that is a sentence stays") {
    const auto parts = split_bare_text("By the end of the year, prices had doubled.\n\nMore text.");
    CHECK(parts.removals.empty());
  }
}

TEST_CASE("bare text: human dates", "[bare-text]") {
  CHECK(read_human_date("November 16, 2022")->utc == "2022-11-16T00:00:00Z");
  CHECK(read_human_date("November 16, 2022")->zone_assumed);
  CHECK(read_human_date("Nov. 16, 2022 at 3:05 pm UTC")->utc == "2022-11-16T15:05:00Z");
  CHECK(read_human_date("16 Nov 2022 10:32 am EST")->utc == "2022-11-16T15:32:00Z");
  CHECK(read_human_date("2022-11-16T10:00:00+01:00")->utc == "2022-11-16T09:00:00Z");
  CHECK_FALSE(read_human_date("by Penguin in 1999"));
  CHECK_FALSE(read_human_date("February 30, 2022"));
  CHECK_FALSE(read_human_date("16 Nov 2022 10:32 XYZ"));
}

TEST_CASE("provider registry: find_by_name is case-insensitive and needs one domain", "[bare-text][providers]") {
  const ProviderRegistry& registry = ProviderRegistry::builtin();
  const auto techspot = registry.find_by_name("TECHSPOT");
  REQUIRE(techspot);
  CHECK(techspot->domain == "techspot.com");
  CHECK(techspot->info->name == "TechSpot");
  CHECK(registry.find_by_name("windows central")->domain == "windowscentral.com");
  CHECK_FALSE(registry.find_by_name("Example Media"));
}

TEST_CASE("bare text: through the binary", "[bare-text][cli]") {
  const RunResult run =
      run_newsnorm("ingest " + quoted(fixtures()) + " " + quoted(seeds_dir() / "001_91c52061c003d87f.txt") + " " +
                   quoted(seeds_dir() / "003_a5d00081cf4cd984.txt"));
  CHECK(run.exit_code == 0);
  const auto records = parse_lines(run.out);
  REQUIRE(records.size() == 8);
  std::map<std::string, nlohmann::ordered_json> by_name;
  for (const auto& record : records)
    by_name[std::filesystem::path(record["source"]["path"].get<std::string>()).filename().string()] = record;
  const auto& seed1 = by_name.at("001_91c52061c003d87f.txt");
  CHECK(seed1["authors"][0]["name"] == "Jez Corden");
  CHECK(seed1["authors"][0]["role"] == "Co-Managing Editor");
  CHECK(seed1["provider"]["name"] == "Windows Central");
  CHECK(seed1["images"][0]["credit"] == "NVIDIA and Microsoft");
  CHECK(seed1["body"].get<std::string>().starts_with("What could possibly go wrong!?"));
  const auto& seed3 = by_name.at("003_a5d00081cf4cd984.txt");
  CHECK(seed3["provider"]["name"] == "TechSpot");
  CHECK_FALSE(mentions(seed3["body"].get<std::string>(), "©"));
  CHECK(by_name.at("copyright-registry.txt")["updatedDateTime"] == "2022-11-16T15:32:00Z");
  CHECK(by_name.at("negative-editor-mention.txt")["provider"].is_null());
  CHECK_FALSE(by_name.at("byline-top.txt")["images"][0].contains("extra"));
}
