// newsnorm.toml in memory: gitignore-style globs, reading the file (and refusing what it cannot
// mean, with line and column), the order default < file < command line, and discovery through a
// file system that exists only in the test.
#include <catch2/catch.hpp>

#include "newsnorm/config/config_resolver.hpp"
#include "newsnorm/config/project_config.hpp"
#include "newsnorm/core/path_glob.hpp"
#include "newsnorm/model/record_fields.hpp"
#include "test_support.hpp"

using namespace newsnorm;
using namespace newsnorm::test;

namespace {

PathGlob glob(const std::string& text) {
  Result<PathGlob> parsed = PathGlob::parse(text);
  INFO(text);
  REQUIRE(parsed.ok());
  return parsed.value();
}

bool matches(const std::string& pattern, const std::string& path, bool folder = false) {
  return glob(pattern).matches(path, folder);
}

ProjectConfig parse(const std::string& text, const std::string& base = "/repo") {
  ProjectConfig config;
  Status status = apply_config_text(config, text, "newsnorm.toml", base);
  if (!status.ok()) FAIL(format_diagnostic("newsnorm.toml", status.error()));
  return config;
}

Diagnostic parse_error(const std::string& text) {
  ProjectConfig config;
  Status status = apply_config_text(config, text, "newsnorm.toml", "/repo");
  REQUIRE_FALSE(status.ok());
  CHECK(status.error().code == &code::config_invalid);
  return status.error();
}

// A file system of a few paths, for discovery without touching the disk.
class MemoryFiles : public ConfigFiles {
 public:
  std::map<std::string, std::string> files;  // path -> text; folders are implied, ".git" is a marker
  mutable std::vector<std::string> asked;

  bool exists(const std::string& path) const override {
    asked.push_back(path);
    return files.count(path) > 0;
  }
  Result<std::string> read(const std::string& path) const override { return files.at(path); }
};

}  // namespace

TEST_CASE("globs follow .gitignore: names at any depth, anchors, folders, ** and classes", "[config][glob]") {
  // No slash: a name at any depth.
  CHECK(matches(".keep", ".keep"));
  CHECK(matches(".keep", "_news/.keep"));
  CHECK(matches("*.tmp", "a/b/c.tmp"));
  CHECK_FALSE(matches("*.tmp", "a/b/c.tmp.md"));
  // A slash at the start or in the middle anchors to the configuration's folder.
  CHECK(matches("/drafts", "drafts"));
  CHECK_FALSE(matches("/drafts", "posts/drafts"));
  CHECK(matches("_data/organizations", "_data/organizations", true));
  CHECK_FALSE(matches("_data/organizations", "site/_data/organizations", true));
  // '*' and '?' stay within a name.
  CHECK(matches("_news/*.md", "_news/a.md"));
  CHECK_FALSE(matches("_news/*.md", "_news/2020/a.md"));
  CHECK(matches("a?c", "abc"));
  CHECK_FALSE(matches("a?c", "a/c"));
  // '**': leading, trailing and in the middle.
  CHECK(matches("**/drafts", "drafts", true));
  CHECK(matches("**/drafts", "x/y/drafts", true));
  CHECK(matches("_data/**", "_data/organizations/bbc.com.md"));
  CHECK_FALSE(matches("_data/**", "_data", true));  // "everything inside", not the folder itself
  CHECK(matches("a/**/b", "a/b"));
  CHECK(matches("a/**/b", "a/x/y/b"));
  CHECK_FALSE(matches("a/**/b", "a/x/y/bc"));
  CHECK(matches("**/_data/organizations/**", "work/shared/corpus/powerapps/_data/organizations/x.md"));
  // A trailing slash matches folders only.
  CHECK(matches("drafts/", "drafts", true));
  CHECK_FALSE(matches("drafts/", "drafts", false));
  // Classes and escapes.
  CHECK(matches("file[0-9].md", "file7.md"));
  CHECK_FALSE(matches("file[!0-9].md", "file7.md"));
  CHECK(matches("file[!0-9].md", "fileX.md"));
  CHECK(matches("[]x]", "]"));
  CHECK(matches("\\*.md", "*.md"));
  CHECK_FALSE(matches("\\*.md", "a.md"));
  CHECK(matches("\\!important.md", "!important.md"));
  // '*' backtracks.
  CHECK(matches("a*b*c", "axxbyybzc"));
  CHECK_FALSE(matches("a*b*c", "axxbyyb"));
  // A folder pattern covers what is in the folder.
  CHECK(glob("drafts/").covers("drafts/2020/a.md", false));
  CHECK_FALSE(glob("drafts/").covers("drafts.md", false));
  CHECK(glob("!drafts").negated());
  CHECK(glob("!drafts").matches("drafts", true));
}

