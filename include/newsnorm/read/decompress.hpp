#pragma once
// Compressed input: gzip, zstd, bzip2 and xz, told apart by their magic bytes (never by the file's
// name), decompressed as a stream of chunks pulled from a ByteSource, under a hard budget on the
// bytes they decompress to. The inner name (`a.html.gz` -> `a.html`) is what decides the article
// format afterwards. Nothing here needs the file system: a MemorySource feeds it in tests.
#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "newsnorm/core/result.hpp"

namespace newsnorm {

// Where bytes come from, a chunk at a time.
class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Up to out.size() bytes into `out`; 0 only at the end. An error says what failed.
  virtual Result<std::size_t> read(std::span<char> out) = 0;
};

// Bytes already in memory (tests, a file read whole). The bytes must outlive the source.
class MemorySource final : public ByteSource {
 public:
  explicit MemorySource(std::string_view bytes) : bytes_(bytes) {}
  Result<std::size_t> read(std::span<char> out) override;

 private:
  std::string_view bytes_;
  std::size_t pos_ = 0;
};

// An open file descriptor, read with read(2) (a pipe or standard input too). Does not close it;
// `name` is how errors name it.
class FdSource final : public ByteSource {
 public:
  FdSource(int fd, std::string name) : fd_(fd), name_(std::move(name)) {}
  Result<std::size_t> read(std::span<char> out) override;

 private:
  int fd_;
  std::string name_;
};

// deflate (zlib-wrapped or raw, as HTTP's Content-Encoding: deflate is sent) has no magic bytes:
// it is never detected, only asked for.
enum class Compression { none, gzip, zstd, bzip2, xz, deflate };

// The compression whose magic bytes `head` starts with (6 bytes suffice); none for anything else.
Compression detect_compression(std::string_view head);
std::string_view compression_name(Compression compression);  // "gzip", "zstd", "bzip2", "xz", "deflate", "none"
// The name without its compression suffix (.gz, .zst, .bz2, .xz): "a.warc.gz" -> "a.warc".
std::string_view inner_name(std::string_view name);

struct DecompressOptions {
  // The budget on decompressed bytes (--max-bytes for one article; a WARC reader bounds records
  // itself and leaves this open). Past it, read() fails with code limit.bytes.
  std::uint64_t max_bytes = std::numeric_limits<std::uint64_t>::max();
  std::size_t chunk_bytes = 64u << 10;  // compressed bytes pulled from the source at a time
  std::optional<Compression> known;     // the compression, when the caller knows it (deflate)
};

// One gzip member (a zstd frame, a bzip2 stream; all of an xz file): where it starts among the
// compressed bytes and where its bytes start in the decompressed stream. Common Crawl writes one
// gzip member per WARC record, so a member's offset is the record's address in the file.
struct CompressedMember {
  std::uint64_t compressed_offset = 0;
  std::uint64_t uncompressed_offset = 0;
  std::uint64_t index = 0;  // 0 for the first
};

// Decompressed bytes of a source, itself a ByteSource. Uncompressed input passes through (under
// the same budget). Corrupt or cut-short data is an error naming the compressed byte offset; the
// decoders' memory is bounded (zstd windows up to 128 MiB, xz up to 256 MiB) whatever the input.
class Decompressor final : public ByteSource {
 public:
  explicit Decompressor(ByteSource& source, DecompressOptions options = {});
  ~Decompressor() override;
  Decompressor(const Decompressor&) = delete;
  Decompressor& operator=(const Decompressor&) = delete;

  // Decompressed bytes, never from two members in one call, so member() names their member.
  Result<std::size_t> read(std::span<char> out) override;
  // Reads the first bytes to tell the compression (read() does so itself).
  Result<Compression> detect();
  // The member of the bytes the last read() returned.
  const CompressedMember& member() const { return member_; }
  std::uint64_t compressed_bytes_read() const { return in_base_ + in_begin_; }
  std::uint64_t decompressed_bytes() const { return produced_; }
  // After read() failed on corrupt gzip data: go on at the next gzip member after the damage.
  // False when there is none (or the input is not gzip); read() then returns 0.
  bool resync();

  struct Codec;  // one per compression, in decompress.cpp

 private:
  Result<std::size_t> fail(Diagnostic error);
  Result<bool> refill();

  ByteSource& source_;
  DecompressOptions options_;
  std::unique_ptr<Codec> codec_;
  Compression compression_ = Compression::none;
  bool detected_ = false;
  std::string in_;  // compressed bytes [in_begin_, in_end_) not yet decoded
  std::size_t in_begin_ = 0, in_end_ = 0;
  std::uint64_t in_base_ = 0;  // compressed offset of in_[0]
  bool source_done_ = false;
  bool member_open_ = false;  // inside a member (false: between members, or before the first)
  bool finished_ = false;
  std::optional<Diagnostic> failed_;
  CompressedMember member_;
  std::uint64_t produced_ = 0;
  std::uint64_t members_ = 0;
};

// A whole compressed text decompressed in memory under `max_bytes`: one article file, or an HTTP
// body (`known`: its Content-Encoding).
Result<std::string> decompress_all(std::string_view bytes, std::uint64_t max_bytes,
                                   std::optional<Compression> known = std::nullopt);

}  // namespace newsnorm
