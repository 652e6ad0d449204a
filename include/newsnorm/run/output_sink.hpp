#pragma once
// Where records go: standard output, or a file written atomically (a temporary file in the same
// folder, synced and renamed into place on commit), so a reader never sees half a file and a
// failed run leaves the old file as it was.
#include <sys/types.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "newsnorm/core/result.hpp"

namespace newsnorm {

// Opened by whoever starts a run and written by the run stage, whose functions throw the FatalError of
// a failed write to run_batch, which returns it. write_file_atomically() is the one-call form.
class OutputSink {
 public:
  // "-" or "" means standard output. A file written anew gets `mode` (a file `fix` rewrites keeps its own).
  static FatalResult<std::unique_ptr<OutputSink>> open(const std::string& path, mode_t mode = 0644);
  ~OutputSink();  // without commit(), a temporary file is removed and the target left alone
  OutputSink(const OutputSink&) = delete;
  OutputSink& operator=(const OutputSink&) = delete;

  void write(std::string_view bytes);  // buffered; large writes go straight through
  void flush();
  // Flushes, syncs and renames into place: prepare() then publish(). Throws FatalError (output)
  // when any of it fails.
  void commit();
  // The two halves, for a run with a state, which records the rename before it makes it (see
  // StateStore::stage_publication): prepare() makes the temporary file durable, publish() renames
  // it into place. Standard output is flushed and synced by prepare(); publish() does nothing.
  void prepare();
  void publish();
  // The temporary file outlives this sink even without publish(): the state has recorded it, and
  // the next run finishes the rename.
  void keep_temporary();
  const std::string& path() const { return path_; }
  bool is_stdout() const { return fd_ == 1; }

  // A temporary file of its own (a file named by the caller): what was written can be read again and
  // rewritten before commit(). The story stage writes records here as they come, then adds the
  // story fields in place, instead of holding them in a spool and writing them all a second time.
  bool rewritable() const { return !temp_path_.empty(); }
  const std::string& temporary_path() const { return temp_path_; }
  std::uint64_t size() const { return written_ + buffer_.size(); }  // bytes written so far
  // Rewrites the lines written so far in place: line k (old_lengths[k] bytes, newline included, in
  // order from the start of the file) becomes `edit(k, line)`, of final_lengths[k] bytes, never fewer
  // than old_lengths[k]. Worked from the end in blocks, so no byte is overwritten before it is read;
  // every page is in the cache already, where a second copy would take as many new ones.
  using LineEdit = std::function<void(std::size_t index, std::string& line)>;
  void grow_lines_in_place(std::span<const std::uint32_t> old_lengths, std::span<const std::uint32_t> final_lengths,
                           const LineEdit& edit);
  // Begins the file again in a new temporary file; the old one stays readable at its path until
  // this sink is gone. Only when rewritable().
  void restart();

 private:
  friend FatalStatus write_file_atomically(const std::string& path, std::string_view bytes, mode_t mode);
  OutputSink(const std::string& path, mode_t mode);
  void write_all(std::string_view bytes);
  void open_temporary();

  std::string path_;
  std::string temp_path_;
  std::vector<std::string> old_temp_paths_;  // from restart(), removed with the sink
  int fd_ = -1;
  mode_t mode_ = 0644;
  bool committed_ = false;
  std::string buffer_;
  std::uint64_t written_ = 0;
};

// Renames a durable temporary file onto `target` and syncs the folder. Throws FatalError (output).
void rename_into_place(const std::string& temporary, const std::string& target);

// `bytes` as the whole new content of `path`, atomically (OutputSink: temporary file, sync, rename).
FatalStatus write_file_atomically(const std::string& path, std::string_view bytes, mode_t mode = 0644);

}  // namespace newsnorm
