#pragma once
// The folder walk behind expand_inputs and InputStream (private to the read stage).
#include <string>
#include <vector>

#include "newsnorm/read/input_files.hpp"

namespace newsnorm::read_detail {

// What expanding paths gave: the inputs, the roots that exist, what was skipped.
struct Expansion {
  std::vector<Input> inputs;
  std::vector<std::string> roots;
  SkipCounts skipped;
};

// Expands one path into `into`. A path that does not exist is a usage failure when `named` (a
// PATH on the command line), else an error in its place (a listed path). Throws FatalError.
void expand_path(const std::string& path, bool named, const WalkOptions& options, Expansion& into);

}  // namespace newsnorm::read_detail
