#pragma once
// Finding and reading input files. The only stage that touches the file system for input.
#include <cstdio>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "newsnorm/core/result.hpp"

namespace newsnorm {

// One input: a file path, or "-" for standard input. `error` is set when it could not be found,
// so that a missing path is reported in its place in the output order, never dropped.
struct Input {
  std::string path;
  std::optional<Diagnostic> error;
};

struct WalkOptions {
  bool hidden = false;  // also walk files and folders whose names start with '.'
  // Paths to leave out of the run (a project configuration's exclude and include): asked of every
  // folder and file met, named or walked; says why a path is left out, or nullopt to keep it. A
  // folder left out is not walked; a file left out is not read and not counted. Its failure (a
  // broken configuration met on the way) ends the walk.
  std::function<FatalResult<std::optional<std::string>>(const std::string& path, bool is_folder)> leave_out;
  // Told of each path that was named (a PATH, or a path in the --files-from list) and left out.
  std::function<void(const std::string& path, const std::string& why)> named_left_out;
};

// Expands each path: a file stays, a folder becomes its files (recursively, in byte order of their
// paths), "-" stays. Symbolic links to folders are not followed, so a link loop cannot hang the walk.
FatalResult<std::vector<Input>> expand_inputs(const std::vector<std::string>& paths, const WalkOptions& options);

// Inputs in order: the expanded PATHs first, then the paths listed in a file (or "-" for standard
// input) one per line or NUL-separated, read lazily so a long `find` pipeline starts at once and
// costs no memory per path. A listed folder is expanded like a PATH.
class InputStream {
 public:
  static FatalResult<std::unique_ptr<InputStream>> open(const std::vector<std::string>& paths,
                                                        const WalkOptions& options);
  ~InputStream();
  InputStream(const InputStream&) = delete;
  InputStream& operator=(const InputStream&) = delete;

  // A usage failure when the list cannot be opened.
  FatalStatus add_list(const std::string& list_path, char separator);
  // The next input; nullopt at the end.
  FatalResult<std::optional<Input>> next();
  // The number of inputs when known in advance (no list), for progress bars.
  std::optional<std::size_t> known_total() const;

 private:
  explicit InputStream(const WalkOptions& options);
  bool refill_from_list();

  WalkOptions options_;
  std::vector<Input> pending_;
  std::size_t next_ = 0;
  std::FILE* list_ = nullptr;
  bool owns_list_ = false;
  bool has_list_ = false;
  char separator_ = '\n';
};

// Reads a whole file (or standard input for "-") into `buffer` with as few system calls as its
// size allows. Reads at most max_bytes + 1 bytes, so an oversized input costs no more than that.
Status read_input(const std::string& path, std::size_t max_bytes, std::string& buffer);

// How a path is shown in messages: "<stdin>" for "-".
std::string display_name(const std::string& path);

}  // namespace newsnorm
