#include "newsnorm/run/line_spool.hpp"

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "newsnorm/core/result.hpp"

namespace newsnorm {

LineSpool::LineSpool() : file_(std::tmpfile()), offsets_{0} {
  if (!file_) fail("cannot make a temporary file to hold the records (set TMPDIR to a writable folder)");
}

LineSpool::~LineSpool() {
  if (file_) std::fclose(file_);
}

void LineSpool::fail(const char* what) {
  const int error = errno;
  throw FatalError(FatalKind::output, code::output_failed, "", fmt::format("{}: {}", what, std::strerror(error)),
                   error);
}

std::size_t LineSpool::append(std::string_view line) {
  if (!writing_) {
    if (std::fseek(file_, static_cast<long>(offsets_.back()), SEEK_SET) != 0) fail("cannot write the record spool");
    writing_ = true;
  }
  if (std::fwrite(line.data(), 1, line.size(), file_) != line.size()) fail("cannot write the record spool");
  offsets_.push_back(offsets_.back() + line.size());
  return offsets_.size() - 2;
}

void LineSpool::read(std::size_t index, std::string& out) {
  const std::uint64_t begin = offsets_.at(index), end = offsets_.at(index + 1);
  out.resize(end - begin);
  if (writing_ && std::fflush(file_) != 0) fail("cannot write the record spool");
  // Reading lines in order is the common case: no seek, which would drop stdio's buffer.
  if ((writing_ || begin != read_at_) && std::fseek(file_, static_cast<long>(begin), SEEK_SET) != 0)
    fail("cannot read the record spool back");
  writing_ = false;
  if (std::fread(out.data(), 1, out.size(), file_) != out.size()) fail("cannot read the record spool back");
  read_at_ = end;
}

}  // namespace newsnorm
