// The ingest command end to end: streams, exit statuses, atomic output, error records.
#include <sys/wait.h>

#include <cstdlib>

#include <catch2/catch.hpp>

#include "test_support.hpp"

using namespace newsnorm::test;

TEST_CASE("no PATH or '-' reads one article from standard input", "[cli]") {
  for (const std::string args : {"ingest", "ingest -"}) {
    const RunResult run = run_newsnorm(args, "---\ntitle: From stdin\n---\nHello\n");
    CHECK(run.exit_code == 0);
    const auto records = parse_lines(run.out);
    REQUIRE(records.size() == 1);
    CHECK(records[0]["title"] == "From stdin");
    CHECK(records[0]["source"]["path"] == "-");
  }
}

TEST_CASE("a rejected input gives exit status 1 and a compiler-style message, the rest is written", "[cli]") {
  TempDir dir;
  write_file(dir / "a.md", "---\ntitle: good\n---\n");
  write_file(dir / "b.md", "---\ntitle: \"broken\n---\n");
  write_file(dir / "c.md", "plain\n\ntext\n");
  const RunResult run =
      run_newsnorm("ingest '" + dir.path().string() + "' --errors '" + (dir / "errors.jsonl").string() + "'");
  CHECK(run.exit_code == 1);
  const auto records = parse_lines(run.out);
  REQUIRE(records.size() == 2);
  CHECK(records[0]["title"] == "good");
  CHECK(records[1]["title"] == "plain");
  // The quote opened on line 2 is still open at the closing '---' on line 3.
  CHECK(mentions(run.err, (dir / "b.md").string() + ":3:1: error: invalid YAML"));
  CHECK(mentions(run.err, ": error: invalid YAML"));
  CHECK(mentions(run.err, "3 files read, 2 records written, 1 rejected"));
  const auto errors = parse_lines(read_file(dir / "errors.jsonl"));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0]["path"] == (dir / "b.md").string());
  CHECK(errors[0]["line"] == 3);
  CHECK(errors[0]["column"].is_number_integer());
  CHECK(mentions(errors[0]["message"].get<std::string>(), "invalid YAML"));
}

TEST_CASE("a missing PATH ends the run (exit 2), and a missing listed path is reported in its place", "[cli]") {
  const RunResult run = run_newsnorm("ingest /no/such/file.md");
  CHECK(run.exit_code == 2);
  CHECK(mentions(run.err, "/no/such/file.md: no such file or folder; nothing was read or written"));
  CHECK(run.out.empty());
  const RunResult listed = run_newsnorm("ingest --files-from -", "/no/such/file.md\n");
  CHECK(listed.exit_code == 1);
  CHECK(mentions(listed.err, "/no/such/file.md: error: no such file or folder"));
}

TEST_CASE("usage errors exit with 2 and say what to do", "[cli]") {
  const RunResult unknown = run_newsnorm("ingest --no-such-option");
  CHECK(unknown.exit_code == 2);
  CHECK(mentions(unknown.err, "--help"));
  CHECK(run_newsnorm("").exit_code == 2);
  CHECK(run_newsnorm("ingest --jobs lots").exit_code == 2);
}

TEST_CASE("ingest --help teaches and --version answers, both on stdout with status 0", "[cli]") {
  const RunResult help = run_newsnorm("ingest --help");
  CHECK(help.exit_code == 0);
  CHECK(mentions(help.out, "Exit status"));
  CHECK(mentions(help.out, "--max-bytes"));
  CHECK(mentions(help.out, "Examples"));
  const RunResult version = run_newsnorm("--version");
  CHECK(version.exit_code == 0);
  CHECK(mentions(version.out, "newsnorm "));
}

TEST_CASE("ingest -o writes atomically: complete file on success, old file kept on failure", "[cli]") {
  TempDir dir;
  write_file(dir / "in" / "a.md", "---\ntitle: A\n---\n");
  const std::string out = (dir / "out.jsonl").string();
  write_file(out, "old contents\n");
  const RunResult run = run_newsnorm("ingest -o '" + out + "' '" + (dir / "in").string() + "'");
  CHECK(run.exit_code == 0);
  CHECK(run.out.empty());
  CHECK(parse_lines(read_file(out)).at(0)["title"] == "A");
  // A folder that cannot take the temporary file: status 3, and nothing half-written.
  const RunResult fail = run_newsnorm("ingest -o /proc/newsnorm-cannot-write.jsonl '" + (dir / "in").string() + "'");
  CHECK(fail.exit_code == 3);
  CHECK(mentions(fail.err, "cannot"));
  int leftovers = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path()))
    leftovers += entry.path().filename().string().starts_with(".out.jsonl.tmp");
  CHECK(leftovers == 0);
}

TEST_CASE("a full disk on standard output is exit status 3", "[cli]") {
  TempDir dir;
  const std::string command = std::string("'") + NEWSNORM_BINARY + "' ingest '" + seeds_dir().string() +
                              "' >/dev/full 2>'" + (dir / "err").string() + "'";
  const int status = std::system(command.c_str());
  CHECK(WEXITSTATUS(status) == 3);
  CHECK(mentions(read_file(dir / "err"), "cannot write standard output"));
}

TEST_CASE("hidden files are skipped unless --hidden, folders walk in byte order", "[cli]") {
  TempDir dir;
  write_file(dir / "b.md", "---\ntitle: b\n---\n");
  write_file(dir / "a" / "z.md", "---\ntitle: az\n---\n");
  write_file(dir / "a-c.md", "---\ntitle: a-c\n---\n");
  write_file(dir / ".hidden" / "h.md", "---\ntitle: hidden\n---\n");
  std::filesystem::create_directory_symlink(dir.path(), dir / "a" / "loop");
  const auto records = parse_lines(run_newsnorm("ingest '" + dir.path().string() + "'").out);
  REQUIRE(records.size() == 3);
  CHECK(records[0]["title"] == "a-c");  // '-' sorts before '/'
  CHECK(records[1]["title"] == "az");
  CHECK(records[2]["title"] == "b");
  CHECK(parse_lines(run_newsnorm("ingest --hidden '" + dir.path().string() + "'").out).size() == 4);
}
