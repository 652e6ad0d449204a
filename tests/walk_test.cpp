// The folder walk: what it reads, what it skips and says so, and ignore files as git reads them.
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <set>

#include "newsnorm/read/ignore_rules.hpp"
#include "newsnorm/read/input_files.hpp"
#include "test_support.hpp"

using namespace newsnorm;
using namespace newsnorm::test;
namespace fs = std::filesystem;

namespace {

struct Walked {
  std::vector<std::string> read;
  std::vector<SkippedPath> skipped;
  std::optional<Failure> failure;
};

Walked walk(const fs::path& root, WalkOptions options = {}) {
  Walked out;
  options.skipped = [&](const SkippedPath& skip) { out.skipped.push_back(skip); };
  FatalResult<std::vector<Input>> inputs = expand_inputs({root.string()}, options);
  if (!inputs) {
    out.failure = inputs.error();
    return out;
  }
  for (const Input& input : inputs.value()) out.read.push_back(fs::path(input.path).lexically_relative(root).string());
  return out;
}

std::size_t count_reason(const Walked& walked, SkipReason reason) {
  return static_cast<std::size_t>(std::count_if(walked.skipped.begin(), walked.skipped.end(),
                                                [&](const SkippedPath& s) { return s.reason == reason; }));
}

std::string run_shell(const std::string& command) {
  std::string out;
  FILE* pipe = ::popen(command.c_str(), "r");
  REQUIRE(pipe);
  char buffer[4096];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
  ::pclose(pipe);
  return out;
}

std::set<std::string> lines_of(const std::string& text) {
  std::set<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    if (end > start) lines.insert(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

}  // namespace

TEST_CASE("walk: reads article extensions, skips site furniture, tool folders and its own files", "[walk]") {
  TempDir dir;
  const fs::path site = dir / "site";
  for (const char* article : {"_posts/2021-01-01-a.md", "_posts/b.markdown", "pages/c.HTML", "notes/d.txt",
                              "data/e.yaml", "f.toml", "g.json", "h.mdx", "i.htm", "j.yml"})
    write_file(site / article, "---\ntitle: T\n---\n");
  for (const char* other : {"Gemfile", "Gemfile.lock", "assets/main.css", "assets/logo.png", "script.js",
                            "node_modules/x/index.md", ".git/HEAD", ".git/x.md", "out.jsonl"})
    write_file(site / other, "x");
  write_file(site / "newsnorm.toml", "");

  Walked walked = walk(site);
  REQUIRE_FALSE(walked.failure);
  CHECK(walked.read.size() == 11);  // the ten articles and newsnorm.toml, which only the CLI knows as its own
  CHECK(std::is_sorted(walked.read.begin(), walked.read.end()));
  CHECK(count_reason(walked, SkipReason::not_article) == 6);  // Gemfile(.lock), css, png, js, jsonl
  // .git counts as a tool folder though its name is hidden too, and neither is entered
  CHECK(count_reason(walked, SkipReason::tool_folder) == 2);
  CHECK(count_reason(walked, SkipReason::hidden) == 0);
  WalkOptions own;
  own.own_names = {"newsnorm.toml"};
  own.own_paths = {fs::absolute(site / "g.json").lexically_normal().string()};
  walked = walk(site, own);
  CHECK(walked.read.size() == 9);
  CHECK(count_reason(walked, SkipReason::own_file) == 2);
  CHECK(std::find(walked.read.begin(), walked.read.end(), "g.json") == walked.read.end());

  SECTION("--type narrows, wanted_anyway widens") {
    WalkOptions md = own;
    md.extensions = extensions_of_types({"md"}).value();
    CHECK(walk(site, md).read.size() == 3);
    WalkOptions css = own;
    css.wanted_anyway = [](const std::string& path) { return path.ends_with(".css"); };
    CHECK(walk(site, css).read.size() == 10);
    CHECK_FALSE(extensions_of_types({"docx"}));
  }
}

TEST_CASE("walk: a SQLite file with newsnorm's application id is its own, whatever its name", "[walk]") {
  TempDir dir;
  write_file(dir / "a.md", "---\ntitle: T\n---\n");
  const std::string db = (dir / "whatever.bin").string();
  REQUIRE(run_newsnorm("ingest -q --state " + quoted(fs::path(db)) + " -o " + quoted(dir.path() / ".." / "o.jsonl") +
                       " " + quoted(dir / "a.md"))
              .exit_code == 0);
  std::string plain = "SQLite format 3";
  plain.push_back('\0');
  plain.resize(100, '\0');
  write_file(dir / "other.bin", plain);  // another program's database: not an article, not newsnorm's
  const Walked walked = walk(dir.path());
  CHECK(walked.read == std::vector<std::string>{"a.md"});
  CHECK(count_reason(walked, SkipReason::own_file) == 1);
  CHECK(count_reason(walked, SkipReason::not_article) == 1);
  fs::remove(dir.path() / ".." / "o.jsonl");
}

TEST_CASE("walk: dangling links, link loops, FIFOs and sockets are each reported, never silently dropped", "[walk]") {
  TempDir dir;
  write_file(dir / "a.md", "---\ntitle: T\n---\n");
  fs::create_symlink("missing.md", dir / "dangling.md");
  fs::create_symlink("loop.md", dir / "loop.md");
  fs::create_directory(dir / "folder");
  write_file(dir / "folder" / "b.md", "---\ntitle: T\n---\n");
  fs::create_directory_symlink("folder", dir / "link-to-folder");
  fs::create_symlink("a.md", dir / "link-to-file.md");
  REQUIRE(::mkfifo((dir / "pipe.md").c_str(), 0644) == 0);
  const int sock = ::socket(AF_UNIX, SOCK_STREAM, 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  const std::string sock_path = (dir / "s.md").string();
  REQUIRE(sock_path.size() < sizeof address.sun_path);
  std::copy(sock_path.begin(), sock_path.end(), address.sun_path);
  REQUIRE(::bind(sock, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);

  const Walked walked = walk(dir.path());
  ::close(sock);
  CHECK(walked.read == std::vector<std::string>{"a.md", "folder/b.md", "link-to-file.md"});
  std::map<std::string, std::string> special;
  for (const auto& s : walked.skipped)
    if (s.reason == SkipReason::special) special[fs::path(s.path).filename().string()] = s.detail;
  REQUIRE(special.size() == 4);
  CHECK(mentions(special["dangling.md"], "dangling"));
  CHECK(mentions(special["loop.md"], "loop"));
  CHECK(mentions(special["pipe.md"], "FIFO"));
  CHECK(mentions(special["s.md"], "socket"));
  CHECK(count_reason(walked, SkipReason::link_to_folder) == 1);
}

TEST_CASE("walk: a missing PATH and a folder without articles end the run before anything is read", "[walk]") {
  TempDir dir;
  Walked walked = walk(dir / "not-mounted");
  REQUIRE(walked.failure);
  CHECK(walked.failure->kind == FatalKind::usage);
  CHECK(mentions(walked.failure->diagnostic.message, "no such file or folder"));

  fs::create_directory(dir / "empty");
  walked = walk(dir / "empty");
  REQUIRE(walked.failure);
  CHECK(mentions(walked.failure->diagnostic.message, "no article files under"));

  write_file(dir / "furniture" / "Gemfile", "x");
  write_file(dir / "furniture" / "main.css", "x");
  walked = walk(dir / "furniture");
  REQUIRE(walked.failure);
  CHECK(mentions(walked.failure->diagnostic.message, "2 skipped: 2 not articles"));
}

TEST_CASE("walk: a --files-from list with NUL bytes needs -0, and with -0 a newline inside a path is fine", "[walk]") {
  TempDir dir;
  const fs::path odd = dir / "two\nlines.md";
  write_file(odd, "---\ntitle: T\n---\n");
  write_file(dir / "b.md", "---\ntitle: T\n---\n");
  const std::string list = odd.string() + '\0' + (dir / "b.md").string() + '\0';
  write_file(dir / "list", list);

  write_file(dir / "find-print0", (dir / "b.md").string() + '\0' + (dir / "b.md").string() + '\0');
  auto stream = InputStream::open({}, {}).value();
  REQUIRE(stream->add_list((dir / "find-print0").string(), '\n'));
  FatalResult<std::optional<Input>> next = stream->next();
  REQUIRE_FALSE(next);
  CHECK(mentions(next.error().diagnostic.message, "add -0"));

  stream = InputStream::open({}, {}).value();
  REQUIRE(stream->add_list((dir / "list").string(), '\0'));
  std::vector<std::string> paths;
  while (auto input = stream->next().value()) paths.push_back(input->path);
  CHECK(paths == std::vector<std::string>{odd.string(), (dir / "b.md").string()});
}

TEST_CASE("ignore rules: parsed as git parses them", "[walk]") {
  const auto rules = parse_ignore_text("# comment\n\n*.tmp  \n\\#hash\n!keep.tmp\n/build/\ntrailing\\ \r\n", "x");
  REQUIRE(rules.size() == 5);
  IgnoreStack stack;
  stack.push("site", "", rules);
  CHECK(stack.ignoring("site/a.tmp", false));
  CHECK(stack.ignoring("site/deep/a.tmp", false));
  CHECK_FALSE(stack.ignoring("site/keep.tmp", false));
  CHECK(stack.ignoring("site/#hash", false));
  CHECK(stack.ignoring("site/build", true));
  CHECK_FALSE(stack.ignoring("site/build", false));
  CHECK_FALSE(stack.ignoring("site/deep/build", true));
  CHECK(stack.ignoring("site/trailing ", false));
  CHECK(rules[0].describe() == "ignored by x:3 (*.tmp)");
}

TEST_CASE("walk: .gitignore, .ignore and .git/info/exclude skip exactly what git check-ignore says", "[walk]") {
  if (std::system("git --version >/dev/null 2>&1") != 0) FAIL("git is needed for this test (cmake/install-deps.sh)");
  TempDir dir;
  const fs::path repo = dir / "repo";
  REQUIRE(std::system(("git init -q " + quoted(repo)).c_str()) == 0);
  write_file(repo / ".gitignore", "_site/\n*.draft.md\n!keep.draft.md\n/top-only.md\ndocs/**/secret.md\nbuild\n");
  write_file(repo / "content" / ".gitignore", "local.md\n!/../nothing\n*.md\n!important.md\n");
  write_file(repo / ".git" / "info" / "exclude", "excluded-by-info.md\n");
  write_file(repo / "notes" / ".ignore", "scratch.md\n");  // not git's: checked by hand below
  for (const char* file :
       {"a.md", "b.draft.md", "keep.draft.md", "top-only.md", "sub/top-only.md", "_site/index.html",
        "docs/x/y/secret.md", "docs/secret.md", "build/out.md", "src/build", "content/local.md", "content/important.md",
        "content/other.md", "content/deeper/important.md", "excluded-by-info.md", "sub/excluded-by-info.md",
        "notes/scratch.md", "notes/kept.md", "sp ace.md"})
    write_file(repo / file, "---\ntitle: T\n---\n");

  WalkOptions every;
  every.hidden = true;
  every.wanted_anyway = [](const std::string&) { return true; };  // every extension, so only ignore rules skip
  const Walked walked = walk(repo, every);
  REQUIRE_FALSE(walked.failure);
  std::set<std::string> read(walked.read.begin(), walked.read.end());
  // git lists the untracked files it does not ignore; .ignore is not git's, so scratch.md aside.
  std::set<std::string> git = lines_of(run_shell("cd " + quoted(repo) + " && git ls-files -o --exclude-standard"));
  CHECK(git.erase("notes/scratch.md") == 1);
  CHECK_FALSE(read.contains("notes/scratch.md"));
  CHECK(read == git);
  CHECK(read.size() > 8);
  CHECK(count_reason(walked, SkipReason::ignored) >= 8);

  SECTION("a walk of a sub-folder applies the ignore files above it, as git does") {
    const Walked inner = walk(repo / "content", every);
    std::set<std::string> inner_read(inner.read.begin(), inner.read.end());
    inner_read.erase(".gitignore");
    CHECK(inner_read == std::set<std::string>{"important.md", "deeper/important.md"});
  }
  SECTION("--no-ignore reads them all") {
    WalkOptions none = every;
    none.ignore_files = false;
    CHECK(walk(repo, none).read.size() > walked.read.size() + 8);
  }
}
