// newsnorm.toml through the binary: the corpus validates with the configuration written for it,
// by PATH and by `find -print0`; discovery on a copy of part of the corpus; what `newsnorm config`
// says; the command line over the file; errors in the file as text and as JSON; ingest's records
// typed by the configuration; completions and help that know the command.
#include <catch2/catch.hpp>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "test_support.hpp"

using namespace newsnorm;
using namespace newsnorm::test;
namespace fs = std::filesystem;

namespace {

fs::path powerapps_config() { return source_dir() / "tests" / "fixtures" / "config" / "powerapps.toml"; }

// "newsnorm: 1456 files checked: 0 errors, 504 warnings" -> 1456, 0
std::pair<std::size_t, std::size_t> checked_and_errors(const std::string& err) {
  std::smatch match;
  const std::regex summary("(\\d+) files? checked: (\\d+) errors?");
  if (!std::regex_search(err, match, summary)) FAIL("no summary in: " << err);
  return {std::stoul(match[1]), std::stoul(match[2])};
}

// A repository made of part of the corpus: organizations, topics and some news, with the .keep
// files, a newsnorm.toml at its root and a nested repository (its own .git) with no configuration.
struct CorpusRepository {
  TempDir dir;
  fs::path root = dir / "repo";

  CorpusRepository() {
    fs::create_directories(root / "_data");
    for (const char* folder : {"_data/organizations", "_data/topics"})
      fs::copy(corpus_dir() / folder, root / folder, fs::copy_options::recursive);
    fs::create_directories(root / "_news");
    int news = 0;
    for (const auto& file : files_under(corpus_dir() / "_news"))
      if (news++ < 20) fs::copy_file(file, root / "_news" / file.filename());
    fs::copy_file(corpus_dir() / "_news" / ".keep", root / "_news" / ".keep");
    fs::create_directories(root / ".git");
    write_file(root / "newsnorm.toml", R"(exclude = [".keep"]
[types]
"_data/organizations/**" = "organization"
"_data/topics/**" = "topic"
[aliases]
name = "title"
[required]
organization = ["title", "images"]
topic = ["title"]
)");
    // A submodule: the search for its files' configuration stops at its own .git.
    fs::create_directories(root / "vendor" / ".git");
    fs::create_directories(root / "vendor" / "_data" / "organizations");
    fs::copy_file(corpus_dir() / "_data/organizations/bbc.com.md", root / "vendor/_data/organizations/bbc.com.md");
  }
};

}  // namespace

TEST_CASE("validate passes over the whole corpus with its newsnorm.toml, checking every record", "[config][corpus]") {
  const std::string corpus = quoted(corpus_dir());
  const std::size_t visible = files_under(corpus_dir()).size();
  // Without the configuration the data files miss article fields: the reason it exists.
  const RunResult bare = run_newsnorm("validate -q " + corpus);
  CHECK(bare.exit_code == 1);

  const RunResult run = run_newsnorm("validate " + corpus + " --config " + quoted(powerapps_config()));
  INFO(run.err.substr(0, 2000));
  CHECK(run.exit_code == 0);
  CHECK(checked_and_errors(run.err) == std::pair<std::size_t, std::size_t>{visible, 0});
  CHECK(run.out.find("error:") == std::string::npos);
}

TEST_CASE("find -print0 | validate --files-from - -0 honours the same configuration", "[config][corpus]") {
  std::string list;
  std::vector<fs::path> all = files_under(corpus_dir());
  const std::vector<fs::path> hidden = hidden_files_under(corpus_dir());
  REQUIRE(!hidden.empty());
  all.insert(all.end(), hidden.begin(), hidden.end());
  for (const auto& path : all) list += path.string() + '\0';

  const RunResult run = run_newsnorm("validate --files-from - -0 --config " + quoted(powerapps_config()), list);
  INFO(run.err.substr(0, 2000));
  CHECK(run.exit_code == 0);
  // The .keep files are named by the list and excluded: skipped with a note each, not counted.
  CHECK(checked_and_errors(run.err) == std::pair<std::size_t, std::size_t>{all.size() - hidden.size(), 0});
  for (const auto& keep : hidden)
    CHECK(mentions(run.err, keep.string() + ": note: skipped: excluded by " + powerapps_config().string() + ":"));
  // -q keeps the notes quiet.
  CHECK(run_newsnorm("validate -q --files-from - -0 --config " + quoted(powerapps_config()), list).err.empty());
}

