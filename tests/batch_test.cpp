// Batch operations through the real binary: pipelines, cron-style incremental runs, locking.
#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <map>
#include <random>
#include <set>
#include <thread>

#include <catch2/catch.hpp>

#include "test_support.hpp"

using namespace newsnorm::test;
namespace fs = std::filesystem;

namespace {

// The files whose records a run wrote for their own change: the records of other files written again
// because their story changed (`replaces`) and story-merge lines are left out.
std::multiset<std::string> record_paths(const std::string& jsonl) {
  std::multiset<std::string> paths;
  for (const auto& record : parse_lines(jsonl))
    if (record.contains("source") && !record.contains("replaces"))
      paths.insert(record["source"]["path"].get<std::string>());
  return paths;
}

void append_to(const fs::path& path, const std::string& text) { write_file(path, read_file(path) + text); }

}  // namespace

TEST_CASE("batch: --jobs 1 and --jobs 2 write identical bytes", "[batch]") {
  TempDir dir;
  const std::size_t files = copy_corpus(dir.path(), 2);
  const RunResult one = run_newsnorm("ingest -q --jobs 1 " + quoted(dir.path()));
  const RunResult two = run_newsnorm("ingest -q --jobs 2 " + quoted(dir.path()));
  const RunResult many = run_newsnorm("ingest -q --jobs 7 " + quoted(dir.path()));
  REQUIRE(one.exit_code == 0);
  CHECK(parse_lines(one.out).size() == files);
  CHECK(one.out == two.out);
  CHECK(one.out == many.out);
}

TEST_CASE("batch: --files-from reads newline- and NUL-separated lists, from a file or stdin", "[batch]") {
  TempDir dir;
  write_file(dir / "a b.md", "---\ntitle: spaced\n---\n");
  write_file(dir / "c.md", "---\ntitle: c\n---\n");
  const std::string list = (dir / "a b.md").string() + "\n\n" + (dir / "c.md").string() + "\n";
  const RunResult lines = run_newsnorm("ingest --files-from -", list);
  CHECK(lines.exit_code == 0);
  REQUIRE(parse_lines(lines.out).size() == 2);
  CHECK(parse_lines(lines.out)[0]["title"] == "spaced");
  std::string nul_list = (dir / "c.md").string();
  nul_list.push_back('\0');
  nul_list += (dir / "a b.md").string();
  nul_list.push_back('\0');
  const RunResult nul = run_newsnorm("ingest --files-from - -0", nul_list);
  REQUIRE(parse_lines(nul.out).size() == 2);
  CHECK(parse_lines(nul.out)[0]["title"] == "c");
  write_file(dir / "list.txt", list);
  CHECK(parse_lines(run_newsnorm("ingest --files-from " + quoted(dir / "list.txt")).out).size() == 2);
  // A pipeline straight from find, as the README shows.
  const int status = std::system(("find " + quoted(dir.path()) + " -name '*.md' -print0 | '" + NEWSNORM_BINARY +
                                  "' ingest --files-from - -0 -q > " + quoted(dir / "out.jsonl"))
                                     .c_str());
  CHECK(status == 0);
  CHECK(parse_lines(read_file(dir / "out.jsonl")).size() == 2);
  CHECK(run_newsnorm("ingest --files-from - -", "x").exit_code == 2);
  CHECK(run_newsnorm("ingest --files-from /no/such/list").exit_code == 2);
}