TEST_CASE("a glob that cannot mean anything is refused, saying why", "[config][glob]") {
  for (const char* bad : {"", "!", "/", "a//b", "../x", "a/./b", "file[0-9", "x\\", "a[b/c]"}) {
    INFO(bad);
    CHECK_FALSE(PathGlob::parse(bad).ok());
  }
  CHECK(mentions(PathGlob::parse("file[0-9").error().message, "']'"));
  CHECK(mentions(PathGlob::parse("../x").error().message, "relative to the folder"));
}

TEST_CASE("exclude follows .gitignore: the last match decides, an excluded folder keeps its files out",
          "[config][glob]") {
  const ProjectConfig config = parse(R"(exclude = ["drafts/", "*.tmp", "!keep.tmp", "!drafts/ok.md"])");
  CHECK(exclusion_of(config, "/repo/drafts", true));
  CHECK(exclusion_of(config, "/repo/drafts/a.md", false));
  // As in git, a file cannot come back from inside an excluded folder.
  CHECK(exclusion_of(config, "/repo/drafts/ok.md", false));
  CHECK(exclusion_of(config, "/repo/x/a.tmp", false));
  CHECK_FALSE(exclusion_of(config, "/repo/x/keep.tmp", false));
  CHECK_FALSE(exclusion_of(config, "/repo/posts/a.md", false));
  // The folders above the configuration's do not count: "repo" is not excluded by a pattern "repo".
  const ProjectConfig named = parse(R"(exclude = ["repo"])");
  CHECK_FALSE(exclusion_of(named, "/repo/a.md", false));
  CHECK(exclusion_of(named, "/repo/repo/a.md", false));
  // The reason names the file, the line and the glob.
  CHECK(why_left_out(config, "/repo/x/a.tmp", false) == "excluded by newsnorm.toml:1 (\"*.tmp\")");
}

TEST_CASE("include reads only the files it covers, and folders are still walked", "[config][glob]") {
  const ProjectConfig config = parse(R"(include = ["*.md", "_data/"])");
  CHECK_FALSE(exclusion_of(config, "/repo/a/b.md", false));
  CHECK_FALSE(exclusion_of(config, "/repo/_data/topics/x.yaml", false));
  CHECK_FALSE(exclusion_of(config, "/repo/assets", true));
  bool not_included = false;
  CHECK(exclusion_of(config, "/repo/assets/logo.png", false, &not_included));
  CHECK(not_included);
  CHECK(mentions(*why_left_out(config, "/repo/assets/logo.png", false), "not matched by include"));
  CHECK(parse_error(R"(include = ["!*.md"])").message.find("exclude") != std::string::npos);
}

TEST_CASE("a path outside the configuration's folder is matched by its whole path", "[config][glob]") {
  // The case of --config FILE kept apart from the content: only unanchored globs can match.
  const ProjectConfig config = parse(R"(exclude = [".keep", "/_news"]
[types]
"**/_data/organizations/**" = "organization"
"_data/topics/**" = "topic")",
                                     "/src/tests/fixtures/config");
  CHECK(relative_to("/work/corpus/_news/.keep", "/src/tests/fixtures/config") == "work/corpus/_news/.keep");
  CHECK(exclusion_of(config, "/work/corpus/_news/.keep", false));
  CHECK_FALSE(exclusion_of(config, "/work/corpus/_news/a.md", false));
  REQUIRE(type_rule_of(config, "/work/corpus/_data/organizations/bbc.com.md"));
  CHECK(type_rule_of(config, "/work/corpus/_data/organizations/bbc.com.md")->type == "organization");
  CHECK_FALSE(type_rule_of(config, "/work/corpus/_data/topics/a.yaml"));
}

