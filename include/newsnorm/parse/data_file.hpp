#pragma once
// YAML files of data rather than articles: the built-in field vocabulary and provider registry, a
// provider file, an organization file's front matter. They are decoded like an article, but they are
// configuration, so only their size is limited, not their lines.
#include <string_view>

#include "newsnorm/parse/header_tree.hpp"

namespace newsnorm {

// The whole text as one YAML document; with `front_matter`, only the header between `---` lines
// (a file without one is an error).
HeaderResult parse_yaml_data(std::string_view bytes, bool front_matter = false);

}  // namespace newsnorm
