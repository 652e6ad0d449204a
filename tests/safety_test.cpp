// Safe where users point it: a missing folder never empties the state or the database, deletions
// need evidence, a walk reads articles, and records are written exactly once even under SIGKILL.
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <random>
#include <set>
#include <thread>

#include "newsnorm/run/batch.hpp"
#include "test_support.hpp"

using namespace newsnorm;
using namespace newsnorm::test;
namespace fs = std::filesystem;

namespace {

std::string article(const std::string& title) {
  return "---\ntitle: " + title + "\nexcerpt: About " + title +
         ".\npublishedDateTime: 2021-03-01T10:00:00Z\nurl: https://example.com/" +
         std::to_string(std::hash<std::string>{}(title)) + "\nprovider:\n  name: Example\n  domain: example.com\n---\n";
}

// Words no two articles share, so that no story or copy links them and each record is written once.
std::string nonce_title(int seed) {
  std::mt19937 random(static_cast<unsigned>(seed) * 2654435761u + 17);
  std::string title;
  for (int word = 0; word < 6; ++word) {
    if (word) title += ' ';
    const int length = 5 + static_cast<int>(random() % 4);
    for (int i = 0; i < length; ++i) title += static_cast<char>('a' + random() % 26);
  }
  return title;
}

void write_articles(const fs::path& folder, int from, int to) {
  for (int i = from; i < to; ++i)
    write_file(folder / ("a" + std::to_string(1000 + i) + ".md"), article(nonce_title(i)));
}

// Rows of a table, read without newsnorm; -1 when the file is no database or has no such table.
long long rows(const fs::path& db, const std::string& table) {
  sqlite3* handle = nullptr;
  long long count = -1;
  if (sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(handle, ("SELECT count(*) FROM " + table).c_str(), -1, &statement, nullptr) == SQLITE_OK &&
        sqlite3_step(statement) == SQLITE_ROW)
      count = sqlite3_column_int64(statement, 0);
    sqlite3_finalize(statement);
  }
  sqlite3_close(handle);
  return count;
}

std::set<std::string> sources_of(const std::string& jsonl) {
  std::set<std::string> paths;
  for (const auto& record : parse_lines(jsonl))
    if (record.contains("source") && record["source"].contains("path") && !record.contains("deleted"))
      paths.insert(record["source"]["path"].get<std::string>());
  return paths;
}

std::vector<std::string> deleted_of(const std::string& jsonl) {
  std::vector<std::string> paths;
  for (const auto& record : parse_lines(jsonl))
    if (record.contains("deleted")) paths.push_back(record["source"]["path"].get<std::string>());
  return paths;
}

}  // namespace

TEST_CASE("safety: a missing or empty PATH exits 2 and leaves state, database and output untouched", "[safety]") {
  TempDir dir;
  write_articles(dir / "articles", 0, 5);
  const std::string stores = " --state s.db --sqlite n.db -o out.jsonl ";
  RunResult first = run_newsnorm_in(dir.path(), "ingest -q" + stores + "articles");
  REQUIRE(first.exit_code == 0);
  REQUIRE(rows(dir / "n.db", "articles") == 5);
  const std::string output = read_file(dir / "out.jsonl");

  for (const std::string path : {"missing-mount/", "empty/"}) {
    if (path == "empty/") fs::create_directory(dir / "empty");
    const RunResult run = run_newsnorm_in(dir.path(), "ingest" + stores + path);
    INFO(run.err);
    CHECK(run.exit_code == 2);
    CHECK(mentions(run.err, path == "empty/" ? "no article files under empty/" : "no such file or folder"));
    CHECK(rows(dir / "n.db", "articles") == 5);
    CHECK(rows(dir / "s.db", "files") == 5);
    CHECK(read_file(dir / "out.jsonl") == output);
  }
  // validate too: a wrong path in CI fails it
  CHECK(run_newsnorm_in(dir.path(), "validate empty/").exit_code == 2);
  CHECK(run_newsnorm_in(dir.path(), "validate nowhere/").exit_code == 2);
}