TEST_CASE("newsnorm.toml: every setting is read, with its origin", "[config]") {
  const ProjectConfig config = parse(R"(# a comment
exclude = [".keep", "drafts/"]
include = ["*.md"]
providers = ["_data/organizations", "/etc/providers.yaml"]
base-url = "https://example.com"
assume-tz = "+05:30"
duplicate-keys = "last"

[limits]
max-bytes = 1000
max-depth = 10

[types]
"_data/topics/**" = "topic"
"_data/**" = "data"

[required]
article = ["title"]
organization = ["title", "images"]

[aliases]
summary = "excerpt"
hidden = "!published"
)");
  REQUIRE(config.exclude.size() == 2);
  CHECK(config.exclude[1].glob.text() == "drafts/");
  CHECK(config.exclude[1].origin.describe() == "newsnorm.toml:2");
  CHECK(config.exclude[1].base == "/repo");
  CHECK(config.include.size() == 1);
  REQUIRE(config.providers.size() == 2);
  CHECK(config.providers[0].value == "/repo/_data/organizations");  // relative to the file's folder
  CHECK(config.providers[1].value == "/etc/providers.yaml");
  CHECK(config.base_url == "https://example.com");
  CHECK(config.origin_of("base-url").describe() == "newsnorm.toml:5");
  CHECK(config.assume_tz == "+05:30");
  CHECK(config.limits.duplicate_keys == DuplicateKeys::last);
  CHECK(config.limits.max_bytes == 1000);
  CHECK(config.limits.max_depth == 10);
  CHECK(config.limits.max_related == Limits{}.max_related);
  CHECK(config.origin_of("limits.max-bytes").describe() == "newsnorm.toml:10");
  CHECK(config.origin_of("limits.max-related").describe() == "default");
  // [types] keep the file's order, whatever order toml++ keeps keys in: the last match wins.
  REQUIRE(config.types.size() == 2);
  CHECK(config.types[0].type == "topic");
  CHECK(type_rule_of(config, "/repo/_data/topics/a.yaml")->type == "data");
  CHECK(type_rule_of(config, "/repo/_data/organizations/a.md")->type == "data");
  CHECK_FALSE(type_rule_of(config, "/repo/_news/a.md"));
  CHECK(config.required.at("article").value == std::vector<std::string>{"title"});
  CHECK(config.required.at("organization").origin.describe() == "newsnorm.toml:19");
  REQUIRE(config.aliases.size() == 2);
  CHECK(config.aliases[1].value.key == "hidden");
  CHECK(config.aliases[1].value.field == "published");
  CHECK(config.aliases[1].value.negated);
}

TEST_CASE("newsnorm.toml: unknown keys and wrong types are errors at their line and column", "[config]") {
  Diagnostic e = parse_error("exclude = []\nmax_bytes = 10\n");
  CHECK(e.position.line == 2);
  CHECK(e.position.column == 1);
  CHECK(mentions(e.message, "unknown key 'max_bytes'"));
  CHECK(mentions(e.message, "the keys are exclude, include"));

  e = parse_error("[limits]\nmax_bytes = 10\n");
  CHECK(e.position.line == 2);
  CHECK(mentions(e.message, "did you mean 'max-bytes'?"));

  e = parse_error("exclude = \"drafts/\"\n");
  CHECK(e.position.line == 1);
  CHECK(e.position.column == 11);
  CHECK(mentions(e.message, "exclude should be a list of globs, but is text"));

  e = parse_error("exclude = [\"a\", 3]\n");
  CHECK(e.position.column == 17);
  CHECK(mentions(e.message, "but this one is an integer"));

  e = parse_error("[limits]\nmax-bytes = \"big\"\n");
  CHECK(e.position.line == 2);
  CHECK(mentions(e.message, "should be a whole number, but is text"));

  e = parse_error("[limits]\nmax-depth = 5000\n");
  CHECK(mentions(e.message, "the most it can be is 1000"));

  e = parse_error("[limits]\nmax-bytes = -1\n");
  CHECK(mentions(e.message, "the least it can be is 0"));

  e = parse_error("types = 3\n");
  CHECK(mentions(e.message, "types should be a table"));

  e = parse_error("[types]\n\"a/**\" = 3\n");
  CHECK(e.position.line == 2);
  CHECK(mentions(e.message, "should be text, but is an integer"));

  e = parse_error("[types]\n\"a//b\" = \"x\"\n");
  CHECK(mentions(e.message, "empty folder name"));

  e = parse_error("duplicate-keys = \"merge\"\n");
  CHECK(mentions(e.message, "give error, first or last"));

  e = parse_error("assume-tz = \"Mars/Olympus\"\n");
  CHECK(mentions(e.message, "not a zone"));

  e = parse_error("base-url = \"example.com\"\n");
  CHECK(mentions(e.message, "absolute http(s) URL"));

  e = parse_error("exclude = [\n");
  CHECK(mentions(e.message, "invalid TOML"));
  CHECK(e.position.line > 0);
}

