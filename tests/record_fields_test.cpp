// The field table is the one description of the record: these tests hold the rest of the code to it.
#include <catch2/catch.hpp>

#include <map>
#include <regex>
#include <set>

#include "newsnorm/export/exporter.hpp"
#include "newsnorm/export/record_reader.hpp"
#include "newsnorm/export/record_schema.hpp"
#include "newsnorm/model/identity.hpp"
#include "newsnorm/model/record_fields.hpp"
#include "newsnorm/run/ingest.hpp"
#include "test_support.hpp"

using namespace newsnorm;
using namespace newsnorm::test;

namespace {

template <typename S>
std::vector<std::string> keys_of_table() {
  std::vector<std::string> keys;
  for (const auto& field : fields_of<S>()) keys.emplace_back(field.key);
  return keys;
}

std::vector<std::string> keys_of_object(const nlohmann::ordered_json& object) {
  std::vector<std::string> keys;
  for (const auto& [key, value] : object.items()) keys.push_back(key);
  return keys;
}

// An article with every field set, nested objects included.
Article full_article() {
  const std::string text =
      "---\ntitle: T\ncategory: news\ntype: video\npublishedDateTime: 2020-01-02T03:04:05Z\n"
      "webUrl: https://example.com/a\noriginalUrl: https://example.com/o\nampWebUrl: https://example.com/a/amp\n"
      "cdnAmpWebUrl: https://example-com.cdn.ampproject.org/c/s/example.com/a\n"
      "canonicalUrl: https://example.com/a\nupdatedDateTime: 2021-01-01T00:00:00Z\nlanguage: en\n"
      "authors: [{name: A, url: 'https://example.com/a', role: Editor, bio: B, odd: 4}]\nsummary: S\n"
      "provider: {name: Example, domain: example.com, images: [{url: x}], authors: [a], odd: 1}\n"
      "topics: [Azure]\nimages: [{url: 'https://example.com/i.jpg', width: 1, height: 2, title: I, isCached: true, "
      "credit: C, odd: 2}]\n"
      "related:\n  - {title: R, excerpt: RE, publishedDateTime: 2020-01-01T00:00:00Z, webUrl: 'https://other.com/r',\n"
      "     canonicalUrl: 'https://other.com/r', type: article, provider: {name: Other, domain: other.com},\n"
      "     quality: 3, images: [{url: y}], odd: 3}\n"
      "quality: 5\nheat: 6\npublished: true\nsecured: blob\nunknown: kept\n---\n<p>Body</p>\n";
  ParseResult result = ingest_bytes(text, "full.md", {});
  REQUIRE(result.ok());
  return result.value();
}

}  // namespace

TEST_CASE("fields: the exporter, the schema and the reader agree on every field", "[fields]") {
  Article article = full_article();
  // Set only by later stages (stories, runs with --state): given here so every key is written.
  article.replaces = "0123456789abcdef";
  article.signature = "1AAAA";
  std::string line;
  append_record(line, article);
  const auto record = nlohmann::ordered_json::parse(line);
  // Every key the table has, in the table's order; nothing else.
  CHECK(keys_of_object(record) == keys_of_table<Article>());
  CHECK(keys_of_object(record.at("source")) == keys_of_table<Source>());
  CHECK(keys_of_object(record.at("images").at(0)) == keys_of_table<Image>());
  CHECK(keys_of_object(record.at("provider")) == keys_of_table<Provider>());
  CHECK(keys_of_object(record.at("related").at(0)) == keys_of_table<Related>());
  CHECK(keys_of_object(record.at("authors").at(0)) == keys_of_table<Author>());

  const Json& schema = record_schema().at("$defs").at("article");
  CHECK(keys_of_object(schema.at("properties")) == keys_of_table<Article>());
  for (const auto& field : fields_of<Article>()) {
    INFO(field.key);
    const Json& property = schema.at("properties").at(std::string(field.key));
    CHECK(property.at("description") == std::string(field.description));
    const bool required = std::find(schema.at("required").begin(), schema.at("required").end(),
                                    std::string(field.key)) != schema.at("required").end();
    CHECK(required == !field.omit_when_empty);
  }
  const Json& related = schema.at("properties").at("related").at("items");
  CHECK(keys_of_object(related.at("properties")) == keys_of_table<Related>());

  // The reader is the exporter's inverse.
  std::string again;
  append_record(again, read_record(Json::parse(line)).value());
  CHECK(again == line);
}

