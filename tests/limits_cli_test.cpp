// Each limit on hostile input through the real binary: a file just past the default is rejected
// with a message that names the limit and its option, and the same file is read once the option
// raises the limit. The unit tests in bad_input_test.cpp check the limits themselves; these check
// that each option reaches the parser.
#include <catch2/catch.hpp>

#include <sys/resource.h>

#include <algorithm>
#include <string>

#include "newsnorm/core/limits.hpp"
#include "test_support.hpp"

using namespace newsnorm::test;

namespace {

// Runs `ingest -q FILE` once at the defaults and once with `raise`; the first must reject the file
// naming `limit_words` and `option`, the second must write its one record.
void check_option_raises_limit(const std::string& content, const std::string& option, const std::string& raise,
                               const std::string& limit_words) {
  TempDir dir;
  const auto file = dir / "hostile.md";
  write_file(file, content);
  const RunResult rejected = run_newsnorm("ingest -q '" + file.string() + "'");
  CHECK(rejected.exit_code == 1);
  CHECK(rejected.out.empty());
  CHECK(mentions(rejected.err, "hostile.md"));
  CHECK(mentions(rejected.err, limit_words));
  CHECK(mentions(rejected.err, option));
  const RunResult accepted = run_newsnorm("ingest -q " + option + " " + raise + " '" + file.string() + "'");
  INFO(accepted.err);
  CHECK(accepted.exit_code == 0);
  CHECK(parse_lines(accepted.out).size() == 1);
}

// Lowers the soft stack limit that processes started from here inherit; restores it when it dies.
class StackLimit {
 public:
  explicit StackLimit(rlim_t bytes) {
    ::getrlimit(RLIMIT_STACK, &saved_);
    rlimit lowered = saved_;
    lowered.rlim_cur = std::min(bytes, saved_.rlim_max);
    ::setrlimit(RLIMIT_STACK, &lowered);
  }
  ~StackLimit() { ::setrlimit(RLIMIT_STACK, &saved_); }
  StackLimit(const StackLimit&) = delete;
  StackLimit& operator=(const StackLimit&) = delete;

 private:
  rlimit saved_{};
};

}  // namespace

TEST_CASE("limits through the binary: --max-bytes raises the 16 MiB file limit", "[limits][cli]") {
  check_option_raises_limit(std::string((16u << 20) + 1, 'b'), "--max-bytes", "17000000", "16777216-byte limit");
}

TEST_CASE("limits through the binary: --max-header-bytes raises the 1 MiB header limit", "[limits][cli]") {
  // 1100 keys of 1000 bytes: over 1 MiB of header, every line well under the line limit.
  std::string header = "---\n";
  for (int i = 0; i < 1100; ++i) header += "k" + std::to_string(i) + ": " + std::string(1000, 'h') + "\n";
  check_option_raises_limit(header + "---\n", "--max-header-bytes", "2000000", "1048576-byte header limit");
}

TEST_CASE("limits through the binary: --max-line-length raises the 256 KiB line limit", "[limits][cli]") {
  check_option_raises_limit("---\nnote: " + std::string(300 << 10, 'l') + "\n---\n", "--max-line-length", "400000",
                            "262144-byte line limit");
}

TEST_CASE("limits through the binary: --max-depth raises the nesting limit of 64", "[limits][cli]") {
  check_option_raises_limit("---\nk: " + std::string(70, '[') + std::string(70, ']') + "\n---\n", "--max-depth", "100",
                            "deeper than 64 levels (the depth limit)");
}

TEST_CASE("limits through the binary: --max-alias-nodes raises the alias-expansion limit", "[limits][cli]") {
  // `a` is a list of 100 scalars; `b` copies it in 101 times: past 10000 nodes, far below 20000.
  std::string header = "---\na: &a [";
  for (int i = 0; i < 100; ++i) header += i ? ",x" : "x";
  header += "]\nb: [";
  for (int i = 0; i < 101; ++i) header += i ? ",*a" : "*a";
  check_option_raises_limit(header + "]\n---\n", "--max-alias-nodes", "20000",
                            "more than 10000 nodes (the alias-expansion limit)");
}

TEST_CASE("limits through the binary: --max-related raises the limit of 1000 related entries", "[limits][cli]") {
  std::string header = "---\nrelated:\n";
  for (int i = 0; i < 1001; ++i) header += "  - title: r" + std::to_string(i) + "\n";
  check_option_raises_limit(header + "---\n", "--max-related", "2000", "1001 entries, over the limit of 1000");
}

TEST_CASE("limits through the binary: --max-depth stops at a ceiling whose depth fits a small stack", "[limits][cli]") {
  const std::string ceiling = std::to_string(newsnorm::kMaxDepthCeiling);
  const RunResult too_high =
      run_newsnorm("ingest --max-depth " + std::to_string(newsnorm::kMaxDepthCeiling + 1) + " -", "{}\n");
  CHECK(too_high.exit_code == 2);
  CHECK(mentions(too_high.err, ceiling));
  // A JSON header exactly as deep as the ceiling allows: the object, then ceiling - 1 lists.
  const int lists = newsnorm::kMaxDepthCeiling - 1;
  TempDir dir;
  write_file(dir / "deepest.md", "{\"a\": " + std::string(lists, '[') + std::string(lists, ']') + "}\n");
  write_file(dir / "deeper.md", "{\"a\": " + std::string(lists + 1, '[') + std::string(lists + 1, ']') + "}\n");
#ifdef NEWSNORM_SANITIZED
  const rlim_t stack = 8u << 20;  // ASan's frames are about ten times larger; its usual 8 MiB stack
#else
  const rlim_t stack = 2u << 20;  // what glibc gives a worker thread when `ulimit -s` is unlimited
#endif
  const StackLimit limit(stack);  // -j 1 parses on the main thread, -j 2 on workers: both get this
  for (const char* jobs : {"1", "2"}) {
    INFO("--jobs " << jobs);
    const RunResult deepest = run_newsnorm("ingest -q -j " + std::string(jobs) + " --max-depth " + ceiling + " '" +
                                           (dir / "deepest.md").string() + "'");
    CHECK(deepest.exit_code == 0);
    CHECK(parse_lines(deepest.out).size() == 1);
    const RunResult deeper = run_newsnorm("ingest -q -j " + std::string(jobs) + " --max-depth " + ceiling + " '" +
                                          (dir / "deeper.md").string() + "'");
    CHECK(deeper.exit_code == 1);
    CHECK(mentions(deeper.err, "deeper than " + ceiling + " levels (the depth limit)"));
  }
}