TEST_CASE("newsnorm.toml: field names are checked against the field table", "[config]") {
  Diagnostic e = parse_error("[required]\narticle = [\"title\", \"titel\"]\n");
  CHECK(e.position.line == 2);
  CHECK(e.position.column == 21);
  CHECK(mentions(e.message, "unknown field 'titel' in required.article (did you mean 'title'?)"));
  CHECK(mentions(e.message, "publishedDateTime"));  // the list comes from the field table

  e = parse_error("[aliases]\nheadline = \"tittle\"\n");
  CHECK(e.position.line == 2);
  CHECK(mentions(e.message, "'tittle' is not a record field read from headers (did you mean 'title'?)"));

  e = parse_error("[aliases]\ntitle = \"excerpt\"\n");
  CHECK(mentions(e.message, "'title' is a record field's own key"));

  // Every requirable field of the table is accepted.
  std::string all;
  for (const auto& field : requirable_fields()) all += (all.empty() ? "\"" : ", \"") + field + "\"";
  CHECK(parse("[required]\n\"*\" = [" + all + "]\n").required.at("*").value == requirable_fields());
}

TEST_CASE("the command line wins over the file, the file over the defaults", "[config]") {
  ProjectConfig config = parse(R"(exclude = ["drafts/"]
base-url = "https://file.example"
assume-tz = "+01:00"
[limits]
max-bytes = 1000
max-depth = 10
[required]
organization = ["title"]
)");
  ConfigOverrides overrides;
  overrides.exclude = {"/x.tmp", "*.bak"};
  overrides.text["base-url"] = "https://cli.example";
  overrides.limits["max-bytes"] = 2000;
  REQUIRE(apply_overrides(config, overrides, "/home/me").ok());
  CHECK(config.base_url == "https://cli.example");
  CHECK(config.origin_of("base-url").describe() == "command line");
  CHECK(config.assume_tz == "+01:00");  // not given: the file's
  CHECK(config.origin_of("assume-tz").describe() == "newsnorm.toml:3");
  CHECK(config.limits.max_bytes == 2000);
  CHECK(config.limits.max_depth == 10);
  CHECK(config.limits.max_line_length == Limits{}.max_line_length);  // neither: the default
  // Each text setting is checked on the command line as in the file.
  ConfigOverrides wrong;
  wrong.text["duplicate-keys"] = "maybe";
  const Status refused = apply_overrides(config, wrong, "/home/me");
  REQUIRE_FALSE(refused);
  CHECK(refused.error().message == "--duplicate-keys maybe: give error, first or last");
  CHECK(config.origin_of("limits.max-line-length").describe() == "default");
  // --exclude adds to the file's list, relative to the current folder; an unanchored glob matches
  // anywhere, an anchored one only there.
  REQUIRE(config.exclude.size() == 3);
  CHECK(config.exclude[1].base == "/home/me");
  CHECK(exclusion_of(config, "/home/me/x.tmp", false));
  CHECK_FALSE(exclusion_of(config, "/repo/x.tmp", false));
  CHECK(exclusion_of(config, "/repo/deep/x.bak", false));
  // Articles keep their default requirement beside the file's organization entry.
  CHECK(config.required.at("article").value == default_required_fields());
  CHECK(config.required.at("article").origin.describe() == "default");
  CHECK(config.required.at("organization").value == std::vector<std::string>{"title"});

  // --require / --require-types replace the table, as they always meant "these types, these fields".
  overrides = {};
  overrides.require_types = std::vector<std::string>{"video"};
  REQUIRE(apply_overrides(config, overrides, "/home/me").ok());
  REQUIRE(config.required.size() == 1);
  CHECK(config.required.at("video").value == default_required_fields());
  CHECK(config.required.at("video").origin.describe() == "command line");

  overrides = {};
  overrides.require = std::vector<std::string>{"nonsense"};
  CHECK_FALSE(apply_overrides(config, overrides, "/home/me").ok());
  overrides = {};
  overrides.exclude = {"a//b"};
  CHECK_FALSE(apply_overrides(config, overrides, "/home/me").ok());
}