TEST_CASE("fields: the schema describes the id as it is computed", "[fields]") {
  const std::string description = record_schema().at("$defs").at("article").at("properties").at("id").at("description");
  CHECK(description.find("dedupe key") != std::string::npos);
  const Article article = full_article();
  CHECK(article.id == stable_id(*article.dedupe_key));
}

TEST_CASE("fields: validate's fields and the fuzzer's typed keys come from the table", "[fields]") {
  const auto requirable = requirable_fields();
  for (const auto& key : default_required_fields())
    CHECK(std::find(requirable.begin(), requirable.end(), key) != requirable.end());
  const auto typed = typed_header_keys();
  CHECK(std::find(typed.begin(), typed.end(), "title") != typed.end());
  CHECK(std::find(typed.begin(), typed.end(), "url") == typed.end());  // worked out, never read
  const Article article = full_article();
  for (const auto& key : requirable) {
    INFO(key);
    CHECK(has_field_value(article, key));
  }
  CHECK_FALSE(has_field_value(Article{}, "title"));
}

TEST_CASE("fields: each record field name is spelled in one place in src/", "[fields]") {
  std::set<std::string> names;
  const auto add = [&](const std::vector<std::string>& keys) { names.insert(keys.begin(), keys.end()); };
  add(keys_of_table<Article>());
  add(keys_of_table<Related>());
  add(keys_of_table<Image>());
  add(keys_of_table<Provider>());
  add(keys_of_table<Source>());
  // Words a record field shares with another vocabulary, and the one file each may be spelled in for it.
  const std::multimap<std::string, std::string> other_vocabularies = {
      {"type", "src/export/record_schema.cpp"},         // the JSON Schema keyword
      {"title", "src/html/text.cpp"},                   // the HTML element
      {"title", "src/html/scan.cpp"},                   // the HTML element
      {"body", "src/html/scan.cpp"},                    // the HTML element
      {"source", "src/html/scan.cpp"},                  // the HTML element
      {"path", "src/core/diagnostic.cpp"},              // a diagnostic's own key
      {"text", "src/core/format.cpp"},                  // the input format's name
      {"text", "src/cli/commands.hpp"},                 // --log-format text
      {"text", "src/cli/input_options.cpp"},            // --log-format text
      {"text", "src/cli/validate_command.cpp"},         // --format text
      {"text", "src/cli/report_writer.cpp"},            // --format text
      {"text", "src/cli/report_sarif.cpp"},             // SARIF's message.text
      {"name", "src/cli/report_sarif.cpp"},             // SARIF's toolComponent.name
      {"id", "src/cli/report_sarif.cpp"},               // SARIF's reportingDescriptor.id
      {"text", "src/model/article_builder.cpp"},        // "should be text" in messages
      {"text", "src/normalize/provider_registry.cpp"},  // "should be text" in messages
      {"text", "src/config/project_config.cpp"},        // "should be text" in messages about newsnorm.toml
      {"path", "src/cli/config_command.cpp"},           // `config --format json`: the input asked about
      {"id", "src/normalize/language.cpp"},             // the language code of Indonesian
  };
  // Files that speak another language whose words overlap the record's: a web page's class names,
  // JSON-LD and OpenGraph keys; RSS, Atom and JSON Feed elements and keys.
  const auto other_language = [](const std::string& file) {
    return file.starts_with("src/html/page") || file.starts_with("src/parse/feed");
  };
  const std::string table = "src/model/record_fields.cpp";
  const std::regex literal("\"([A-Za-z]+)\"");
  std::vector<std::string> strays;
  for (const auto& file : files_under(source_dir() / "src")) {
    const std::string relative = std::filesystem::relative(file, source_dir()).string();
    if (relative == table || other_language(relative)) continue;
    const std::string text = read_file(file);
    for (std::sregex_iterator it(text.begin(), text.end(), literal), end; it != end; ++it) {
      const std::string word = (*it)[1];
      if (!names.contains(word)) continue;
      const auto [first, last] = other_vocabularies.equal_range(word);
      if (std::none_of(first, last, [&](const auto& allowed) { return allowed.second == relative; }))
        strays.push_back(relative + ": \"" + word + "\"");
    }
  }
  CHECK(strays == std::vector<std::string>{});
  CHECK(read_file(source_dir() / table).find("\"publishedDateTime\"") != std::string::npos);
}