TEST_CASE("discovery: the newsnorm.toml above the inputs applies, up to the repository's root", "[config][cli]") {
  CorpusRepository repo;
  // The vendor file too, but not newsnorm.toml: a walk never reads the configuration as an article.
  const std::size_t visible = files_under(repo.root).size() - 1;
  // From inside a folder of the repository, naming the folder: the root's configuration applies.
  const RunResult news = run_newsnorm_in(repo.root / "_data", "ingest organizations");
  REQUIRE(news.exit_code == 0);
  const auto records = parse_lines(news.out);
  REQUIRE(records.size() == files_under(repo.root / "_data" / "organizations").size());
  for (const auto& record : records) {
    CHECK(record["type"] == "organization");
    CHECK(record["title"].is_string());
    CHECK(record["fieldSources"]["title"] == "name");
  }

  // The whole repository validates, but for the submodule: its search stopped at its own .git, so
  // its organization file is an article again, without an article's fields.
  const RunResult run = run_newsnorm("validate " + quoted(repo.root) + " --format json");
  CHECK(run.exit_code == 1);
  CHECK(checked_and_errors(run.err) == std::pair<std::size_t, std::size_t>{visible, 3});
  for (const auto& problem : parse_lines(run.out)) {
    if (problem["severity"] != "error") continue;
    CHECK(problem["path"].get<std::string>().ends_with("vendor/_data/organizations/bbc.com.md"));
    CHECK(mentions(problem["message"], "(type \"article\")"));
  }

  // A .keep named on the command line is excluded; one found by walking with --hidden, silently.
  const RunResult keep = run_newsnorm_in(repo.root, "validate --hidden _news/.keep _news");
  CHECK(keep.exit_code == 0);
  CHECK(mentions(keep.err, "_news/.keep: note: skipped: excluded by newsnorm.toml:1 (\".keep\")"));
  CHECK(checked_and_errors(keep.err).first == files_under(repo.root / "_news").size());

  // --no-config: the data files are articles again.
  CHECK(run_newsnorm_in(repo.root, "validate -q --no-config _data").exit_code == 1);
}

TEST_CASE("exclude on the command line: paths relative to the current folder, named or walked", "[config][cli]") {
  CorpusRepository repo;
  const RunResult run = run_newsnorm_in(repo.root, "validate --exclude vendor/ --exclude '_news/*.md' .");
  CHECK(run.exit_code == 0);
  CHECK(checked_and_errors(run.err).first == files_under(repo.root / "_data").size());
  CHECK_FALSE(mentions(run.err, "note: skipped"));  // walked, not named: no notes, only the count
  // Named: a note that says it was the command line.
  const RunResult named =
      run_newsnorm_in(repo.root, "validate --exclude 'vendor/' vendor/_data/organizations/bbc.com.md");
  CHECK(mentions(named.err, "note: skipped: excluded by command line (\"vendor/\")"));
  CHECK(checked_and_errors(named.err).first == 0);
  // A bad glob is a usage error.
  const RunResult bad = run_newsnorm_in(repo.root, "validate --exclude 'a//b' .");
  CHECK(bad.exit_code == 2);
  CHECK(mentions(bad.err, "--exclude: the pattern \"a//b\" has an empty folder name"));
}

