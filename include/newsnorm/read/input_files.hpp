#pragma once
// Finding and reading input files. The only stage that touches the file system for input.
#include <array>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "newsnorm/core/result.hpp"

namespace newsnorm {

// One input: a file path, or "-" for standard input. `error` is set when it could not be found,
// so that a missing path is reported in its place in the output order, never dropped.
struct Input {
  std::string path;
  std::optional<Diagnostic> error;
};

// Why a folder walk passed over a path. A file named explicitly (a PATH, a listed path) is always
// read; a walk reads articles, not everything that lies beside them.
enum class SkipReason {
  hidden,          // its name starts with '.' (see --hidden)
  tool_folder,     // .git, .hg, .svn, node_modules; a site generator's templates (_layouts, themes...)
  ignored,         // a .gitignore, .ignore or .git/info/exclude pattern (see --no-ignore)
  own_file,        // newsnorm's own: its configuration, state, database, output or their temporary files
  excluded,        // the project configuration's exclude or include
  not_article,     // not of an article extension (see --type and --include)
  link_to_folder,  // a symbolic link to a folder: not followed, so that a link loop cannot hang a walk
  special,         // a dangling link, a link loop, a FIFO, a socket, a device: worth a warning
};
inline constexpr std::size_t kSkipReasons = 8;
// "not articles", "ignored by .gitignore": how the summary counts them.
std::string_view skip_reason_words(SkipReason reason);

struct SkippedPath {
  std::string path;
  SkipReason reason;
  std::string detail;  // "ignored by site/.gitignore:2 (_site/)", "a dangling symbolic link to x.md"
};

// What a walk skipped, by reason; "31 skipped: 24 not articles, 5 ignored by .gitignore, 2 newsnorm's
// own" (link_to_folder and hidden included).
struct SkipCounts {
  std::array<std::size_t, kSkipReasons> by_reason{};
  std::size_t total() const;
  void add(SkipReason reason) { ++by_reason[static_cast<std::size_t>(reason)]; }
  // "24 not articles, 5 ignored by .gitignore"; "" when nothing was skipped.
  std::string describe() const;
};

// The extensions of the files a walk reads, without the dot, lower case.
std::span<const std::string_view> article_extensions();
// --type's names for groups of them: "md" (md, markdown, mdx), "html" (html, htm), "txt", "yaml"
// (yaml, yml), "toml", "json". An error naming the known types for an unknown one.
Result<std::vector<std::string>> extensions_of_types(const std::vector<std::string>& types);
std::string_view known_types();  // "md, html, txt, yaml, toml, json"

struct WalkOptions {
  bool hidden = false;       // also walk files and folders whose names start with '.'
  bool ignore_files = true;  // honour .gitignore, .ignore and .git/info/exclude (--no-ignore: false)
  // The extensions read in a walk (lower case, no dot); empty: article_extensions().
  std::vector<std::string> extensions;
  // Whether a file of another extension is wanted all the same (a configuration's include or
  // [types] names it). Null: none is.
  std::function<bool(const std::string& path)> wanted_anyway;
  // newsnorm's own files by absolute, lexically normal path (the run's state, database, outputs)
  // and by name (newsnorm.toml); SQLite files that carry newsnorm's application id (state and
  // database of any earlier run) are found by that mark.
  std::vector<std::string> own_paths;
  std::vector<std::string> own_names;
  // Paths to leave out of the run (a project configuration's exclude and include): asked of every
  // folder and file met, named or walked; says why a path is left out, or nullopt to keep it. A
  // folder left out is not walked; a file left out is not read. Its failure (a broken configuration
  // met on the way) ends the walk.
  std::function<FatalResult<std::optional<std::string>>(const std::string& path, bool is_folder)> leave_out;
  // Told of each path that was named (a PATH, or a path in the --files-from list) and left out.
  std::function<void(const std::string& path, const std::string& why)> named_left_out;
  // Told of each path a walk skips (for --log-level debug, and warnings for SkipReason::special).
  std::function<void(const SkippedPath&)> skipped;
};

// The application id newsnorm's SQLite files carry (PRAGMA application_id), so that a walk knows
// them whatever they are named: "NNst" for a state, "NNdb" for a database.
inline constexpr std::int32_t kStateApplicationId = 0x4E4E7374;
inline constexpr std::int32_t kDatabaseApplicationId = 0x4E4E6462;

// Expands each path: a file stays, a folder becomes the article files in it (recursively, in byte
// order of their paths, skipping as WalkOptions says), "-" stays. A PATH that does not exist, and a
// folder with no article file in it, is a usage failure: a run pointed at a missing mount must end
// before it writes anything (or takes the absence of every file for their deletion).
FatalResult<std::vector<Input>> expand_inputs(const std::vector<std::string>& paths, const WalkOptions& options);

// Inputs in order: the expanded PATHs first, then the paths listed in a file (or "-" for standard
// input) one per line or NUL-separated, read lazily so a long `find` pipeline starts at once and
// costs no memory per path. A listed folder is expanded like a PATH; a listed path that does not
// exist is an error in its place (the list may be older than the files).
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
  // The paths of the inputs still to come, when all are known in advance (no list); else nullopt.
  std::optional<std::vector<std::string>> known_paths() const;
  // The files and folders read so far, as named (PATHs and listed paths that exist): a file can be
  // taken for deleted only inside one of them.
  const std::vector<std::string>& roots() const { return roots_; }
  // What the walks so far skipped.
  const SkipCounts& skipped() const { return skipped_; }

 private:
  explicit InputStream(const WalkOptions& options);
  bool refill_from_list();
  void expand(const std::string& path, bool named);  // onto pending_, roots_, skipped_

  WalkOptions options_;
  std::vector<std::string> roots_;
  SkipCounts skipped_;
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