TEST_CASE("safety: deletion is judged only inside the PATHs a run was given", "[safety]") {
  TempDir dir;
  write_articles(dir / "articles", 0, 6);
  write_articles(dir / "articles" / "sub", 6, 9);
  REQUIRE(run_newsnorm_in(dir.path(), "ingest -q --state s.db -o all.jsonl articles").exit_code == 0);
  write_file(dir / "articles" / "new-one.md", article(nonce_title(999)));

  RunResult one = run_newsnorm_in(dir.path(), "ingest --state s.db --emit-deletions -o x.jsonl articles/new-one.md");
  INFO(one.err);
  REQUIRE(one.exit_code == 0);
  CHECK(deleted_of(read_file(dir / "x.jsonl")).empty());
  CHECK(sources_of(read_file(dir / "x.jsonl")) == std::set<std::string>{"articles/new-one.md"});
  CHECK(rows(dir / "s.db", "files") == 10);

  // A sub-folder: only what is gone from it is deleted.
  fs::remove(dir / "articles" / "sub" / "a1006.md");
  fs::remove(dir / "articles" / "a1000.md");  // outside the sub-folder: not judged
  RunResult sub = run_newsnorm_in(dir.path(), "ingest --state s.db --emit-deletions -o y.jsonl articles/sub");
  INFO(sub.err);
  REQUIRE(sub.exit_code == 0);
  CHECK(deleted_of(read_file(dir / "y.jsonl")) == std::vector<std::string>{"articles/sub/a1006.md"});
  // Near-miss prefixes are not inside: "articles/sub" does not hold "articles/subway".
  CHECK(path_inside("articles/sub/a.md", "articles/sub/"));
  CHECK_FALSE(path_inside("articles/subway/a.md", "articles/sub"));
  CHECK(path_inside("/x", "/"));
}

TEST_CASE("safety: a run that would delete too much refuses, with exit 3 and nothing written", "[safety]") {
  TempDir dir;
  write_articles(dir / "articles", 0, 30);
  REQUIRE(run_newsnorm_in(dir.path(), "ingest -q --state s.db --sqlite n.db articles").exit_code == 0);
  REQUIRE(rows(dir / "n.db", "articles") == 30);
  for (int i = 0; i < 16; ++i) fs::remove(dir / "articles" / ("a" + std::to_string(1000 + i) + ".md"));

  RunResult refused =
      run_newsnorm_in(dir.path(), "ingest --state s.db --sqlite n.db --emit-deletions -o out.jsonl articles");
  CHECK(refused.exit_code == 3);
  CHECK(mentions(refused.err, "refusing to delete 16 of the 30 files the state knows under articles"));
  CHECK(mentions(refused.err, "--allow-mass-deletion"));
  CHECK_FALSE(fs::exists(dir / "out.jsonl"));
  CHECK(rows(dir / "n.db", "articles") == 30);
  CHECK(rows(dir / "s.db", "files") == 30);
  // No records on standard output either: the refusal comes before any file is read.
  RunResult to_stdout = run_newsnorm_in(dir.path(), "ingest --no-stories --state s.db articles");
  CHECK(to_stdout.exit_code == 3);
  CHECK(to_stdout.out.empty());

  CHECK(run_newsnorm_in(dir.path(), "ingest -q --state s.db --sqlite n.db --max-deletions 10 articles").exit_code == 3);
  CHECK(run_newsnorm_in(dir.path(), "ingest -q --state s.db --sqlite n.db --max-deletions 50% articles").exit_code ==
        3);
  CHECK(run_newsnorm_in(dir.path(), "ingest -q --state s.db --max-deletions 1x articles").exit_code == 2);
  RunResult allowed = run_newsnorm_in(
      dir.path(), "ingest -q --state s.db --sqlite n.db --max-deletions 60% -o out.jsonl --emit-deletions articles");
  INFO(allowed.err);
  CHECK(allowed.exit_code == 0);
  CHECK(deleted_of(read_file(dir / "out.jsonl")).size() == 16);
  CHECK(rows(dir / "n.db", "articles") == 14);

  SECTION("all of a small folder needs --allow-mass-deletion") {
    for (int i = 16; i < 30; ++i) fs::remove(dir / "articles" / ("a" + std::to_string(1000 + i) + ".md"));
    write_articles(dir / "articles", 100, 101);  // the folder is there, its known files are not
    CHECK(run_newsnorm_in(dir.path(), "ingest -q --state s.db --sqlite n.db articles").exit_code == 3);
    CHECK(
        run_newsnorm_in(dir.path(), "ingest -q --state s.db --sqlite n.db --allow-mass-deletion articles").exit_code ==
        0);
    CHECK(rows(dir / "n.db", "articles") == 1);
  }
}

