// The fuzzer's invariants over every real file we have and every input the fuzzer ever broke on.
#include <catch2/catch.hpp>

#include "pipeline_invariants.hpp"
#include "test_support.hpp"

using namespace newsnorm::test;

TEST_CASE("fuzz invariants hold for the seeds and every corpus file", "[fuzz]") {
  std::size_t checked = 0, expected = 0;
  for (const auto& root : {seeds_dir(), corpus_dir()}) {
    REQUIRE_FALSE(files_under(root).empty());
    expected += files_under(root).size();
    for (const auto& path : files_under(root)) {
      INFO(path.string());
      CHECK(check_pipeline_invariants(read_file(path), path.string()).empty());
      ++checked;
    }
  }
  CHECK(checked == expected);
}

TEST_CASE("fuzz invariants hold for every saved fuzzer find and hand-made hostile input", "[fuzz]") {
  const auto folder = source_dir() / "tests" / "fixtures" / "fuzz-regressions";
  std::size_t checked = 0;
  for (const auto& path : files_under(folder)) {
    INFO(path.string());
    const std::string bytes = read_file(path);
    CHECK(check_pipeline_invariants(bytes, "regression.md").empty());
    CHECK(check_pipeline_invariants(bytes, "regression.yaml").empty());
    ++checked;
  }
  CHECK(checked > 0);
}

TEST_CASE("fuzz invariants hold for saved web pages: the fixtures and the shared extraction pages", "[fuzz][html]") {
  std::size_t checked = 0;
  for (const auto& root : {source_dir() / "tests" / "fixtures" / "html", shared_dir() / "extraction" / "html"}) {
    for (const auto& path : files_under(root)) {
      INFO(path.string());
      CHECK(check_pipeline_invariants(read_file(path), path.string()).empty());
      ++checked;
    }
  }
  CHECK(checked > 90);
}