TEST_CASE("batch: --state writes only new or changed files, and an unchanged one costs a stat", "[batch]") {
  TempDir dir;
  const std::size_t files = copy_corpus(dir / "in", 1);
  const std::string state = "--state " + quoted(dir / "state.db") + " ";
  const RunResult first = run_newsnorm("ingest " + state + quoted(dir / "in"));
  CHECK(first.exit_code == 0);
  CHECK(parse_lines(first.out).size() == files);

  const RunResult rerun = run_newsnorm("ingest " + state + quoted(dir / "in"));
  CHECK(rerun.exit_code == 0);
  CHECK(rerun.out.empty());
  CHECK(mentions(rerun.err, std::to_string(files) + " unchanged"));

  // Same size and time but other bytes: the state trusts the stat and does not even read the file,
  // which is what makes a rerun cheap.
  const fs::path sample = files_under(dir / "in").front();
  const auto time = fs::last_write_time(sample);
  std::string text = read_file(sample);
  text[text.size() / 2] = text[text.size() / 2] == 'x' ? 'y' : 'x';
  write_file(sample, text);
  fs::last_write_time(sample, time);
  CHECK(run_newsnorm("ingest " + state + quoted(dir / "in")).out.empty());

  // Touched, same content: not written again.
  const fs::path touched = files_under(dir / "in")[10];
  fs::last_write_time(touched, fs::file_time_type::clock::now());
  const RunResult after_touch = run_newsnorm("ingest " + state + quoted(dir / "in"));
  CHECK(after_touch.out.empty());

  // One changed file: one record.
  const fs::path changed = files_under(dir / "in")[20];
  append_to(changed, "\nA new paragraph.\n");
  const RunResult after_change = run_newsnorm("ingest " + state + quoted(dir / "in"));
  const auto records = parse_lines(after_change.out);
  REQUIRE(records.size() == 1);
  CHECK(records[0]["source"]["path"] == changed.string());

  // Gone files are counted, and become deletion records on request.
  fs::remove(changed);
  const RunResult counted = run_newsnorm("ingest " + state + "--emit-deletions " + quoted(dir / "in"));
  const auto deletions = parse_lines(counted.out);
  REQUIRE(deletions.size() == 1);
  CHECK(deletions[0]["deleted"] == true);
  CHECK(deletions[0]["id"] == records[0]["id"]);
  CHECK(deletions[0]["source"]["path"] == changed.string());
  CHECK(mentions(counted.err, "1 gone since the last run"));
}

TEST_CASE("batch: a second run on a held state exits 4, or waits with --wait", "[batch]") {
  TempDir dir;
  write_file(dir / "in" / "a.md", "---\ntitle: a\n---\n");
  const std::string lock = (dir / "state.db").string();  // a run holds the state file itself
  const int fd = ::open(lock.c_str(), O_RDWR | O_CREAT, 0644);
  REQUIRE(::flock(fd, LOCK_EX) == 0);
  const RunResult refused = run_newsnorm("ingest --state " + quoted(dir / "state.db") + " " + quoted(dir / "in"));
  CHECK(refused.exit_code == 4);
  CHECK(mentions(refused.err, "another newsnorm run is using the state"));
  CHECK(mentions(refused.err, "--wait"));
  const int waiting = spawn_newsnorm("ingest --wait --state " + quoted(dir / "state.db") + " " + quoted(dir / "in"),
                                     dir / "out", dir / "err");
  // Not a sleep and a hope: the kernel lists the run as blocked on the lock the test holds, so it
  // has really reached the lock and is really waiting.
  REQUIRE(blocked_on_flock(waiting));
  CHECK(read_file(dir / "out").empty());
  ::flock(fd, LOCK_UN);
  ::close(fd);
  CHECK(wait_for(waiting) == 0);
  CHECK(parse_lines(read_file(dir / "out")).size() == 1);
}