TEST_CASE("the command line wins over newsnorm.toml, which wins over the defaults, and config says so",
          "[config][cli]") {
  TempDir dir;
  write_file(dir / "newsnorm.toml", "[limits]\nmax-bytes = 100\nmax-depth = 8\n\nbase-url = \"https://a.example\"\n");
  // base-url above is inside [limits]: an error naming its line. Written again properly:
  const RunResult misplaced = run_newsnorm_in(dir.path(), "config");
  CHECK(misplaced.exit_code == 2);
  CHECK(mentions(misplaced.err, "newsnorm.toml:5:1: error: unknown key 'base-url' in [limits]"));

  write_file(dir / "newsnorm.toml", "base-url = \"https://a.example\"\n[limits]\nmax-bytes = 100\nmax-depth = 8\n");
  write_file(dir / "big.md", "---\ntitle: " + std::string(200, 'x') + "\n---\n");
  const RunResult small = run_newsnorm_in(dir.path(), "ingest big.md");
  CHECK(small.exit_code == 1);
  CHECK(mentions(small.err, "larger than the 100-byte limit"));
  CHECK(run_newsnorm_in(dir.path(), "ingest --max-bytes 1000 big.md").exit_code == 0);

  const RunResult shown = run_newsnorm_in(dir.path(), "config --max-bytes 1000 big.md");
  INFO(shown.out);
  REQUIRE(shown.exit_code == 0);
  CHECK(mentions(shown.out, "# From newsnorm.toml; its globs and paths are relative to " + dir.path().string()));
  CHECK(mentions(shown.out, "max-bytes = 1000  # command line\n"));
  CHECK(mentions(shown.out, "max-depth = 8  # newsnorm.toml:4\n"));
  CHECK(mentions(shown.out, "max-related = 1000  # default\n"));
  CHECK(mentions(shown.out, "base-url = \"https://a.example\"  # newsnorm.toml:1\n"));
  CHECK(mentions(shown.out, "article = [\"title\", \"publishedDateTime\", \"url\"]  # default\n"));
  CHECK(mentions(shown.out, "\n[types]\n# none\n"));
  CHECK(mentions(shown.out, "# big.md: read\n"));

  const RunResult json = run_newsnorm_in(dir.path(), "config --format json --max-bytes 1000 --require title big.md");
  REQUIRE(json.exit_code == 0);
  const auto objects = parse_lines(json.out);
  REQUIRE(objects.size() == 1);
  const auto& settings = objects[0]["settings"];
  CHECK(settings["limits"]["max-bytes"] == nlohmann::ordered_json({{"value", 1000}, {"origin", "command line"}}));
  CHECK(settings["limits"]["max-depth"]["origin"] == "newsnorm.toml:4");
  CHECK(settings["base-url"]["value"] == "https://a.example");
  CHECK(settings["required"]["article"]["value"] == nlohmann::ordered_json({"title"}));
  CHECK(settings["required"]["article"]["origin"] == "command line");
  CHECK(objects[0]["config"] == "newsnorm.toml");
  CHECK(objects[0]["paths"][0]["read"] == true);
}

TEST_CASE("newsnorm config prints valid TOML that reads back as the same settings", "[config][cli]") {
  CorpusRepository repo;
  const RunResult run = run_newsnorm_in(repo.root, "config _data/organizations/bbc.com.md _news/.keep vendor");
  INFO(run.out);
  REQUIRE(run.exit_code == 0);
  CHECK(mentions(run.out,
                 "# _data/organizations/bbc.com.md: read; type \"organization\" when its header names none "
                 "(types.\"_data/organizations/**\" at newsnorm.toml:3)"));
  CHECK(mentions(run.out, "# _news/.keep: left out, excluded by newsnorm.toml:1 (\".keep\")"));
  CHECK(mentions(run.out, "\"_data/topics/**\" = \"topic\"  # newsnorm.toml:4\n"));
  CHECK(mentions(run.out, "organization = [\"title\", \"images\"]  # newsnorm.toml:8\n"));
  CHECK(mentions(run.out, "name = \"title\"  # newsnorm.toml:6\n"));
  // The submodule has no configuration: a second block says so.
  CHECK(mentions(run.out, "# No newsnorm.toml applies: the defaults and the command line.\n# vendor: walked\n"));

  // The first block, written to a file, is a configuration with the same effect.
  const std::string first = run.out.substr(0, run.out.find("\n# No newsnorm.toml"));
  TempDir copy;
  write_file(copy / "newsnorm.toml", first);
  const RunResult again = run_newsnorm_in(copy.path(), "config --format json");
  REQUIRE(again.exit_code == 0);
  const RunResult original = run_newsnorm_in(repo.root, "config --format json");
  const auto a = parse_lines(again.out)[0]["settings"], b = parse_lines(original.out)[0]["settings"];
  CHECK(a["types"].size() == b["types"].size());
  CHECK(a["required"]["organization"]["value"] == b["required"]["organization"]["value"]);
  CHECK(a["exclude"][0]["value"] == ".keep");
  for (const auto& [name, limit] : b["limits"].items()) CHECK(a["limits"][name]["value"] == limit["value"]);
}

