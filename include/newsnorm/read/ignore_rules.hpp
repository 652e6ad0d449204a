#pragma once
// What .gitignore, .ignore and .git/info/exclude files say, applied as git applies them: a file's
// patterns are relative to the folder it is in; of all the patterns that match a path, the one in
// the deepest folder wins, and within one file the last; a '!' pattern that wins re-includes the
// path. A folder that is ignored is not entered, so nothing inside it can be re-included (as in git).
// .ignore (ripgrep's and fd's file) ranks above .gitignore in the same folder, and
// .git/info/exclude below it. Pure: text in, rules out; reading the files is the walk's.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "newsnorm/core/path_glob.hpp"

namespace newsnorm {

struct IgnoreRule {
  PathGlob glob;
  std::string source;  // the file it is in, as shown in messages
  int line = 0;
  // "ignored by site/.gitignore:3 (_site/)"
  std::string describe() const;
};

// The rules of one ignore file: comments (#), blank lines and trailing spaces (unless escaped with
// '\') are not patterns; a line git would take as matching nothing ("/", "a//b") is left out too.
std::vector<IgnoreRule> parse_ignore_text(std::string_view text, const std::string& source);

// The ignore files met from the top of the walk down to the folder being read.
class IgnoreStack {
 public:
  // Rules of a folder the walk is in: `walked` is that folder as the walk writes its paths ("site",
  // "./site", "/abs/site"); `relative` is the same folder relative to the folder the file is in
  // ("" when it is that folder; "content/" for a .gitignore one folder above a walk of content).
  void push(std::string walked, std::string relative, std::vector<IgnoreRule> rules);
  std::size_t depth() const { return levels_.size(); }
  void pop_to(std::size_t depth) { levels_.resize(depth); }

  // The rule that ignores `path` (as the walk writes it, inside the folder last pushed), or null
  // when no rule does or the one that decides is a '!' one.
  const IgnoreRule* ignoring(std::string_view path, bool is_folder) const;

 private:
  struct Level {
    std::string walked;    // with a trailing '/'
    std::string relative;  // "" or ending in '/'
    std::vector<IgnoreRule> rules;
  };
  std::vector<Level> levels_;
};

}  // namespace newsnorm
