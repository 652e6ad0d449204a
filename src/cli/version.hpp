#pragma once
// What newsnorm was built with: its own version and those of the libraries it links, for
// `newsnorm --version` and bug reports.
#include <string>
#include <utility>
#include <vector>

namespace newsnorm {

// {library, version} in a fixed order. Runtime versions where the library reports one (so a
// shared library upgraded since the build shows its real version), else the headers' version.
std::vector<std::pair<std::string, std::string>> library_versions();

// "newsnorm X.Y.Z" and one "  library version" line per library.
std::string version_text();

}  // namespace newsnorm