TEST_CASE("config entries list every setting in file order, with origins", "[config]") {
  const ProjectConfig config = parse("exclude = [\".keep\"]\n[limits]\nmax-bytes = 5\n");
  const std::vector<ConfigEntry> entries = config_entries(config);
  std::vector<std::string> keys;
  for (const auto& entry : entries) keys.push_back(entry.table.empty() ? entry.key : entry.table + "." + entry.key);
  CHECK(keys.front() == "exclude");
  CHECK(std::find(keys.begin(), keys.end(), "limits.max-related") != keys.end());
  CHECK(std::find(keys.begin(), keys.end(), "required.article") != keys.end());
  const auto max_bytes = std::find_if(entries.begin(), entries.end(), [](auto& e) { return e.key == "max-bytes"; });
  REQUIRE(max_bytes != entries.end());
  CHECK(max_bytes->value == 5);
  CHECK(max_bytes->origin.describe() == "newsnorm.toml:3");
  CHECK(entries.front().item);
  CHECK(entries.front().origin.describe() == "newsnorm.toml:1");
}

TEST_CASE("discovery: the nearest newsnorm.toml upward, stopping at .git, each folder looked up once",
          "[config][discovery]") {
  MemoryFiles files;
  files.files["/r/newsnorm.toml"] = "[types]\n\"_data/**\" = \"data\"\n";
  files.files["/r/.git"] = "";
  files.files["/r/sub/newsnorm.toml"] = "exclude = [\"*.tmp\"]\n";
  files.files["/outer/newsnorm.toml"] = "exclude = [\"*\"]\n";  // above a repository root: never used
  files.files["/outer/repo/.git"] = "";
  ConfigChoice choice;
  choice.cwd = "/r";
  const auto configs_owner = value_or_throw(ConfigResolver::open(choice, files));
  ConfigResolver& configs = *configs_owner;

  const AppliedConfig& root = *value_or_throw(configs.for_path("_data/a.md", false));
  CHECK(root.config->file == "newsnorm.toml");  // shown relative to the current folder
  CHECK(root.config->base == "/r");
  CHECK(root.ingest.type_for_path("_data/a.md") == "data");
  CHECK(root.ingest.type_for_path("/r/_data/a.md") == "data");
  CHECK(root.ingest.type_for_path("_news/a.md").empty());
  CHECK(root.ingest.type_for_path("-").empty());
  // A nested configuration applies below its folder, alone: no inheritance, as with ruff.
  const AppliedConfig& sub = *value_or_throw(configs.for_path("/r/sub/deeper/x.tmp", false));
  CHECK(sub.config->file == "sub/newsnorm.toml");
  CHECK(sub.config->types.empty());
  CHECK(why_left_out(*sub.config, "/r/sub/deeper/x.tmp", false));
  // The search stops at the repository's root: /outer/newsnorm.toml is outside it.
  const AppliedConfig& none = *value_or_throw(configs.for_path("/outer/repo/a/b.md", false));
  CHECK(none.config->file.empty());
  CHECK(none.config->exclude.empty());
  // Cached per folder: a second file in a known folder asks the file system nothing.
  files.asked.clear();
  CHECK(value_or_throw(configs.for_path("/r/sub/deeper/y.md", false)) == &sub);
  CHECK(value_or_throw(configs.for_path("/r/_data/b.md", false)) == &root);
  CHECK(files.asked.empty());
  // Standard input uses the current folder's.
  CHECK(value_or_throw(configs.for_path("-", false)) == &root);
}

