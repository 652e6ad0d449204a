#pragma once
// Reads newsnorm records back: JSON Lines files, folders of them (every *.jsonl below, in path
// order), or standard input ("-"). `newsnorm stories` reads the outputs of shards this way.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "newsnorm/core/diagnostic.hpp"

namespace newsnorm {

// Called for each non-blank line: the file, the 1-based line number, the line (without newline).
using RecordLineVisitor = std::function<void(const std::string& path, std::size_t line, std::string_view text)>;
// Called for what cannot be read at all (a missing file): the path and the error.
using RecordFileError = std::function<void(const std::string& path, const Diagnostic& error)>;

void read_record_files(const std::vector<std::string>& paths, const RecordLineVisitor& visit,
                       const RecordFileError& fail);

}  // namespace newsnorm
