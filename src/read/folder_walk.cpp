#include "folder_walk.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>

#include <fmt/format.h>

#include "newsnorm/core/ascii.hpp"
#include "newsnorm/read/ignore_rules.hpp"

namespace newsnorm {
namespace fs = std::filesystem;

namespace {

constexpr std::array<std::string_view, 10> kArticleExtensions = {"md",  "markdown", "mdx", "html", "htm",
                                                                 "txt", "yaml",     "yml", "toml", "json"};

struct TypeGroup {
  std::string_view name;
  std::vector<std::string_view> extensions;
};
const std::vector<TypeGroup>& type_groups() {
  static const std::vector<TypeGroup> groups = {
      {"md", {"md", "markdown", "mdx"}}, {"html", {"html", "htm"}}, {"txt", {"txt"}},
      {"yaml", {"yaml", "yml"}},         {"toml", {"toml"}},        {"json", {"json"}},
  };
  return groups;
}

// Folders of tools, never of articles: version control and installed dependencies.
constexpr std::array<std::string_view, 4> kToolFolders = {".git", ".hg", ".svn", "node_modules"};
// A site generator's templates: Jekyll's layouts, includes and Sass, Hugo's layouts and archetypes,
// Hexo's scaffolds, Zola's templates, any generator's themes. Their .html files are Liquid, Go or
// Tera templates with no front matter, which would read as empty web pages. Skipped with the
// ignore files, so --no-ignore reads them.
// A site's configuration files, of article extensions but never articles: Jekyll's and Hexo's
// _config.yml, Hugo's and Zola's config.toml and hugo.toml, npm's and hosts' manifests. Skipped
// with the ignore files, so --no-ignore reads them.
constexpr std::array<std::string_view, 15> kSiteConfigFiles = {
    "_config.yml",  "_config.yaml",      "_config.toml", "config.toml", "config.yaml",
    "config.yml",   "config.json",       "hugo.toml",    "hugo.yaml",   "hugo.json",
    "package.json", "package-lock.json", "netlify.toml", "vercel.json", "tsconfig.json"};
constexpr std::array<std::string_view, 8> kTemplateFolders = {"_layouts",   "_includes", "_sass",     "layouts",
                                                              "archetypes", "scaffolds", "templates", "themes"};

}  // namespace

std::string_view skip_reason_words(SkipReason reason) {
  switch (reason) {
    case SkipReason::hidden: return "hidden";
    case SkipReason::tool_folder: return "tool or template folders";
    case SkipReason::ignored: return "ignored by .gitignore or .ignore";
    case SkipReason::own_file: return "newsnorm's own";
    case SkipReason::excluded: return "excluded by newsnorm.toml";
    case SkipReason::not_article: return "not articles";
    case SkipReason::link_to_folder: return "links to folders";
    case SkipReason::special: return "not regular files";
  }
  return "skipped";
}

std::size_t SkipCounts::total() const {
  std::size_t sum = 0;
  for (const std::size_t n : by_reason) sum += n;
  return sum;
}

std::string SkipCounts::describe() const {
  std::string text;
  for (std::size_t reason = 0; reason < kSkipReasons; ++reason) {
    if (by_reason[reason] == 0) continue;
    if (!text.empty()) text += ", ";
    text += fmt::format("{} {}", by_reason[reason], skip_reason_words(static_cast<SkipReason>(reason)));
  }
  return text;
}

std::span<const std::string_view> article_extensions() { return kArticleExtensions; }

std::string_view known_types() { return "md, html, txt, yaml, toml, json"; }

Result<std::vector<std::string>> extensions_of_types(const std::vector<std::string>& types) {
  std::vector<std::string> extensions;
  for (const std::string& type : types) {
    const auto group = std::find_if(type_groups().begin(), type_groups().end(),
                                    [&](const TypeGroup& g) { return g.name == ascii::to_lower(type); });
    if (group == type_groups().end())
      return make_error(code::usage, {}, fmt::format("unknown type \"{}\": the types are {}", type, known_types()));
    extensions.insert(extensions.end(), group->extensions.begin(), group->extensions.end());
  }
  return extensions;
}

namespace read_detail {
namespace {

bool is_hidden_name(std::string_view name) { return name.size() > 1 && name[0] == '.' && name != ".."; }

std::string lower_extension(std::string_view name) {
  const std::size_t dot = name.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return {};
  return ascii::to_lower(name.substr(dot + 1));
}

// Whether the file is one of newsnorm's SQLite files: the header's magic and application id.
bool has_newsnorm_mark(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return false;
  unsigned char header[100];
  const ssize_t got = ::pread(fd, header, sizeof header, 0);
  ::close(fd);
  if (got != static_cast<ssize_t>(sizeof header) || std::memcmp(header, "SQLite format 3", 16) != 0) return false;
  const std::int32_t id =
      static_cast<std::int32_t>((std::uint32_t{header[68]} << 24) | (std::uint32_t{header[69]} << 16) |
                                (std::uint32_t{header[70]} << 8) | std::uint32_t{header[71]});
  return id == kStateApplicationId || id == kDatabaseApplicationId;
}

class FolderWalk {
 public:
  FolderWalk(const std::string& root, const WalkOptions& options, Expansion& into)
      : root_(root), options_(options), into_(into) {
    if (options.extensions.empty())
      extensions_.assign(kArticleExtensions.begin(), kArticleExtensions.end());
    else
      extensions_ = options.extensions;
    std::error_code error;
    cwd_ = fs::current_path(error).string();
    for (const std::string& own : options.own_paths) own_names_.push_back(fs::path(own).filename().string());
  }

