#include "newsnorm/core/path_glob.hpp"

#include <fmt/format.h>

namespace newsnorm {
namespace {

// A character class at `pattern[i]` == '[' (closed, as parse() made sure): whether it matches `c`;
// `i` ends past the ']'. A ']' first in the class is a member; ranges such as a-z.
bool match_class(std::string_view pattern, std::size_t& i, char c) {
  ++i;
  bool negate = false;
  if (pattern[i] == '!' || pattern[i] == '^') {
    negate = true;
    ++i;
  }
  bool found = false;
  for (bool first = true; first || pattern[i] != ']'; first = false) {
    const char low = pattern[i++];
    char high = low;
    if (pattern[i] == '-' && pattern[i + 1] != ']') {
      high = pattern[i + 1];
      i += 2;
    }
    if (low <= c && c <= high) found = true;
  }
  ++i;
  return found != negate;
}

// One segment against one name: '*', '?', classes and escapes; '*' backtracks to its last use.
bool match_segment(std::string_view pattern, std::string_view name) {
  std::size_t p = 0, n = 0;
  std::size_t star = std::string_view::npos, star_name = 0;
  while (n < name.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      while (p < pattern.size() && pattern[p] == '*') ++p;
      star = p;
      star_name = n;
      continue;
    }
    if (p < pattern.size()) {
      std::size_t next = p;
      bool ok = false;
      if (pattern[p] == '?') {
        ok = true;
        next = p + 1;
      } else if (pattern[p] == '[') {
        ok = match_class(pattern, next, name[n]);
      } else {
        const std::size_t literal = pattern[p] == '\\' ? p + 1 : p;
        ok = pattern[literal] == name[n];
        next = literal + 1;
      }
      if (ok) {
        p = next;
        ++n;
        continue;
      }
    }
    if (star == std::string_view::npos) return false;
    p = star;
    n = ++star_name;
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

std::vector<std::string_view> split(std::string_view path) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t end = std::min(path.find('/', start), path.size());
    parts.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

bool match_segments(std::span<const std::string> pattern, std::span<const std::string_view> path) {
  if (pattern.empty()) return path.empty();
  if (pattern.front() == "**") {
    // A trailing `**` is everything inside: at least one more name. Elsewhere, any number of folders.
    if (pattern.size() == 1) return !path.empty();
    for (std::size_t skip = 0; skip <= path.size(); ++skip)
      if (match_segments(pattern.subspan(1), path.subspan(skip))) return true;
    return false;
  }
  return !path.empty() && match_segment(pattern.front(), path.front()) &&
         match_segments(pattern.subspan(1), path.subspan(1));
}

}  // namespace

Result<PathGlob> PathGlob::parse(std::string_view pattern) {
  PathGlob glob;
  glob.text_ = std::string(pattern);
  const auto error = [&](std::string message) {
    return make_error(code::usage, {}, fmt::format("the pattern \"{}\" {}", pattern, message));
  };
  if (pattern.starts_with('!')) {
    glob.negated_ = true;
    pattern.remove_prefix(1);
  }
  if (pattern.ends_with('/')) {
    glob.folders_only_ = true;
    pattern.remove_suffix(1);
  }
  const bool rooted = pattern.starts_with('/');
  if (rooted) pattern.remove_prefix(1);
  if (pattern.empty()) return error("matches nothing: give a name, a path or a glob such as *.md");
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '\\') {
      if (++i == pattern.size()) return error("ends in '\\', which escapes nothing");
      continue;
    }
    if (pattern[i] == '[') {
      std::size_t close = i + 1;
      if (close < pattern.size() && (pattern[close] == '!' || pattern[close] == '^')) ++close;
      if (close < pattern.size() && pattern[close] == ']') ++close;  // a leading ']' is a member
      close = pattern.find(']', close);
      if (close == std::string_view::npos) return error("opens a class with '[' that no ']' closes");
      if (pattern.substr(i, close - i).find('/') != std::string_view::npos)
        return error("has a '/' inside a [class]; a class matches one character of a name");
      i = close;
    }
  }
  for (const std::string_view segment : split(pattern)) {
    if (segment.empty()) return error("has an empty folder name ('//')");
    if (segment == "." || segment == "..")
      return error("has a '.' or '..' folder; patterns are relative to the folder of the configuration");
    glob.segments_.emplace_back(segment);
  }
  // Without a '/' before its end the pattern names a file or folder at any depth, as in .gitignore.
  if (!rooted && glob.segments_.size() == 1 && glob.segments_.front() != "**")
    glob.segments_.insert(glob.segments_.begin(), "**");
  return glob;
}

bool PathGlob::matches(std::string_view path, bool is_folder) const {
  if (path.empty() || (folders_only_ && !is_folder)) return false;
  const std::vector<std::string_view> parts = split(path);
  return match_segments(segments_, parts);
}

bool PathGlob::covers(std::string_view path, bool is_folder) const {
  for (const std::string_view folder : parent_folders(path))
    if (matches(folder, true)) return true;
  return matches(path, is_folder);
}

std::vector<std::string_view> parent_folders(std::string_view path) {
  std::vector<std::string_view> folders;
  for (std::size_t slash = path.find('/'); slash != std::string_view::npos; slash = path.find('/', slash + 1))
    folders.push_back(path.substr(0, slash));
  return folders;
}

}  // namespace newsnorm