TEST_CASE("batch: SIGKILL in the middle of -o and --state loses and repeats nothing", "[batch][crash]") {
  TempDir dir;
  copy_corpus(dir / "in", 3);
  const std::string state = "--state " + quoted(dir / "state.db") + " ";
  REQUIRE(
      run_newsnorm("ingest -q " + state + "-o " + quoted(dir / "first.jsonl") + " " + quoted(dir / "in")).exit_code ==
      0);
  std::vector<fs::path> all;  // articles, whose bodies can take a changed line (YAML data files cannot)
  for (const auto& file : files_under(dir / "in"))
    if (file.extension() == ".md") all.push_back(file);
  std::mt19937 random(20261122);
  int killed = 0;
  for (int round = 0; round < 6; ++round) {
    std::set<std::string> changed;
    for (int i = 0; i < 400; ++i) {
      const fs::path& file = all[random() % all.size()];
      if (changed.insert(file.string()).second) append_to(file, "\nround " + std::to_string(round) + "\n");
    }
    const fs::path out = dir / "out.jsonl";
    write_file(out, "OLD\n");
    const int pid = spawn_newsnorm("ingest -q --jobs 2 " + state + "-o " + quoted(out) + " " + quoted(dir / "in"),
                                   dir / "run.out", dir / "run.err");
    std::this_thread::sleep_for(std::chrono::milliseconds(random() % 250));
    ::kill(pid, SIGKILL);
    const bool was_killed = wait_for(pid) == 128 + SIGKILL;
    // Judge by what is on disk, not by the exit status alone: the kill can land after the run has
    // renamed its output and committed its state, while it checkpoints SQLite and exits (about 10 ms
    // on a fast build), and then the status says "killed" though all the work is done.
    const std::string after = read_file(out);
    const bool output_committed = after != "OLD\n";
    std::multiset<std::string> written;
    if (output_committed) {
      written = record_paths(after);  // a whole output: the rename is atomic
    } else {
      CHECK(was_killed);  // only a kill leaves the old output, and it stands whole
      ++killed;
    }
    const RunResult next = run_newsnorm("ingest -q " + state + "-o " + quoted(out) + " " + quoted(dir / "in"));
    REQUIRE(next.exit_code == 0);
    const auto again = record_paths(read_file(out));
    if (output_committed && was_killed && !again.empty()) {
      // Killed in the instant between the output's rename and the state's commit: the state advances
      // only once the output is durable (see `ingest --help`), so the next run writes the same records
      // again. Repeated in full, never lost, and only after a kill.
      CHECK(again == written);
    } else {
      written.insert(again.begin(), again.end());
    }
    // Every changed file written exactly once across the two runs (bar the repeat above), nothing else.
    CHECK(written.size() == changed.size());
    CHECK(std::set<std::string>(written.begin(), written.end()) == changed);
  }
  CHECK(killed > 0);
}

TEST_CASE("batch: --log-format json writes one JSON object per message", "[batch]") {
  TempDir dir;
  write_file(dir / "bad.md", "---\ntitle: [unclosed\n---\n");
  write_file(dir / "warn.md", "---\nquality: high\n---\n");
  const RunResult run = run_newsnorm("ingest --log-format json " + quoted(dir.path()));
  const auto lines = parse_lines(run.err);
  REQUIRE(lines.size() == 3);
  CHECK(lines[0]["severity"] == "error");
  CHECK(lines[0]["code"] == "yaml.syntax");
  CHECK(lines[0]["path"] == (dir / "bad.md").string());
  CHECK(lines[0]["line"] == 3);
  CHECK(lines[1]["severity"] == "warning");
  CHECK(lines[1]["code"] == "field.wrong-type");
  CHECK(lines[2]["severity"] == "note");
  CHECK(lines[2]["path"].is_null());
  CHECK(mentions(lines[2]["message"].get<std::string>(), "2 files read"));
  const RunResult errors_only = run_newsnorm("ingest --log-level error " + quoted(dir.path()));
  CHECK(mentions(errors_only.err, "bad.md"));
  CHECK_FALSE(mentions(errors_only.err, "warn.md"));
  CHECK_FALSE(mentions(errors_only.err, "files read"));
}

