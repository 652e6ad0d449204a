#include "newsnorm/core/os.hpp"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

namespace newsnorm {
namespace {

Os real_os;
Os* current = &real_os;

// Through os(), so that tests can make any read or write of the output fail or fall short.
template <typename Io, typename Byte>
bool fully_at(Io io, int fd, Byte* data, std::size_t length, std::uint64_t offset) {
  for (std::size_t done = 0; done < length;) {
    errno = 0;
    const ssize_t n = io(os(), fd, data + done, length - done, static_cast<off_t>(offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace

bool read_fully_at(int fd, void* data, std::size_t length, std::uint64_t offset) {
  return fully_at([](Os& o, int f, char* d, std::size_t n, off_t at) { return o.pread(f, d, n, at); }, fd,
                  static_cast<char*>(data), length, offset);
}

bool write_fully_at(int fd, const void* data, std::size_t length, std::uint64_t offset) {
  return fully_at([](Os& o, int f, const char* d, std::size_t n, off_t at) { return o.pwrite(f, d, n, at); }, fd,
                  static_cast<const char*>(data), length, offset);
}

int Os::open(const char* path, int flags, mode_t mode) { return ::open(path, flags, mode); }
int Os::mkstemp(char* pattern) { return ::mkstemp(pattern); }
ssize_t Os::write(int fd, const void* data, std::size_t size) { return ::write(fd, data, size); }
ssize_t Os::pread(int fd, void* data, std::size_t size, off_t offset) { return ::pread(fd, data, size, offset); }
ssize_t Os::pwrite(int fd, const void* data, std::size_t size, off_t offset) {
  return ::pwrite(fd, data, size, offset);
}
off_t Os::lseek(int fd, off_t offset, int whence) { return ::lseek(fd, offset, whence); }
int Os::fsync(int fd) { return ::fsync(fd); }
int Os::fchmod(int fd, mode_t mode) { return ::fchmod(fd, mode); }
int Os::close(int fd) { return ::close(fd); }
int Os::rename(const char* from, const char* to) { return ::rename(from, to); }
int Os::unlink(const char* path) { return ::unlink(path); }
int Os::flock(int fd, int operation) { return ::flock(fd, operation); }

Os& os() { return *current; }

ScopedOs::ScopedOs(Os& replacement) : previous_(current) { current = &replacement; }
ScopedOs::~ScopedOs() { current = previous_; }

}  // namespace newsnorm
