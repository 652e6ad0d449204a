#pragma once
// Lines held back until a run is over (the story stage needs every record before it can write the
// first), in an unlinked temporary file rather than in memory: a million records cost disk pages
// the kernel may drop, not resident memory. A line that already sits in a file that stays as it is
// for the run (a record file `newsnorm stories` reads) is kept as where it is, not copied.
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace newsnorm {

// A line compressed for the spool (LZ4, 2.3 times smaller on records), made on the worker that
// made the line: the one thread that appends to the spool then copies a third of the bytes, and a
// million records take 2.4 GB of page cache instead of 5.5 GB, beside the input and the output.
struct PackedLine {
  std::string bytes;  // the line's length (4 bytes, little-endian), then the LZ4 block
  static PackedLine pack(std::string_view line);
};

class LineSpool {
 public:
  LineSpool();  // throws FatalError (output) when no temporary file can be made
  ~LineSpool();
  LineSpool(const LineSpool&) = delete;
  LineSpool& operator=(const LineSpool&) = delete;

  std::size_t append(std::string_view line);   // returns the line's index
  std::size_t append(const PackedLine& line);  // read() gives the line unpacked
  // Files lines may be referred to in; each stays open from its first read to the end.
  static constexpr std::size_t kMaxFiles = 256;
  // The file's number for refer(), or nullopt when kMaxFiles are known already (copy its lines).
  std::optional<std::uint32_t> add_file(std::string path);
  // A line of `length` bytes at `offset` in a file from add_file(); read() gives it with a newline.
  std::size_t refer(std::uint32_t file, std::uint64_t offset, std::uint32_t length);
  bool referred(std::size_t index) const { return entries_.at(index).file < kPacked; }
  const std::string& file_of(std::size_t index) const { return files_.at(entries_.at(index).file); }
  static constexpr std::uint32_t kSpool = 0xffffffff;
  static constexpr std::uint32_t kPacked = 0xfffffffe;
  // Where a line is: for a referred one, its file's number, offset and length (without the newline).
  struct Entry {
    std::uint64_t offset;
    std::uint32_t length;
    std::uint32_t file;  // kSpool, kPacked: in the spool's own file (as it is, or packed)
  };
  const Entry& where(std::size_t index) const { return entries_.at(index); }
  // Throws FatalError (output) when the line cannot be read back.
  void read(std::size_t index, std::string& out);
  std::size_t size() const { return entries_.size(); }

 private:
  [[noreturn]] void fail(const std::string& what, const std::string& path = "");
  std::size_t put(std::string_view bytes, std::uint32_t kind);
  void read_spooled(const Entry& entry, std::string& out);
  void read_at(int fd, std::uint64_t offset, char* out, std::size_t length, const std::string& path);
  std::FILE* file_ = nullptr;
  static constexpr std::size_t kBufferBytes = 1 << 20;
  std::uint64_t end_ = 0;  // bytes written to the spool's file
  std::string buffer_;     // bytes of the spool's file from buffer_at_, for reading back
  std::string packed_;     // a packed line read back, before it is unpacked
  std::uint64_t buffer_at_ = 0;
  std::uint64_t read_end_ = 0;  // where the last line read ended
  bool unflushed_ = false;
  std::vector<Entry> entries_;
  std::vector<std::string> files_;
  std::vector<int> descriptors_;  // -1 until first read
};

}  // namespace newsnorm
