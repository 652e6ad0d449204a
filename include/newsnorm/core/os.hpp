#pragma once
// The system calls that make output and state durable, behind one seam so tests can make them fail
// (ENOSPC, EIO, short writes, EINTR) at a chosen call, as fmt's posix-mock does. Production code
// calls os(); the base class makes the real calls. A test derives from Os, overrides what it wants
// to break (calling Os:: for the rest) and installs it with a ScopedOs for the length of a scope.
//
// The installed Os is a plain global: install it before the code under test starts its threads, and
// keep it until they have finished (ScopedOs in the test's scope does both).
#include <sys/types.h>

#include <cstddef>
#include <cstdint>

namespace newsnorm {

class Os {
 public:
  virtual ~Os() = default;
  virtual int open(const char* path, int flags, mode_t mode);
  virtual int mkstemp(char* pattern);
  virtual ssize_t write(int fd, const void* data, std::size_t size);
  virtual ssize_t pread(int fd, void* data, std::size_t size, off_t offset);
  virtual ssize_t pwrite(int fd, const void* data, std::size_t size, off_t offset);
  virtual off_t lseek(int fd, off_t offset, int whence);
  virtual int fsync(int fd);
  virtual int fchmod(int fd, mode_t mode);
  virtual int close(int fd);
  virtual int rename(const char* from, const char* to);
  virtual int unlink(const char* path);
  virtual int flock(int fd, int operation);
};

// pread or pwrite of all `length` bytes at `offset`, again where a signal interrupted the call or it
// did part; false on an error (errno says which) or an early end of the file (errno 0).
bool read_fully_at(int fd, void* data, std::size_t length, std::uint64_t offset);
bool write_fully_at(int fd, const void* data, std::size_t length, std::uint64_t offset);

// The Os in use: the real one unless a ScopedOs has replaced it.
Os& os();

// Replaces the Os for its lifetime, then puts the previous one back. Not for concurrent use.
class ScopedOs {
 public:
  explicit ScopedOs(Os& replacement);
  ~ScopedOs();
  ScopedOs(const ScopedOs&) = delete;
  ScopedOs& operator=(const ScopedOs&) = delete;

 private:
  Os* previous_;
};

}  // namespace newsnorm
