#include "newsnorm/run/output_sink.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include <fmt/format.h>

namespace newsnorm {
namespace {

constexpr std::size_t kBufferBytes = 1 << 20;

[[noreturn]] void fail(const std::string& what, const std::string& path) {
  throw FatalError(FatalKind::output, code::output_failed, path,
                   fmt::format("{} {}: {}", what, path, std::strerror(errno)), errno);
}

}  // namespace

OutputSink::OutputSink(const std::string& path) : path_(path.empty() ? "-" : path) {
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
    fd_ = ::open(path_.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd_ < 0) fail("cannot open", path_);
    return;
  }
  const std::filesystem::path target(path_);
  const std::string folder = target.has_parent_path() ? target.parent_path().string() : ".";
  std::string pattern = folder + "/." + target.filename().string() + ".tmp.XXXXXX";
  fd_ = ::mkstemp(pattern.data());
  if (fd_ < 0) fail("cannot create a temporary file beside", path_);
  temp_path_ = pattern;
  ::fchmod(fd_, 0644);
}

OutputSink::~OutputSink() {
  if (fd_ > 2) ::close(fd_);
  if (!committed_ && !temp_path_.empty()) ::unlink(temp_path_.c_str());
}

void OutputSink::write_all(std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t wrote = ::write(fd_, bytes.data(), bytes.size());
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
    if (::fsync(fd_) != 0 && errno != EINVAL && errno != EROFS && errno != ENOTSUP)
      fail("cannot sync", path_ == "-" ? std::string("standard output") : path_);
    return;
  }
  if (::fsync(fd_) != 0) fail("cannot sync", temp_path_);
  if (::close(fd_) != 0) {
    fd_ = -1;
    fail("cannot close", temp_path_);
  }
  fd_ = -1;
  if (::rename(temp_path_.c_str(), path_.c_str()) != 0) fail("cannot rename the temporary file onto", path_);
  committed_ = true;
  // Sync the folder too, so the rename itself survives a crash.
  const std::filesystem::path target(path_);
  const std::string folder = target.has_parent_path() ? target.parent_path().string() : ".";
  if (const int dir = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
}


}  // namespace newsnorm
