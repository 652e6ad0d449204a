#pragma once
// Helpers shared by the tests: fixture paths, file reading, and running the real binary.
#include <cstdint>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "newsnorm/core/diagnostic.hpp"
#include "newsnorm/core/os.hpp"

namespace newsnorm::test {

std::filesystem::path source_dir();
std::filesystem::path shared_dir();  // ../shared beside the checkout
std::filesystem::path corpus_dir();  // ../shared/corpus/powerapps
std::filesystem::path seeds_dir();   // data/seeds (copies of ../shared/seeds)

std::string read_file(const std::filesystem::path& path);
void write_file(const std::filesystem::path& path, const std::string& bytes);

// Every regular, non-hidden file under `root`, in byte order.
std::vector<std::filesystem::path> files_under(const std::filesystem::path& root);
// Every regular file under `root` whose name starts with '.' (what --hidden adds), in byte order.
std::vector<std::filesystem::path> hidden_files_under(const std::filesystem::path& root);

// Whether `part` occurs in `text`.
bool mentions(const std::string& text, const std::string& part);
// Whether any of the diagnostics' messages mentions `part`.
bool any_mentions(const std::vector<Diagnostic>& diagnostics, const std::string& part);
// A path quoted for the shell command line run_newsnorm builds.
std::string quoted(const std::filesystem::path& path);

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
// The same, with `cwd` as the current folder (relative paths, newsnorm.toml discovery).
RunResult run_newsnorm_in(const std::filesystem::path& cwd, const std::string& args, const std::string& input = "");

// Starts newsnorm in the background (through /bin/sh, as run_newsnorm), without waiting for it.
int spawn_newsnorm(const std::string& args, const std::filesystem::path& out, const std::filesystem::path& err);
// Waits for a spawned process; returns its exit code, or 128 + signal.
int wait_for(int pid);
// Waits (up to a minute) until /proc/locks lists process `pid` as blocked on an flock; false if it
// never is. A handshake with the kernel, for tests that must know a process is waiting for a lock.
bool blocked_on_flock(int pid);

// Copies the corpus `copies` times into numbered folders under `dir`; returns how many files.
std::size_t copy_corpus(const std::filesystem::path& dir, int copies);

// The names in a folder (not recursive), sorted: to see that nothing was left behind.
std::vector<std::string> names_in(const std::filesystem::path& folder);

// An Os that fails chosen system calls, for fault injection: install it with a ScopedOs. Calls it
// does not fail go to the real system. Safe to share between threads.
class FaultyOs : public Os {
 public:
  struct Fault {
    // "open", "mkstemp", "write", "pread", "pwrite", "lseek", "fsync", "fchmod", "close", "rename",
    // "unlink", "flock"
    std::string call;
    int nth = 1;    // the first call to fail, counting from 1
    int error = 0;  // the errno it fails with
    int times = 1;  // how many calls in a row fail
  };
  std::vector<Fault> faults;
  std::size_t max_write = SIZE_MAX;  // a write or pwrite of more bytes writes only this many (a short write)
  std::size_t max_read = SIZE_MAX;   // a pread of more bytes reads only this many (a short read)

  int count(const std::string& call) const;  // calls made so far

  int open(const char* path, int flags, mode_t mode) override;
  int mkstemp(char* pattern) override;
  ssize_t write(int fd, const void* data, std::size_t size) override;
  ssize_t pread(int fd, void* data, std::size_t size, off_t offset) override;
  ssize_t pwrite(int fd, const void* data, std::size_t size, off_t offset) override;
  off_t lseek(int fd, off_t offset, int whence) override;
  int fsync(int fd) override;
  int fchmod(int fd, mode_t mode) override;
  int close(int fd) override;
  int rename(const char* from, const char* to) override;
  int unlink(const char* path) override;
  int flock(int fd, int operation) override;

 private:
  bool inject(const std::string& call);  // true (with errno set) when this call is to fail
  mutable std::mutex mutex_;
  std::map<std::string, int> counts_;
};

// Parses JSON Lines.
std::vector<nlohmann::ordered_json> parse_lines(const std::string& jsonl);

// An oracle independent of the parser under test: the value of a top-level `key: value` line in
// a YAML header, unquoted when it is a simple double-quoted string. nullopt when absent or not simple.
std::optional<std::string> header_line_value(const std::string& file_text, const std::string& key);

}  // namespace newsnorm::test