  // Walks the root; the number of files found in it.
  std::size_t run() {
    if (options_.ignore_files) push_ignores_above_root();
    walk(root_);
    std::sort(found_.begin(), found_.end(), [](const Input& a, const Input& b) { return a.path < b.path; });
    const std::size_t files = found_.size();
    for (Input& input : found_) into_.inputs.push_back(std::move(input));
    return files;
  }
  const SkipCounts& skipped_here() const { return skipped_; }

 private:
  struct Entry {
    std::string name;
    std::string path;
    fs::file_type type;  // as lstat says
  };

  void skip(const std::string& path, SkipReason reason, std::string detail) {
    skipped_.add(reason);
    into_.skipped.add(reason);
    if (options_.skipped) options_.skipped({path, reason, std::move(detail)});
  }

  void walk(const std::string& folder) {
    std::error_code error;
    std::vector<Entry> entries;
    fs::directory_iterator it(folder, error);
    for (; !error && it != fs::directory_iterator(); it.increment(error)) {
      const fs::directory_entry& entry = *it;
      std::error_code type_error;
      entries.push_back(
          {entry.path().filename().string(), entry.path().string(), entry.symlink_status(type_error).type()});
    }
    if (error) {  // an unreadable folder is one error in its place, never a silent gap
      found_.push_back(
          {folder, make_error(code::read_failed, {}, fmt::format("cannot read folder: {}", error.message()))});
      return;
    }
    const std::size_t depth = ignores_.depth();
    if (options_.ignore_files) push_ignores_of(folder, entries);
    for (const Entry& entry : entries) visit(entry);
    ignores_.pop_to(depth);
  }