TEST_CASE("safety: a run over its own folder never reads its state, database or output", "[safety]") {
  TempDir dir;
  for (const fs::path& seed : files_under(seeds_dir())) fs::copy_file(seed, dir / seed.filename());
  const std::string args = "ingest --state state.db --sqlite news.db -o out.jsonl .";
  RunResult first = run_newsnorm_in(dir.path(), args);
  INFO(first.err);
  REQUIRE(first.exit_code == 0);
  const std::size_t records = parse_lines(read_file(dir / "out.jsonl")).size();
  for (int run = 0; run < 2; ++run) {
    write_file(dir / ("new" + std::to_string(run) + ".md"), article(nonce_title(500 + run)));
    RunResult again = run_newsnorm_in(dir.path(), args);
    INFO(again.err);
    CHECK(again.exit_code == 0);
    CHECK_FALSE(mentions(again.err, "error"));
    CHECK(sources_of(read_file(dir / "out.jsonl")) == std::set<std::string>{"./new" + std::to_string(run) + ".md"});
    CHECK(mentions(again.err, "newsnorm's own"));
  }
  CHECK(rows(dir / "news.db", "articles") == static_cast<long long>(records + 2));
}

TEST_CASE("safety: a Jekyll site root is read for its articles only, with the skips counted", "[safety][corpus]") {
  TempDir dir;
  const fs::path site = dir / "site";
  fs::copy(corpus_dir(), site, fs::copy_options::recursive);
  write_file(site / "Gemfile", "source \"https://rubygems.org\"\ngem \"jekyll\"\n");
  write_file(site / "_config.yml", "title: Power Apps news\nmarkdown: kramdown\n");
  write_file(site / "assets" / "main.css", "body { margin: 0 }\n");
  write_file(site / "assets" / "logo.png", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
  write_file(site / "_layouts" / "default.html", "<html><body>{{ content }}{% include footer.html %}</body></html>\n");
  write_file(site / "node_modules" / "x" / "index.js", "module.exports = 1;\n");
  write_file(site / ".gitignore", "_site/\n");
  write_file(site / "_site" / "index.html", "<html><head><title>Rendered</title></head><body><p>x</p></body></html>");
  write_file(site / "_site" / "news" / "a.html", "<html><body><article><p>Rendered</p></article></body></html>");
  // newsnorm's own files from an earlier run
  REQUIRE(run_newsnorm_in(site, "ingest -q --state state.db --sqlite news.db -o out.jsonl " + quoted(seeds_dir()))
              .exit_code == 0);

  const RunResult plain = run_newsnorm("ingest --no-stories " + quoted(corpus_dir()));
  const std::size_t corpus_records = parse_lines(plain.out).size();
  REQUIRE(corpus_records > 1400);

  const RunResult ingest = run_newsnorm_in(site, "ingest --no-stories .");
  INFO(ingest.err);
  CHECK(ingest.exit_code == plain.exit_code);
  CHECK(ingest.exit_code == 0);
  CHECK(parse_lines(ingest.out).size() == corpus_records);
  for (const auto& record : parse_lines(ingest.out)) {
    const std::string path = record["source"]["path"].get<std::string>();
    CHECK_FALSE(mentions(path, "_site"));
    CHECK_FALSE(mentions(path, "_layouts"));
    CHECK_FALSE(mentions(path, "Gemfile"));
  }
  CHECK_FALSE(mentions(ingest.err, "_config.yml"));  // the site's configuration, not an article
  CHECK(mentions(ingest.err, "skipped:"));
  CHECK(mentions(ingest.err, "not articles"));
  CHECK(mentions(ingest.err, "ignored by .gitignore"));
  CHECK(mentions(ingest.err, "newsnorm's own"));
  // validate judges the same files: the corpus's own errors (missing required fields), nothing more.
  const RunResult validate = run_newsnorm_in(site, "validate .");
  const RunResult validate_corpus = run_newsnorm("validate " + quoted(corpus_dir()));
  CHECK(validate.exit_code == validate_corpus.exit_code);
  CHECK(std::count(validate.out.begin(), validate.out.end(), '\n') ==
        std::count(validate_corpus.out.begin(), validate_corpus.out.end(), '\n'));
  for (const char* furniture : {"Gemfile", "_site", "_layouts", "_config.yml", "main.css", "node_modules", "news.db"})
    CHECK_FALSE(mentions(validate.out + validate.err, furniture));
  CHECK(mentions(validate.err, "skipped:"));
}

TEST_CASE("safety: an earlier record made again reads its file with that file's own --max-bytes", "[safety]") {
  // The reload step of the story stage once read with the global limit: a file a newsnorm.toml
  // allowed to be larger came back cut, and its new story fields were silently never written.
  TempDir dir;
  write_file(dir / "d" / "newsnorm.toml", "[limits]\nmax-bytes = 40000000\n");
  std::string big =
      "---\ntitle: Acme opens a new factory in Springfield\nexcerpt: The company said the plant will "
      "employ 400 people by next year.\npublishedDateTime: 2021-03-02T10:00:00Z\nurl: "
      "https://example.com/a\n---\n";
  big.append(17u << 20, '\n');  // over the 16 MiB default, under the folder's own limit
  write_file(dir / "d" / "z.md", big);
  write_file(dir / "d" / "b.md",
             "---\ntitle: Acme opens a new factory in Springfield\nexcerpt: The company said the plant will employ 400 "
             "people by next year.\npublishedDateTime: 2021-03-01T10:00:00Z\nurl: https://example.org/b\n---\n");
  REQUIRE(run_newsnorm_in(dir.path(), "ingest -q --state s.db -o o1.jsonl d").exit_code == 0);
  const auto first = parse_lines(read_file(dir / "o1.jsonl"));
  REQUIRE(first.size() == 2);
  REQUIRE(first[1]["source"]["path"] == "d/z.md");
  REQUIRE(first[1]["duplicateOf"].is_string());  // z.md was the copy of b.md

  fs::remove(dir / "d" / "b.md");  // so z.md is a copy no more, and must be written again
  RunResult second = run_newsnorm_in(dir.path(), "ingest --state s.db --emit-deletions -o o2.jsonl d");
  INFO(second.err);
  REQUIRE(second.exit_code == 0);
  bool rewritten = false;
  for (const auto& record : parse_lines(read_file(dir / "o2.jsonl")))
    if (record.contains("source") && record["source"].value("path", "") == "d/z.md") {
      rewritten = true;
      CHECK(record["duplicateOf"].is_null());
    }
  CHECK(rewritten);
}

TEST_CASE("safety: a cron loop over a changing folder never loses a row of a file still on disk", "[safety]") {
  TempDir dir;
  const fs::path folder = dir / "articles";
  write_articles(folder, 0, 25);
  std::mt19937 random(20201203);
  int next = 25;
  for (int round = 0; round < 20; ++round) {
    // Change the folder: add, change, delete, and now and then make it briefly missing or empty.
    const int mood = round % 7;
    bool unmounted = false;
    if (mood == 3) {
      fs::rename(folder, dir / "away");
      unmounted = true;
    } else if (mood == 5) {
      fs::rename(folder, dir / "away");
      fs::create_directory(folder);
      unmounted = true;
    } else {
      write_articles(folder, next, next + 2);
      next += 2;
      std::vector<fs::path> files = files_under(folder);
      fs::remove(files[random() % files.size()]);
      files = files_under(folder);
      const fs::path changed = files[random() % files.size()];
      write_file(changed, article(nonce_title(10000 + round)));
    }
    const std::string out = "out/" + std::to_string(round) + ".jsonl";
    fs::create_directories(dir / "out");
    const RunResult run = run_newsnorm_in(
        dir.path(), "ingest -q --state state.db --sqlite news.db --emit-deletions -o " + out + " articles");
    INFO("round " << round << ": " << run.err);
    if (unmounted) {
      CHECK(run.exit_code == 2);
      CHECK_FALSE(fs::exists(dir / out));
      fs::remove_all(folder);
      fs::rename(dir / "away", folder);
    } else {
      CHECK(run.exit_code == 0);
      for (const std::string& gone : deleted_of(read_file(dir / out))) CHECK_FALSE(fs::exists(dir / gone));
    }
    // Every file on disk has its row.
    CHECK(rows(dir / "news.db", "articles") == static_cast<long long>(files_under(folder).size()));
  }
}

TEST_CASE("safety: records are written exactly once when a run is killed at any moment", "[safety][slow]") {
  // 60 rounds, each adding files and running ingest with -o, --state and --sqlite, killed at a
  // random instant or at a named step of the commit (the instant after the rename among them);
  // then one clean run. Every file's record must be in the union of the outputs exactly once.
  TempDir dir;
  const fs::path folder = dir / "articles";
  fs::create_directories(dir / "out");
  std::mt19937 random(7);
  const std::vector<std::string> steps = {"outputs-synced", "database-committed", "state-committed", "output-renamed"};
  int next = 0, killed = 0, at_steps = 0;
  const int rounds = 60;
  for (int round = 0; round <= rounds; ++round) {
    write_articles(folder, next, next + 3);
    next += 3;
    const bool last = round == rounds;
    const bool at_step = !last && round % 2 == 0;
    if (at_step) ::setenv("NEWSNORM_KILL_AT", steps[(round / 2) % steps.size()].c_str(), 1);
    const std::string args = "ingest -q --state " + quoted(dir / "state.db") + " --sqlite " + quoted(dir / "news.db") +
                             " -o " + quoted(dir / "out" / (std::to_string(round) + ".jsonl")) + " " + quoted(folder);
    const int pid = spawn_newsnorm(args, dir / "stdout", dir / "stderr");
    ::unsetenv("NEWSNORM_KILL_AT");
    if (!at_step && !last) {
      std::this_thread::sleep_for(std::chrono::microseconds(random() % 40000));
      ::kill(pid, SIGKILL);
    }
    const int status = wait_for(pid);
    INFO("round " << round << ": " << read_file(dir / "stderr"));
    if (status == 128 + SIGKILL) {
      ++killed;
      at_steps += at_step;
    } else {
      CHECK(status == 0);
    }
  }
  std::map<std::string, int> seen;
  for (const fs::path& output : files_under(dir / "out"))
    for (const auto& record : parse_lines(read_file(output))) ++seen[record["source"]["path"].get<std::string>()];
  CHECK(seen.size() == static_cast<std::size_t>(next));
  for (const auto& [path, times] : seen) {
    INFO(path);
    CHECK(times == 1);
  }
  CHECK(rows(dir / "news.db", "articles") == next);
  CHECK(rows(dir / "state.db", "files") == next);
  CHECK(at_steps == rounds / 2);  // every named step was reached and killed
  CHECK(killed > rounds / 2);
  // No temporary file is left beside the outputs but those of runs killed before their state commit.
  WARN("killed " << killed << " of " << rounds << " runs, " << at_steps << " at named steps");
}
