#include "newsnorm/run/output_sink.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <utility>

#include <fmt/format.h>

#include "newsnorm/core/os.hpp"

namespace newsnorm {
namespace {

constexpr std::size_t kBufferBytes = 1 << 20;

// Reads errno first: building the message may change it.
[[noreturn]] void fail(const std::string& what, const std::string& path) {
  const int error = errno;
  throw FatalError(FatalKind::output, code::output_failed, path,
                   fmt::format("{} {}: {}", what, path, std::strerror(error)), error);
}

std::string folder_of(const std::string& path) {
  const std::filesystem::path target(path);
  return target.has_parent_path() ? target.parent_path().string() : ".";
}

// fsync, again when a signal interrupted it.
int sync_fd(int fd) {
  int result;
  do result = os().fsync(fd);
  while (result != 0 && errno == EINTR);
  return result;
}

}  // namespace

FatalResult<std::unique_ptr<OutputSink>> OutputSink::open(const std::string& path, mode_t mode) {
  return catch_failure([&] { return std::unique_ptr<OutputSink>(new OutputSink(path, mode)); });
}

FatalStatus write_file_atomically(const std::string& path, std::string_view bytes, mode_t mode) {
  return catch_failure([&] {
    OutputSink sink(path, mode);
    sink.write(bytes);
    sink.commit();
  });
}

OutputSink::OutputSink(const std::string& path, mode_t mode) : path_(path.empty() ? "-" : path), mode_(mode) {
  buffer_.reserve(kBufferBytes);
  if (path_ == "-") {
    fd_ = 1;
    return;
  }
  // Share the open stream (and its offset) rather than reopen it from the start.
  if (path_ == "/dev/stdout" || path_ == "/dev/stderr") {
    fd_ = ::dup(path_ == "/dev/stdout" ? 1 : 2);
    if (fd_ < 0) fail("cannot open", path_);
    return;
  }
  // A device or pipe (/dev/stderr, a FIFO) cannot be renamed onto: write to it directly.
  struct stat info {};
  if (path_.starts_with("/dev/") || (::stat(path_.c_str(), &info) == 0 && !S_ISREG(info.st_mode))) {
    do fd_ = os().open(path_.c_str(), O_WRONLY | O_CLOEXEC, 0);
    while (fd_ < 0 && errno == EINTR);
    if (fd_ < 0) fail("cannot open", path_);
    return;
  }
  open_temporary();
}

void OutputSink::open_temporary() {
  const std::filesystem::path target(path_);
  std::string pattern = folder_of(path_) + "/." + target.filename().string() + ".tmp.XXXXXX";
  fd_ = os().mkstemp(pattern.data());
  if (fd_ < 0) fail("cannot create a temporary file beside", path_);
  temp_path_ = pattern;
  os().fchmod(fd_, mode_);
}

OutputSink::~OutputSink() {
  if (fd_ > 2) os().close(fd_);
  if (!committed_ && !temp_path_.empty()) os().unlink(temp_path_.c_str());
  for (const std::string& old : old_temp_paths_) os().unlink(old.c_str());
}

void OutputSink::restart() {
  if (!rewritable()) throw std::logic_error("OutputSink::restart on a stream");
  flush();
  os().close(fd_);
  old_temp_paths_.push_back(std::move(temp_path_));
  temp_path_.clear();
  written_ = 0;
  open_temporary();
}

void OutputSink::grow_lines_in_place(std::span<const std::uint32_t> old_lengths,
                                     std::span<const std::uint32_t> final_lengths, const LineEdit& edit) {
  if (!rewritable() || old_lengths.size() != final_lengths.size())
    throw std::logic_error("OutputSink::grow_lines_in_place on a stream, or with lengths that do not pair");
  flush();
  std::uint64_t old_end = 0, new_end = 0;
  for (std::size_t k = 0; k < old_lengths.size(); ++k) {
    if (final_lengths[k] < old_lengths[k]) throw std::logic_error("OutputSink::grow_lines_in_place: a line shrinks");
    old_end += old_lengths[k], new_end += final_lengths[k];
  }
  if (old_end != written_) throw std::logic_error("OutputSink::grow_lines_in_place: lengths do not add up to the file");
  constexpr std::uint64_t kBlockBytes = 4 << 20;
  std::string block, line, grown;
  for (std::size_t last = old_lengths.size(); last > 0;) {
    // Lines [first, last): about kBlockBytes of the file, read at once, written at once further on.
    std::size_t first = last;
    std::uint64_t old_bytes = 0, new_bytes = 0;
    while (first > 0 && (old_bytes == 0 || old_bytes + old_lengths[first - 1] <= kBlockBytes))
      --first, old_bytes += old_lengths[first], new_bytes += final_lengths[first];
    block.resize(old_bytes);
    if (!read_fully_at(fd_, block.data(), old_bytes, old_end - old_bytes)) fail("cannot read back", temp_path_);
    grown.clear();
    for (std::size_t k = first, at = 0; k < last; at += old_lengths[k], ++k) {
      line.assign(block, at, old_lengths[k]);
      edit(k, line);
      if (line.size() != final_lengths[k])
        throw std::logic_error("OutputSink::grow_lines_in_place: a line of another length");
      grown += line;
    }
    // Never before the old start of these lines (lines only grow), and ending where the lines after
    // them, moved already, begin.
    if (!write_fully_at(fd_, grown.data(), new_bytes, new_end - new_bytes)) fail("cannot write", temp_path_);
    old_end -= old_bytes, new_end -= new_bytes, last = first;
  }
  written_ = 0;
  for (const std::uint32_t length : final_lengths) written_ += length;
  if (os().lseek(fd_, static_cast<off_t>(written_), SEEK_SET) < 0) fail("cannot seek in", temp_path_);
}

void OutputSink::write_all(std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t wrote = os().write(fd_, bytes.data(), bytes.size());
    if (wrote < 0) {
      if (errno == EINTR) continue;
      fail("cannot write", path_ == "-" ? std::string("standard output") : path_);
    }
    bytes.remove_prefix(static_cast<std::size_t>(wrote));
    written_ += static_cast<std::uint64_t>(wrote);
  }
}

