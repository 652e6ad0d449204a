#pragma once
// Splits decoded text into a front-matter header and a body, without interpreting either.
#include <optional>
#include <string_view>
#include <variant>

#include "newsnorm/core/format.hpp"
#include "newsnorm/core/result.hpp"

namespace newsnorm {

struct FrontMatter {
  Format format = Format::text;  // text: no header at all
  std::string_view header;       // the header's own text, without its delimiters
  std::string_view body;         // everything after the closing delimiter's line
  int header_line = 1;           // the file line on which `header` starts
};

// YAML between `---` lines (closed by `---` or `...`), TOML between `+++` lines, or a JSON
// object at the very start. Only the first closing line ends a header: later ones are body text.
// An opening delimiter with no closing one is an error, never a silent guess.
Result<FrontMatter> split_front_matter(std::string_view text);

// As split_front_matter, and a .yaml, .yml or .toml file without delimiters is all header, as data
// files like the corpus's _data/topics/*.yaml are: read as bare text, its fields would be buried.
Result<FrontMatter> split_document(std::string_view text, std::string_view path);

}  // namespace newsnorm
