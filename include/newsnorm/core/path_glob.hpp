#pragma once
// Path patterns as .gitignore writes them, for a project configuration's exclude, include and
// [types]. Paths are relative to the folder the pattern belongs to, '/'-separated, without './'.
//
//   *  any run of characters but '/'        ?  one character but '/'      [a-z] [!a-z]  a class
//   ** a whole segment: any number of folders (`**/x`, `a/**/b`); `a/**` is everything inside a
//   a pattern with a '/' at its start or middle is anchored to its folder (`/drafts`, `a/b`);
//   one without matches a name at any depth (`.keep`, `*.tmp`)
//   a trailing '/' matches folders only      a leading '!' negates (re-includes)
//   '\' makes the next character literal (`\!important.md`, `\*`)
// Matching is case-sensitive, as git's is on Linux.
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "newsnorm/core/result.hpp"

namespace newsnorm {

class PathGlob {
 public:
  // The error's message says what is wrong with the pattern (its position is not known here).
  static Result<PathGlob> parse(std::string_view pattern);

  // Whether the pattern matches this very path.
  bool matches(std::string_view path, bool is_folder) const;
  // Whether it matches the path or one of the folders the path is in (`drafts/` covers
  // drafts/a.md): the way a pattern that names a folder names all that is in it.
  bool covers(std::string_view path, bool is_folder) const;

  bool negated() const { return negated_; }
  const std::string& text() const { return text_; }

 private:
  std::string text_;                   // as written
  std::vector<std::string> segments_;  // split at '/', escapes kept; "**" is a whole-segment wildcard
  bool negated_ = false;
  bool folders_only_ = false;
};

// Splits a relative path into the folders it is in: "a/b/c.md" -> "a", "a/b".
std::vector<std::string_view> parent_folders(std::string_view path);

}  // namespace newsnorm
