#pragma once
// Lines held back until a run is over (the story stage needs every record before it can write the
// first), in an unlinked temporary file rather than in memory: a million records cost disk pages
// the kernel may drop, not resident memory.
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace newsnorm {

class LineSpool {
 public:
  LineSpool();  // throws FatalError (output) when no temporary file can be made
  ~LineSpool();
  LineSpool(const LineSpool&) = delete;
  LineSpool& operator=(const LineSpool&) = delete;

  std::size_t append(std::string_view line);  // returns the line's index
  void read(std::size_t index, std::string& out);
  std::size_t size() const { return offsets_.size(); }

 private:
  void fail(const char* what);
  std::FILE* file_ = nullptr;
  std::vector<std::uint64_t> offsets_;  // start of each line; one more: the end
  bool writing_ = true;
  std::uint64_t read_at_ = 0;  // where the next read starts without a seek
};

}  // namespace newsnorm