TEST_CASE("discovery: a named config is used for every input, no-config means none, a broken file names its line",
          "[config][discovery]") {
  MemoryFiles files;
  files.files["/r/newsnorm.toml"] = "exclude = [\"*\"]\n";
  files.files["/etc/ci.toml"] = "[limits]\nmax-bytes = 7\n";
  files.files["/r/broken/newsnorm.toml"] = "\n\nexclude = 3\n";
  ConfigChoice choice;
  choice.cwd = "/r";
  choice.file = "/etc/ci.toml";
  const auto named_owner = value_or_throw(ConfigResolver::open(choice, files));
  ConfigResolver& named = *named_owner;
  CHECK(value_or_throw(named.for_path("a.md", false))->ingest.limits.max_bytes == 7);
  CHECK(value_or_throw(named.for_path("/elsewhere/b.md", false))->config->file == "/etc/ci.toml");

  choice.file.clear();
  choice.discover = false;
  choice.overrides.limits["max-bytes"] = 9;
  const auto none_owner = value_or_throw(ConfigResolver::open(choice, files));
  ConfigResolver& none = *none_owner;
  CHECK(value_or_throw(none.for_path("a.md", false))->config->exclude.empty());
  CHECK(value_or_throw(none.for_path("a.md", false))->ingest.limits.max_bytes == 9);

  choice.discover = true;
  const auto discovering_owner = value_or_throw(ConfigResolver::open(choice, files));
  ConfigResolver& discovering = *discovering_owner;
  try {
    (void)value_or_throw(discovering.for_path("/r/broken/a.md", false));
    FAIL("a broken newsnorm.toml was accepted");
  } catch (const FatalError& error) {
    CHECK(error.failure().kind == FatalKind::usage);
    CHECK(std::string(error.what()).starts_with("broken/newsnorm.toml:3:11: error: exclude should be a list"));
    CHECK(error.failure().diagnostic.position.line == 3);
    CHECK(error.failure().diagnostic.code == &code::config_invalid);
  }

  choice.file = "/etc/missing.toml";
  CHECK_FALSE(ConfigResolver::open(choice, files));
}

TEST_CASE("validate's rules and ingest's options come from the configuration", "[config]") {
  MemoryFiles files;
  files.files["/r/newsnorm.toml"] = R"([types]
"orgs/**" = "organization"
[required]
organization = ["title"]
[aliases]
name = "title"
)";
  ConfigChoice choice;
  choice.cwd = "/r";
  choice.validating = true;
  const auto configs_owner = value_or_throw(ConfigResolver::open(choice, files));
  ConfigResolver& configs = *configs_owner;
  const IngestOptions& options = value_or_throw(configs.for_path("orgs/bbc.md", false))->ingest;
  REQUIRE(options.validate);
  ParseResult org = ingest_bytes("---\nname: BBC\n---\n", "orgs/bbc.md", options);
  REQUIRE(org.ok());
  CHECK(org->type == "organization");
  CHECK(org->title == "BBC");  // read through the alias
  CHECK(missing_required_fields(org.value(), *options.validate).empty());
  // A header's own type wins over the configuration's.
  ParseResult typed = ingest_bytes("---\ntype: video\nname: A talk\n---\n", "orgs/talk.md", options);
  REQUIRE(typed.ok());
  CHECK(typed->type == "video");
  // Bare text names no type: the configuration's applies.
  ParseResult text = ingest_bytes("Just text\n\nbody\n", "orgs/note.txt", options);
  REQUIRE(text.ok());
  CHECK(text->type == "organization");
  // Articles still need the default fields.
  ParseResult article = ingest_bytes("---\ntitle: x\n---\n", "news/a.md", options);
  REQUIRE(article.ok());
  CHECK(article->type == "article");
  CHECK(missing_required_fields(article.value(), *options.validate).size() == 2);
}

TEST_CASE("config: the top-level keys come from one table, in the order config prints them", "[config]") {
  std::vector<std::string> keys;
  for (const std::string_view key : config_keys()) keys.emplace_back(key);
  CHECK(keys == std::vector<std::string>{"exclude", "include", "providers", "base-url", "assume-tz", "duplicate-keys",
                                         "limits", "types", "required", "aliases"});
  // Every text setting is read from a file, shown by `newsnorm config` and offered on the command line.
  for (const TextSetting& setting : text_settings()) {
    INFO(setting.key);
    ProjectConfig config;
    const std::string example(setting.example.substr(1, setting.example.find('"', 1) - 1));
    REQUIRE(apply_config_text(config, std::string(setting.key) + " = \"" + example + "\"\n", "newsnorm.toml", "/r"));
    CHECK(setting.get(config) == example);
    CHECK(config.origin_of(setting.key).describe() == "newsnorm.toml:1");
  }
}