  void visit(const Entry& entry) {
    fs::file_type type = entry.type;
    if (type == fs::file_type::symlink) {
      std::error_code error;
      const fs::file_status target = fs::status(entry.path, error);
      if (error || target.type() == fs::file_type::not_found) {
        std::error_code link_error;
        const std::string to = fs::read_symlink(entry.path, link_error).string();
        skip(entry.path, SkipReason::special,
             error.value() == ELOOP ? "a symbolic link loop" : fmt::format("a dangling symbolic link (to {})", to));
        return;
      }
      type = target.type();
      if (type == fs::file_type::directory) {
        skip(entry.path, SkipReason::link_to_folder, "a symbolic link to a folder, not followed");
        return;
      }
    }
    const bool folder = type == fs::file_type::directory;
    if (folder && std::find(kToolFolders.begin(), kToolFolders.end(), entry.name) != kToolFolders.end()) {
      skip(entry.path, SkipReason::tool_folder, "a version-control or dependency folder, never read");
      return;
    }
    if (folder && options_.ignore_files &&
        std::find(kTemplateFolders.begin(), kTemplateFolders.end(), entry.name) != kTemplateFolders.end()) {
      skip(entry.path, SkipReason::tool_folder, "a site generator's templates (see --no-ignore)");
      return;
    }
    if (!folder && type != fs::file_type::regular) {
      skip(entry.path, SkipReason::special, describe_special(type));
      return;
    }
    if (!options_.hidden && is_hidden_name(entry.name)) {
      skip(entry.path, SkipReason::hidden, "its name starts with '.' (see --hidden)");
      return;
    }
    if (options_.ignore_files)
      if (const IgnoreRule* rule = ignores_.ignoring(entry.path, folder)) {
        skip(entry.path, SkipReason::ignored, rule->describe());
        return;
      }
    if (!folder && options_.ignore_files &&
        std::find(kSiteConfigFiles.begin(), kSiteConfigFiles.end(), entry.name) != kSiteConfigFiles.end()) {
      skip(entry.path, SkipReason::not_article, "a site's configuration, not an article (see --no-ignore)");
      return;
    }
    if (!folder)
      if (auto own = why_own(entry)) {
        skip(entry.path, SkipReason::own_file, std::move(*own));
        return;
      }
    if (options_.leave_out)
      if (const auto why = value_or_throw(options_.leave_out(entry.path, folder))) {
        skip(entry.path, SkipReason::excluded, *why);
        return;
      }
    if (folder) {
      walk(entry.path);
      return;
    }
    const std::string extension = lower_extension(entry.name);
    if (std::find(extensions_.begin(), extensions_.end(), extension) == extensions_.end() &&
        !(options_.wanted_anyway && options_.wanted_anyway(entry.path))) {
      // Only what is skipped anyway is opened to look for the mark: an article costs no extra read.
      if (has_sqlite_mark_of_own(entry.path)) {
        skip(entry.path, SkipReason::own_file, "a newsnorm state or database (its SQLite application id)");
        return;
      }
      skip(entry.path, SkipReason::not_article,
           extension.empty() ? "no extension (see --include)"
                             : fmt::format("a .{} file (see --type, --include)", extension));
      return;
    }
    found_.push_back({entry.path, std::nullopt});
  }

  // An earlier run's state or database, whatever it is named, and the files SQLite keeps beside it.
  static bool has_sqlite_mark_of_own(std::string_view path) {
    for (const std::string_view suffix : {"-wal", "-shm", "-journal"})
      if (path.ends_with(suffix)) {
        path.remove_suffix(suffix.size());
        break;
      }
    return has_newsnorm_mark(std::string(path));
  }

  static std::string describe_special(fs::file_type type) {
    switch (type) {
      case fs::file_type::fifo: return "a FIFO (named pipe)";
      case fs::file_type::socket: return "a socket";
      case fs::file_type::block: return "a block device";
      case fs::file_type::character: return "a character device";
      default: return "not a regular file";
    }
  }

  std::optional<std::string> why_own(const Entry& entry) const {
    if (std::find(options_.own_names.begin(), options_.own_names.end(), entry.name) != options_.own_names.end())
      return fmt::format("{} is newsnorm's configuration, not an article", entry.name);
    if (std::find(own_names_.begin(), own_names_.end(), entry.name) != own_names_.end()) {
      const fs::path absolute =
          (entry.path.starts_with('/') ? fs::path(entry.path) : fs::path(cwd_) / entry.path).lexically_normal();
      if (std::find(options_.own_paths.begin(), options_.own_paths.end(), absolute.string()) !=
          options_.own_paths.end())
        return std::string("this run's own state, database or output");
    }
    // An output's temporary file, left by a run that was killed (see OutputSink).
    if (is_hidden_name(entry.name) && entry.name.size() > 12 && entry.name.find(".tmp.") == entry.name.size() - 11)
      return std::string("a temporary file of a newsnorm output");
    return std::nullopt;
  }

