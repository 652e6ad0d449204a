#include "test_support.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <thread>

namespace newsnorm::test {
namespace fs = std::filesystem;

fs::path source_dir() { return NEWSNORM_SOURCE_DIR; }
// NEWSNORM_SHARED_DIR in the environment overrides ../shared (a worktree elsewhere has no ../shared).
fs::path shared_dir() {
  const char* from_environment = std::getenv("NEWSNORM_SHARED_DIR");
  return from_environment && *from_environment ? fs::path(from_environment) : fs::path(NEWSNORM_SHARED_DIR);
}
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

std::vector<fs::path> hidden_files_under(const fs::path& root) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(root))
    if (entry.is_regular_file() && entry.path().filename().string().starts_with('.')) files.push_back(entry.path());
  std::sort(files.begin(), files.end(), [](const fs::path& a, const fs::path& b) { return a.string() < b.string(); });
  return files;
}

bool mentions(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

bool any_mentions(const std::vector<Diagnostic>& diagnostics, const std::string& part) {
  for (const auto& diagnostic : diagnostics)
    if (mentions(diagnostic.message, part)) return true;
  return false;
}

std::string quoted(const fs::path& path) { return "'" + path.string() + "'"; }

TempDir::TempDir() {
  std::random_device random;
  path_ = fs::temp_directory_path() / ("newsnorm-test-" + std::to_string(random()) + std::to_string(::getpid()));
  fs::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ignored;
  fs::remove_all(path_, ignored);
}

RunResult run_newsnorm(const std::string& args, const std::string& input) { return run_newsnorm_in({}, args, input); }

RunResult run_newsnorm_in(const fs::path& cwd, const std::string& args, const std::string& input) {
  TempDir dir;
  write_file(dir / "stdin", input);
  // Peak memory comes from GNU time, which starts newsnorm from its own small process: Linux
  // carries a process's peak RSS across exec, so a child forked from this (large, under ASan)
  // test process would report the test's memory, not newsnorm's.
  const std::string command = (cwd.empty() ? std::string() : "cd " + quoted(cwd) + " && ") +
                              "exec /usr/bin/time -f %M -o '" + (dir / "rss").string() + "' '" + NEWSNORM_BINARY +
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
  const std::string command = std::string("exec '") + NEWSNORM_BINARY + "' " + args + " </dev/null >'" + out.string() +
                              "' 2>'" + err.string() + "'";
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

bool blocked_on_flock(int pid) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(1);
  while (std::chrono::steady_clock::now() < deadline) {
    // A waiter's line reads "1: -> FLOCK  ADVISORY  WRITE <pid> <device>:<inode> 0 EOF".
    std::istringstream locks(read_file("/proc/locks"));
    for (std::string line; std::getline(locks, line);) {
      std::istringstream words(line);
      std::string index, arrow, kind, mode, access, owner;
      if (words >> index >> arrow >> kind >> mode >> access >> owner && arrow == "->" && kind == "FLOCK" &&
          owner == std::to_string(pid))
        return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return false;
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

std::vector<std::string> names_in(const fs::path& folder) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(folder)) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

int FaultyOs::count(const std::string& call) const {
  std::lock_guard lock(mutex_);
  const auto found = counts_.find(call);
  return found == counts_.end() ? 0 : found->second;
}

bool FaultyOs::inject(const std::string& call) {
  std::lock_guard lock(mutex_);
  const int n = ++counts_[call];
  for (const Fault& fault : faults) {
    if (fault.call == call && n >= fault.nth && n < fault.nth + fault.times) {
      errno = fault.error;
      return true;
    }
  }
  return false;
}

int FaultyOs::open(const char* path, int flags, mode_t mode) {
  return inject("open") ? -1 : Os::open(path, flags, mode);
}
int FaultyOs::mkstemp(char* pattern) { return inject("mkstemp") ? -1 : Os::mkstemp(pattern); }
ssize_t FaultyOs::write(int fd, const void* data, std::size_t size) {
  return inject("write") ? -1 : Os::write(fd, data, std::min(size, max_write));
}
ssize_t FaultyOs::pread(int fd, void* data, std::size_t size, off_t offset) {
  return inject("pread") ? -1 : Os::pread(fd, data, std::min(size, max_read), offset);
}
ssize_t FaultyOs::pwrite(int fd, const void* data, std::size_t size, off_t offset) {
  return inject("pwrite") ? -1 : Os::pwrite(fd, data, std::min(size, max_write), offset);
}
off_t FaultyOs::lseek(int fd, off_t offset, int whence) { return inject("lseek") ? -1 : Os::lseek(fd, offset, whence); }
int FaultyOs::fsync(int fd) { return inject("fsync") ? -1 : Os::fsync(fd); }
int FaultyOs::fchmod(int fd, mode_t mode) { return inject("fchmod") ? -1 : Os::fchmod(fd, mode); }
int FaultyOs::close(int fd) {
  // Linux closes the descriptor even when close() reports an error: so does the fake, so that a
  // failed close leaks nothing.
  const int result = Os::close(fd);
  if (inject("close")) return -1;
  return result;
}
int FaultyOs::rename(const char* from, const char* to) { return inject("rename") ? -1 : Os::rename(from, to); }
int FaultyOs::unlink(const char* path) { return inject("unlink") ? -1 : Os::unlink(path); }
int FaultyOs::flock(int fd, int operation) { return inject("flock") ? -1 : Os::flock(fd, operation); }

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
