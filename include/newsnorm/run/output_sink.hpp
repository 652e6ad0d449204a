#pragma once
// Where records go: standard output, or a file written atomically (a temporary file in the same
// folder, synced and renamed into place on commit), so a reader never sees half a file and a
// failed run leaves the old file as it was.
#include <sys/types.h>

#include <stdexcept>
#include <string>
#include <string_view>

#include "newsnorm/core/result.hpp"

namespace newsnorm {

class OutputSink {
 public:
  // "-" or "" means standard output. A file written anew gets `mode` (a file `fix` rewrites keeps its own).
  explicit OutputSink(const std::string& path, mode_t mode = 0644);
  ~OutputSink();  // without commit(), a temporary file is removed and the target left alone
  OutputSink(const OutputSink&) = delete;
  OutputSink& operator=(const OutputSink&) = delete;

  void write(std::string_view bytes);  // buffered; large writes go straight through
  void flush();
  // Flushes, syncs and renames into place. Throws FatalError (output) when any of it fails.
  void commit();
  const std::string& path() const { return path_; }
  bool is_stdout() const { return fd_ == 1; }

 private:
  void write_all(std::string_view bytes);

  std::string path_;
  std::string temp_path_;
  int fd_ = -1;
  bool committed_ = false;
  std::string buffer_;
};

}  // namespace newsnorm