  // The ignore files of one folder, lowest rank first: .git/info/exclude, .gitignore, .ignore.
  void push_ignores_of(const std::string& folder, const std::vector<Entry>& entries) {
    const auto has = [&](std::string_view name) {
      return std::any_of(entries.begin(), entries.end(), [&](const Entry& e) { return e.name == name; });
    };
    if (has(".git")) push_file(folder, "", folder_child(folder, ".git/info/exclude"));
    if (has(".gitignore")) push_file(folder, "", folder_child(folder, ".gitignore"));
    if (has(".ignore")) push_file(folder, "", folder_child(folder, ".ignore"));
  }

  // Inside a git work tree, the ignore files of the folders from its top down to the root apply too,
  // as `git check-ignore` applies them.
  void push_ignores_above_root() {
    std::error_code error;
    const fs::path root = fs::absolute(root_, error).lexically_normal();
    if (error) return;
    std::vector<fs::path> above;
    bool in_repository = false;
    for (fs::path folder = root.parent_path(); !folder.empty(); folder = folder.parent_path()) {
      above.push_back(folder);
      if (fs::exists(folder / ".git", error)) {
        in_repository = true;
        break;
      }
      if (folder == folder.parent_path()) break;
    }
    if (fs::exists(root / ".git", error) || !in_repository) return;
    for (auto folder = above.rbegin(); folder != above.rend(); ++folder) {
      std::string relative = root.lexically_relative(*folder).string();
      if (folder == above.rbegin()) push_file(root_, relative, (*folder / ".git/info/exclude").string());
      push_file(root_, relative, (*folder / ".gitignore").string());
      push_file(root_, relative, (*folder / ".ignore").string());
    }
  }

  static std::string folder_child(const std::string& folder, std::string_view name) {
    return folder.ends_with('/') ? folder + std::string(name) : folder + "/" + std::string(name);
  }

  void push_file(const std::string& walked, const std::string& relative, const std::string& file) {
    std::string text;
    if (!read_input(file, 1u << 20, text)) return;  // absent (or absurdly large): no rules
    std::vector<IgnoreRule> rules = parse_ignore_text(text, file);
    if (!rules.empty()) ignores_.push(walked, relative, std::move(rules));
  }

  const std::string& root_;
  const WalkOptions& options_;
  Expansion& into_;
  std::vector<std::string> extensions_;
  std::vector<std::string> own_names_;
  std::string cwd_;
  IgnoreStack ignores_;
  std::vector<Input> found_;
  SkipCounts skipped_;
};

}  // namespace

void expand_path(const std::string& path, bool named, const WalkOptions& options, Expansion& into) {
  std::error_code error;
  const auto left_out = [&](bool folder) {
    if (!options.leave_out) return false;
    const std::optional<std::string> why = value_or_throw(options.leave_out(path, folder));
    if (why && options.named_left_out) options.named_left_out(path, *why);
    return why.has_value();
  };
  if (path == "-") {
    into.inputs.push_back({path, std::nullopt});
  } else if (fs::is_directory(path, error)) {
    if (left_out(true)) return;
    into.roots.push_back(path);
    FolderWalk walk(path, options, into);
    if (walk.run() > 0) return;
    const std::string skipped = walk.skipped_here().describe();
    throw FatalError(FatalKind::usage, code::input_none, path,
                     skipped.empty() ? fmt::format("no article files under {}: the folder is empty", path)
                                     : fmt::format("no article files under {} ({} skipped: {})", path,
                                                   walk.skipped_here().total(), skipped));
  } else if (fs::exists(path, error)) {
    if (left_out(false)) return;
    into.roots.push_back(path);
    into.inputs.push_back({path, std::nullopt});
  } else if (named) {
    throw FatalError(FatalKind::usage, code::read_not_found, path,
                     fmt::format("{}: no such file or folder; nothing was read or written", path));
  } else {
    into.inputs.push_back({path, make_error(code::read_not_found, {}, "no such file or folder")});
  }
}

}  // namespace read_detail
}  // namespace newsnorm
