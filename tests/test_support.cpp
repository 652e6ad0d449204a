#include "test_support.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>

namespace newsnorm::test {
namespace fs = std::filesystem;

fs::path source_dir() { return NEWSNORM_SOURCE_DIR; }
fs::path shared_dir() { return NEWSNORM_SHARED_DIR; }
fs::path corpus_dir() { return shared_dir() / "corpus" / "powerapps"; }
fs::path seeds_dir() { return source_dir() / "data" / "seeds"; }

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read fixture " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void write_file(const fs::path& path, const std::string& bytes) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

std::vector<fs::path> files_under(const fs::path& root) {
  std::vector<fs::path> files;
  for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator(); ++it) {
    if (it->path().filename().string().starts_with('.')) {
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file()) files.push_back(it->path());
  }
  std::sort(files.begin(), files.end(), [](const fs::path& a, const fs::path& b) { return a.string() < b.string(); });
  return files;
}

TempDir::TempDir() {
  std::random_device random;
  path_ = fs::temp_directory_path() / ("newsnorm-test-" + std::to_string(random()) + std::to_string(::getpid()));
  fs::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ignored;
  fs::remove_all(path_, ignored);
}

RunResult run_newsnorm(const std::string& args, const std::string& input) {
  TempDir dir;
  write_file(dir / "stdin", input);
  // Peak memory comes from GNU time, which starts newsnorm from its own small process: Linux
  // carries a process's peak RSS across exec, so a child forked from this (large, under ASan)
  // test process would report the test's memory, not newsnorm's.
  const std::string command = "exec /usr/bin/time -f %M -o '" + (dir / "rss").string() + "' '" + NEWSNORM_BINARY +
                              "' " + args + " <'" + (dir / "stdin").string() + "' >'" + (dir / "stdout").string() +
                              "' 2>'" + (dir / "stderr").string() + "'";
  const pid_t child = ::fork();
  if (child == 0) {
    ::execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  RunResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  // The figure is the last line: GNU time writes "Command exited with non-zero status N" before it.
  std::istringstream rss(read_file(dir / "rss"));
  for (std::string line; std::getline(rss, line);)
    if (!line.empty() && std::isdigit(static_cast<unsigned char>(line[0]))) result.max_rss_kib = std::stol(line);
  result.out = read_file(dir / "stdout");
  result.err = read_file(dir / "stderr");
  return result;
}

int spawn_newsnorm(const std::string& args, const fs::path& out, const fs::path& err) {
  const std::string command = std::string("exec '") + NEWSNORM_BINARY + "' " + args + " </dev/null >'" +
                              out.string() + "' 2>'" + err.string() + "'";
  const pid_t child = ::fork();
  if (child == 0) {
    ::execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  return child;
}

int wait_for(int pid) {
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

std::size_t copy_corpus(const fs::path& dir, int copies) {
  std::size_t files = 0;
  fs::create_directories(dir);
  for (int i = 1; i <= copies; ++i) {
    fs::copy(corpus_dir(), dir / std::to_string(i), fs::copy_options::recursive);
    files += files_under(dir / std::to_string(i)).size();
  }
  return files;
}

std::vector<nlohmann::ordered_json> parse_lines(const std::string& jsonl) {
  std::vector<nlohmann::ordered_json> records;
  std::istringstream lines(jsonl);
  for (std::string line; std::getline(lines, line);)
    if (!line.empty()) records.push_back(nlohmann::ordered_json::parse(line));
  return records;
}

std::optional<std::string> header_line_value(const std::string& text, const std::string& key) {
  const auto header_end = text.find("\n---", 3);
  const std::string header = text.substr(0, header_end);
  const std::string needle = "\n" + key + ": ";
  const auto at = header.find(needle);
  if (at == std::string::npos) return std::nullopt;
  const auto start = at + needle.size();
  std::string value = header.substr(start, header.find('\n', start) - start);
  while (!value.empty() && (value.back() == ' ' || value.back() == '\r')) value.pop_back();
  if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
    value = value.substr(1, value.size() - 2);
    if (value.find('\\') != std::string::npos || value.find('"') != std::string::npos) return std::nullopt;
    return value;
  }
  // Plain scalars that YAML would read as something other than plain text are not simple.
  if (value.empty() || value.find_first_of("'\"[]{}#&*!|>%@`") == 0 || value.find(": ") != std::string::npos ||
      value.find(" #") != std::string::npos)
    return std::nullopt;
  return value;
}

}  // namespace newsnorm::test
