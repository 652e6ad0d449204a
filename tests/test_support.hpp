#pragma once
// Helpers shared by the tests: fixture paths, file reading, and running the real binary.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace newsnorm::test {

std::filesystem::path source_dir();
std::filesystem::path shared_dir();  // ../shared beside the checkout
std::filesystem::path corpus_dir();  // ../shared/corpus/powerapps
std::filesystem::path seeds_dir();   // data/seeds (copies of ../shared/seeds)

std::string read_file(const std::filesystem::path& path);
void write_file(const std::filesystem::path& path, const std::string& bytes);

// Every regular, non-hidden file under `root`, in byte order.
std::vector<std::filesystem::path> files_under(const std::filesystem::path& root);

// A fresh empty folder under the system's temporary folder, removed when the object dies.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
  long max_rss_kib = 0;  // peak resident memory of the newsnorm process, from GNU time
};

// Runs the newsnorm binary with `args` (through /bin/sh, so quote as for a shell), feeding `input`.
RunResult run_newsnorm(const std::string& args, const std::string& input = "");

// Starts newsnorm in the background (through /bin/sh, as run_newsnorm), without waiting for it.
int spawn_newsnorm(const std::string& args, const std::filesystem::path& out, const std::filesystem::path& err);
// Waits for a spawned process; returns its exit code, or 128 + signal.
int wait_for(int pid);

// Copies the corpus `copies` times into numbered folders under `dir`; returns how many files.
std::size_t copy_corpus(const std::filesystem::path& dir, int copies);

// Parses JSON Lines.
std::vector<nlohmann::ordered_json> parse_lines(const std::string& jsonl);

// An oracle independent of the parser under test: the value of a top-level `key: value` line in
// a YAML header, unquoted when it is a simple double-quoted string. nullopt when absent or not simple.
std::optional<std::string> header_line_value(const std::string& file_text, const std::string& key);

}  // namespace newsnorm::test