TEST_CASE("a broken newsnorm.toml is a usage error naming its line and column, in text and JSON", "[config][cli]") {
  TempDir dir;
  write_file(dir / "a.md", "---\ntitle: A\n---\n");
  write_file(dir / "newsnorm.toml", "exclude = [\".keep\"]\n[required]\narticle = [\"title\", \"summary\"]\n");
  const RunResult text = run_newsnorm_in(dir.path(), "validate a.md");
  CHECK(text.exit_code == 2);
  CHECK(text.out.empty());
  CHECK(mentions(text.err, "newsnorm.toml:3:21: error: unknown field 'summary' in required.article"));

  const RunResult json = run_newsnorm_in(dir.path(), "validate --log-format json a.md");
  CHECK(json.exit_code == 2);
  const auto lines = parse_lines(json.err);
  REQUIRE(lines.size() == 1);
  CHECK(lines[0]["path"] == "newsnorm.toml");
  CHECK(lines[0]["line"] == 3);
  CHECK(lines[0]["column"] == 21);
  CHECK(lines[0]["code"] == "config.invalid");
  CHECK(lines[0]["severity"] == "error");
  CHECK(mentions(lines[0]["message"], "unknown field 'summary'"));
  CHECK(mentions(lines[0]["hint"], "newsnorm.toml"));

  write_file(dir / "newsnorm.toml", "exclude = \".keep\"\n");
  const RunResult wrong = run_newsnorm_in(dir.path(), "ingest a.md");
  CHECK(wrong.exit_code == 2);
  CHECK(mentions(wrong.err, "newsnorm.toml:1:11: error: exclude should be a list of globs, but is text"));

  // --no-config reads past it; --config and --no-config together contradict each other.
  CHECK(run_newsnorm_in(dir.path(), "ingest --no-config a.md").exit_code == 0);
  CHECK(run_newsnorm_in(dir.path(), "ingest --no-config --config x.toml a.md").exit_code == 2);
  const RunResult missing = run_newsnorm_in(dir.path(), "ingest --config nowhere.toml a.md");
  CHECK(missing.exit_code == 2);
  CHECK(mentions(missing.err, "--config nowhere.toml: no such file"));
}

TEST_CASE("ingest with the corpus configuration types the data files and fills titles from names", "[config][corpus]") {
  const RunResult run =
      run_newsnorm("ingest -q " + quoted(corpus_dir() / "_data") + " --config " + quoted(powerapps_config()));
  REQUIRE(run.exit_code == 0);
  std::map<std::string, std::size_t> types;
  for (const auto& record : parse_lines(run.out)) {
    ++types[record["type"].get<std::string>()];
    CHECK(record["title"].is_string());
    CHECK(record["fieldSources"]["title"] == "name");
  }
  CHECK(types["organization"] == files_under(corpus_dir() / "_data" / "organizations").size());
  CHECK(types["topic"] == files_under(corpus_dir() / "_data" / "topics").size());
  CHECK(types.size() == 2);
}

TEST_CASE("completions, the man page and --help know every command and option", "[config][cli]") {
  const std::string bash = read_file(source_dir() / "cmake/completions/newsnorm.bash");
  const std::string zsh = read_file(source_dir() / "cmake/completions/_newsnorm");
  const std::string fish = read_file(source_dir() / "cmake/completions/newsnorm.fish");
  // Every long option each command's --help lists is in each completion.
  for (const char* command : {"ingest", "validate", "fix", "schema", "stories", "config"}) {
    const RunResult help = run_newsnorm(std::string(command) + " --help");
    REQUIRE(help.exit_code == 0);
    std::set<std::string> options;
    // The options section's lines ("  -o,--output TEXT  ..."), not the examples' other tools' options.
    const std::regex option("^ *(-[a-zA-Z0-9],)?--([a-z][a-z0-9-]+)");
    std::istringstream lines(help.out);
    std::smatch match;
    for (std::string line; std::getline(lines, line);)
      if (std::regex_search(line, match, option)) options.insert(match[2]);
    CHECK(options.count("help"));
    for (const auto& name : options) {
      INFO(command << " --" << name);
      CHECK(mentions(bash, "--" + name));
      CHECK(mentions(zsh, "--" + name));
      CHECK(mentions(fish, "-l " + name));
    }
    CHECK(mentions(bash, command));
    CHECK(mentions(zsh, std::string(command) + ":"));
    CHECK(mentions(fish, std::string("-a ") + command));
  }
  const std::string man = read_file(source_dir() / "cmake/newsnorm.h2m");
  CHECK(mentions(man, "newsnorm config"));
  CHECK(mentions(man, "newsnorm.toml"));
  // The man page has a section for each command.
  CHECK(
      mentions(read_file(source_dir() / "cmake/NewsnormPackaging.cmake"), "ingest validate fix schema stories config"));

  const RunResult help = run_newsnorm("config --help");
  CHECK(mentions(help.out, "Examples:"));
  CHECK(mentions(help.out, "[types]"));
  CHECK(mentions(help.out, "newsnorm config _data/organizations/bbc.com.md"));
}
