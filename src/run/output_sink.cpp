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

OutputSink::OutputSink(const std::string& path, mode_t mode) : path_(path.empty() ? "-" : path) {
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
  const std::filesystem::path target(path_);
  std::string pattern = folder_of(path_) + "/." + target.filename().string() + ".tmp.XXXXXX";
  fd_ = os().mkstemp(pattern.data());
  if (fd_ < 0) fail("cannot create a temporary file beside", path_);
  temp_path_ = pattern;
  os().fchmod(fd_, mode);
}

OutputSink::~OutputSink() {
  if (fd_ > 2) os().close(fd_);
  if (!committed_ && !temp_path_.empty()) os().unlink(temp_path_.c_str());
}

void OutputSink::write_all(std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t wrote = os().write(fd_, bytes.data(), bytes.size());
    if (wrote < 0) {
      if (errno == EINTR) continue;
      fail("cannot write", path_ == "-" ? std::string("standard output") : path_);
    }
    bytes.remove_prefix(static_cast<std::size_t>(wrote));
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
  if (os().rename(temp_path_.c_str(), path_.c_str()) != 0) fail("cannot rename the temporary file onto", path_);
  committed_ = true;
  // Sync the folder too, so the rename itself survives a crash. The new file is in place by now and
  // cannot be taken back, but a caller must not count it durable (a --state must not advance) when
  // this fails: a crash could still undo the rename.
  const std::string folder = folder_of(path_);
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

}  // namespace newsnorm