void OutputSink::write(std::string_view bytes) {
  if (buffer_.size() + bytes.size() > kBufferBytes) flush();
  if (bytes.size() >= kBufferBytes) return write_all(bytes);
  buffer_.append(bytes);
}

void OutputSink::flush() {
  write_all(buffer_);
  buffer_.clear();
}

void OutputSink::commit() {
  prepare();
  publish();
}

void OutputSink::prepare() {
  flush();
  if (temp_path_.empty()) {
    // Standard output or a device: sync when it is a file; a pipe or terminal cannot be (EINVAL).
    if (sync_fd(fd_) != 0 && errno != EINVAL && errno != EROFS && errno != ENOTSUP)
      fail("cannot sync", path_ == "-" ? std::string("standard output") : path_);
    return;
  }
  if (sync_fd(fd_) != 0) fail("cannot sync", temp_path_);
  const int fd = std::exchange(fd_, -1);
  // On Linux an interrupted close has still closed the file, and its bytes are already synced.
  if (os().close(fd) != 0 && errno != EINTR) fail("cannot close", temp_path_);
}

void OutputSink::publish() {
  if (temp_path_.empty()) return;
  rename_into_place(temp_path_, path_);
  committed_ = true;
}

void rename_into_place(const std::string& temporary, const std::string& target) {
  if (os().rename(temporary.c_str(), target.c_str()) != 0) fail("cannot rename the temporary file onto", target);
  // Sync the folder too, so the rename itself survives a crash. The new file is in place by now and
  // cannot be taken back, but a caller must not count it durable when this fails: a crash could
  // still undo the rename.
  const std::string folder = folder_of(target);
  // A folder that cannot be read (mode -wx) or a file system that cannot sync folders is the
  // best that can be done; anything else is a failure.
  const int dir = os().open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  if (dir < 0) {
    if (errno == EACCES || errno == EPERM) return;
    fail("cannot open the folder", folder);
  }
  if (sync_fd(dir) != 0 && errno != EINVAL && errno != EROFS && errno != ENOTSUP) {
    const int error = errno;
    os().close(dir);
    errno = error;
    fail("cannot sync the folder", folder);
  }
  os().close(dir);
}

void OutputSink::keep_temporary() { committed_ = true; }

}  // namespace newsnorm
