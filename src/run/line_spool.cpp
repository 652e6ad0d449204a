#include "newsnorm/run/line_spool.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>
#include <lz4.h>

#include "newsnorm/core/byte_packing.hpp"
#include "newsnorm/core/os.hpp"
#include "newsnorm/core/result.hpp"

namespace newsnorm {

LineSpool::LineSpool() : file_(std::tmpfile()) {
  if (!file_) fail("cannot make a temporary file to hold the records (set TMPDIR to a writable folder)");
  // Records are 5 KB and more: stdio's 4 KB buffer would cost two writes a record.
  std::setvbuf(file_, nullptr, _IOFBF, kBufferBytes);
}

LineSpool::~LineSpool() {
  if (file_) std::fclose(file_);
  for (const int fd : descriptors_)
    if (fd >= 0) ::close(fd);
}

void LineSpool::fail(const std::string& what, const std::string& path) {
  const int error = errno;
  throw FatalError(FatalKind::output, code::output_failed, path,
                   error ? fmt::format("{}: {}", what, std::strerror(error)) : what, error);
}

PackedLine PackedLine::pack(std::string_view line) {
  // A line is one record, far below LZ4's 2 GB limit (the input limits bound it).
  const int length = static_cast<int>(line.size());
  Packer packed;
  packed.put(static_cast<std::uint32_t>(line.size()));
  const std::size_t head = packed.out.size();
  packed.out.resize(head + static_cast<std::size_t>(LZ4_compressBound(length)));
  const int wrote =
      LZ4_compress_default(line.data(), packed.out.data() + head, length, static_cast<int>(packed.out.size() - head));
  packed.out.resize(head + static_cast<std::size_t>(wrote));
  return PackedLine{std::move(packed.out)};
}

std::size_t LineSpool::put(std::string_view bytes, std::uint32_t kind) {
  errno = 0;
  if (std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size()) fail("cannot write the record spool");
  entries_.push_back({end_, static_cast<std::uint32_t>(bytes.size()), kind});
  end_ += bytes.size();
  unflushed_ = true;
  return entries_.size() - 1;
}

std::size_t LineSpool::append(std::string_view line) { return put(line, kSpool); }
std::size_t LineSpool::append(const PackedLine& line) { return put(line.bytes, kPacked); }

std::optional<std::uint32_t> LineSpool::add_file(std::string path) {
  if (files_.size() >= kMaxFiles) return std::nullopt;
  files_.push_back(std::move(path));
  descriptors_.push_back(-1);
  return static_cast<std::uint32_t>(files_.size() - 1);
}

std::size_t LineSpool::refer(std::uint32_t file, std::uint64_t offset, std::uint32_t length) {
  entries_.push_back({offset, length, file});
  return entries_.size() - 1;
}

void LineSpool::read_at(int fd, std::uint64_t offset, char* out, std::size_t length, const std::string& path) {
  if (read_fully_at(fd, out, length, offset)) return;
  if (path.empty()) fail("cannot read the record spool back");
  fail(fmt::format("cannot read {} again (was it changed or truncated while newsnorm read it?)", path), path);
}

void LineSpool::read_spooled(const Entry& entry, std::string& out) {
  errno = 0;
  if (unflushed_ && std::fflush(file_) != 0) fail("cannot write the record spool");
  unflushed_ = false;
  // Lines read back in the order they were written go through a buffer of many lines; a line
  // read out of order is read alone (story lines read their members story by story).
  const std::uint64_t end = entry.offset + entry.length;
  const bool in_order = entry.offset == read_end_;
  read_end_ = end;
  const bool buffered = entry.offset >= buffer_at_ && end <= buffer_at_ + buffer_.size();
  if (!buffered && (!in_order || entry.length > kBufferBytes)) {
    out.resize(entry.length);
    return read_at(fileno(file_), entry.offset, out.data(), out.size(), "");
  }
  if (!buffered) {
    buffer_.resize(static_cast<std::size_t>(std::min<std::uint64_t>(kBufferBytes, end_ - entry.offset)));
    buffer_at_ = entry.offset;
    read_at(fileno(file_), buffer_at_, buffer_.data(), buffer_.size(), "");
  }
  out.assign(buffer_, static_cast<std::size_t>(entry.offset - buffer_at_), entry.length);
}

void LineSpool::read(std::size_t index, std::string& out) {
  const Entry entry = entries_.at(index);
  if (entry.file == kSpool) return read_spooled(entry, out);
  if (entry.file == kPacked) {
    read_spooled(entry, packed_);
    std::uint32_t length = 0;
    Unpacker head(packed_);
    const bool sized = head.get(length);
    const std::size_t block = sizeof(length);
    out.resize(length);
    const int got = sized ? LZ4_decompress_safe(packed_.data() + block, out.data(),
                                                static_cast<int>(packed_.size() - block), static_cast<int>(length))
                          : -1;
    if (got < 0 || static_cast<std::uint32_t>(got) != length) {
      errno = 0;
      fail("the record spool was damaged (a packed line does not unpack)");
    }
    return;
  }
  int& fd = descriptors_.at(entry.file);
  const std::string& path = files_[entry.file];
  if (fd < 0 && (fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC)) < 0)
    fail(fmt::format("cannot read {} again", path), path);
  out.resize(entry.length + 1);
  read_at(fd, entry.offset, out.data(), entry.length, path);
  out.back() = '\n';
}

}  // namespace newsnorm
