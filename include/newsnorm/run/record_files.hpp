#pragma once
// Reads newsnorm records back: JSON Lines files, folders of them (every *.jsonl below, in path
// order), or standard input ("-"), a batch of lines at a time (`newsnorm stories` reads the outputs
// of shards this way, and works on batches in parallel).
#include <cstdint>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "newsnorm/core/diagnostic.hpp"

namespace newsnorm {

struct RecordLine {
  std::size_t number = 0;               // 1-based
  std::optional<std::uint64_t> offset;  // of the line in its file; none for standard input
  std::string text;                     // without its line ending; blank lines are skipped
};

// Lines of one file, or why the file could not be read.
struct RecordBatch {
  std::string path;
  std::vector<RecordLine> lines;
  std::optional<Diagnostic> error;
};

class RecordFileReader {
 public:
  explicit RecordFileReader(std::vector<std::string> paths);
  // The next lines of the current file (at most `max_lines`), or the next file's error; nullopt at
  // the end.
  std::optional<RecordBatch> next(std::size_t max_lines);
  // The size of the files to read (standard input not counted), to foresee how many records come.
  std::uint64_t file_bytes() const { return file_bytes_; }

 private:
  bool open_next();                   // false when no file is left
  std::vector<std::string> pending_;  // in reverse order, folders expanded
  std::uint64_t file_bytes_ = 0;
  std::string path_;
  std::unique_ptr<std::ifstream> file_;
  std::istream* in_ = nullptr;
  std::optional<Diagnostic> error_;
  std::size_t number_ = 0;
  std::uint64_t offset_ = 0;
};

}  // namespace newsnorm