TEST_CASE("batch: a progress bar at a terminal, none in a pipe or with --quiet", "[batch]") {
  TempDir dir;
  copy_corpus(dir / "in", 3);
  const std::string ingest =
      std::string("'") + NEWSNORM_BINARY + "' ingest --jobs 1 " + quoted(dir / "in") + " >/dev/null";
  // `script` gives the command a terminal; what it printed there lands in the typescript file.
  const auto at_terminal = [&](const std::string& extra) {
    const std::string typescript = (dir / "typescript").string();
    std::system(("script -qec \"" + ingest + extra + "\" '" + typescript + "' >/dev/null 2>&1").c_str());
    return read_file(typescript);
  };
  CHECK(mentions(at_terminal(""), "files/s"));
  CHECK_FALSE(mentions(at_terminal(" -q"), "files/s"));
  CHECK_FALSE(mentions(run_newsnorm("ingest " + quoted(dir / "in")).err, "files/s"));
}

TEST_CASE("validate: every problem, three formats, exit statuses, --strict and --require", "[batch][validate]") {
  TempDir dir;
  const std::string provider = "provider: {name: X, domain: x.com}\n";
  write_file(dir / "good.md",
             "---\ntitle: t\nwebUrl: https://x.com/a\npublishedDateTime: 2020-01-01T00:00:00Z\n" + provider + "---\n");
  write_file(dir / "warn.md",
             "---\ntitle: t\nwebUrl: https://x.com/b\npublishedDateTime: 2020-01-01T00:00:00Z\n"
             "quality: high\nheat: [1]\n" +
                 provider + "---\n");
  write_file(dir / "missing.md", "---\ntype: article\n---\n");
  write_file(dir / "video.md", "---\ntype: video\n---\n");
  write_file(dir / "broken.md", "---\ntitle: [x\n---\n");

  const RunResult text = run_newsnorm("validate " + quoted(dir.path()));
  CHECK(text.exit_code == 1);
  CHECK(mentions(text.out, (dir / "broken.md").string() + ":3:"));
  // A missing field has no position: it is not in the file.
  CHECK(mentions(text.out, "missing.md: error: required field title"));
  CHECK(mentions(text.out, "missing.md: error: required field url"));
  CHECK(mentions(text.out, "missing.md: error: required field publishedDateTime"));
  CHECK(mentions(text.out, "warn.md:5:1: warning: quality should be an integer"));
  CHECK(mentions(text.out, "warn.md:6:1: warning: heat should be an integer"));  // every problem, not the first
  CHECK_FALSE(mentions(text.out, "video.md"));                                   // required fields apply to articles
  CHECK(mentions(text.err, "5 files checked: 4 errors, 2 warnings"));

  const RunResult github =
      run_newsnorm("validate --format github " + quoted(dir / "warn.md") + " " + quoted(dir / "missing.md"));
  CHECK(mentions(github.out, "::warning file=" + (dir / "warn.md").string() + ",line=5,col=1::quality should be"));
  CHECK(mentions(github.out, "::error file=" + (dir / "missing.md").string() + "::required field"));

  const RunResult json = run_newsnorm("validate --format json " + quoted(dir / "warn.md"));
  CHECK(json.exit_code == 0);
  const auto problems = parse_lines(json.out);
  REQUIRE(problems.size() == 2);
  CHECK(problems[0]["severity"] == "warning");
  CHECK(problems[0]["line"] == 5);

  CHECK(run_newsnorm("validate " + quoted(dir / "good.md")).exit_code == 0);
  CHECK(run_newsnorm("validate --strict " + quoted(dir / "warn.md")).exit_code == 1);
  CHECK(run_newsnorm("validate --require title " + quoted(dir / "missing.md")).out.find("url") == std::string::npos);
  CHECK(run_newsnorm("validate --require-types '*' " + quoted(dir / "video.md")).exit_code == 1);
  CHECK(run_newsnorm("validate --require nonsense " + quoted(dir / "good.md")).exit_code == 2);
}

TEST_CASE("batch: peak memory does not grow with the number of files", "[batch][memory]") {
  // AddressSanitizer keeps freed memory in a quarantine (256 MiB by default) that grows with the
  // work done, not with what the program holds; without it the sanitized build measures the same.
  const char* asan = std::getenv("ASAN_OPTIONS");
  ::setenv("ASAN_OPTIONS", (std::string(asan ? asan : "") + ":quarantine_size_mb=0").c_str(), 1);
  TempDir dir;
  copy_corpus(dir / "one", 1);
  copy_corpus(dir / "four", 4);
  const auto peak = [&](const std::string& folder) {
    std::string list;
    for (const auto& file : files_under(dir / folder)) list += file.string() + "\n";
    // Records streamed as they are made: the story stage, which must see every record before it
    // writes the first, keeps a compact item per record and is measured in the benchmark.
    const RunResult run = run_newsnorm("ingest -q --no-stories --jobs 2 --files-from - >/dev/null", list);
    REQUIRE(run.exit_code == 0);
    REQUIRE(run.max_rss_kib > 0);
    return run.max_rss_kib;
  };
  const long one = peak("one"), four = peak("four");
  INFO("peak KiB: 1 copy " << one << ", 4 copies " << four);
  CHECK(four < one + one / 4);  // four times the files, within a quarter of the memory
}

TEST_CASE("diagnostics: --errors, validate --format json and --log-format json give the same object",
          "[batch][diagnostics]") {
  TempDir dir;
  // A duplicate key in JSON front matter: its line and column are the second key's.
  write_file(dir / "dup.md", "{\n  \"title\": \"a\",\n  \"title\": \"b\"\n}\n");
  const std::string errors_path = (dir / "errors.jsonl").string();
  const RunResult ingest =
      run_newsnorm("ingest --log-format json --errors " + quoted(dir / "errors.jsonl") + " " + quoted(dir / "dup.md"));
  CHECK(ingest.exit_code == 1);
  const RunResult validate = run_newsnorm("validate --format json " + quoted(dir / "dup.md"));
  const auto from_errors = parse_lines(read_file(errors_path));
  const auto from_log = parse_lines(ingest.err);
  const auto from_validate = parse_lines(validate.out);
  REQUIRE(from_errors.size() == 1);
  REQUIRE_FALSE(from_log.empty());
  REQUIRE(from_validate.size() == 1);
  CHECK(from_errors[0] == from_log[0]);
  CHECK(from_errors[0] == from_validate[0]);
  CHECK(from_errors[0]["code"] == "json.duplicate-key");
  CHECK(from_errors[0]["line"] == 3);
  CHECK(from_errors[0]["column"] == 3);
  CHECK_FALSE(from_errors[0]["hint"].get<std::string>().empty());
}

TEST_CASE("diagnostics: a fatal error goes through the reporter too", "[batch][diagnostics]") {
  const RunResult run = run_newsnorm("ingest --log-format json --files-from /nonexistent/list");
  CHECK(run.exit_code == 2);
  const auto lines = parse_lines(run.err);
  REQUIRE(lines.size() == 1);
  CHECK(lines[0]["severity"] == "error");
  CHECK(lines[0]["code"] == "input.list");
  CHECK(lines[0]["path"] == "/nonexistent/list");
  CHECK(mentions(lines[0]["message"].get<std::string>(), "cannot open the list of files"));
  const RunResult text = run_newsnorm("ingest --files-from /nonexistent/list");
  CHECK(text.exit_code == 2);
  CHECK(mentions(text.err, "newsnorm: error: cannot open the list of files /nonexistent/list"));
}

TEST_CASE("diagnostics: a header that is a list is reported where it starts", "[batch][diagnostics]") {
  TempDir dir;
  write_file(dir / "list.md", "---\n- a\n- b\n---\n");
  const RunResult run = run_newsnorm("ingest " + quoted(dir / "list.md"));
  CHECK(run.exit_code == 1);
  CHECK(mentions(run.err, (dir / "list.md").string() + ":2:1: error: the front matter is a list"));
}
