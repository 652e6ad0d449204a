#include "newsnorm/read/decompress.hpp"

#include <bzlib.h>
#include <fmt/format.h>
#include <lzma.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>
#include <algorithm>
#include <cerrno>
#include <cstring>

#include "newsnorm/core/ascii.hpp"

namespace newsnorm {

Result<std::size_t> MemorySource::read(std::span<char> out) {
  const std::size_t n = std::min(out.size(), bytes_.size() - pos_);
  std::memcpy(out.data(), bytes_.data() + pos_, n);
  pos_ += n;
  return n;
}

Result<std::size_t> FdSource::read(std::span<char> out) {
  for (;;) {
    const ssize_t n = ::read(fd_, out.data(), out.size());
    if (n >= 0) return static_cast<std::size_t>(n);
    if (errno == EINTR) continue;
    return make_error(code::read_failed, {}, fmt::format("cannot read {}: {}", name_, std::strerror(errno)));
  }
}

Compression detect_compression(std::string_view head) {
  const auto starts = [&](std::string_view magic) { return head.substr(0, magic.size()) == magic; };
  if (starts("\x1f\x8b\x08")) return Compression::gzip;
  if (starts("\x28\xb5\x2f\xfd")) return Compression::zstd;
  // A zstd file may open with a skippable frame: magic 0x184D2A50..5F, little-endian.
  if (head.size() >= 4 && (static_cast<unsigned char>(head[0]) & 0xf0) == 0x50 && head.substr(1, 3) == "\x2a\x4d\x18")
    return Compression::zstd;
  if (starts("BZh") && head.size() >= 4 && head[3] >= '1' && head[3] <= '9') return Compression::bzip2;
  if (starts(std::string_view("\xfd"
                              "7zXZ\0",
                              6)))
    return Compression::xz;
  return Compression::none;
}

std::string_view compression_name(Compression compression) {
  switch (compression) {
    case Compression::gzip: return "gzip";
    case Compression::zstd: return "zstd";
    case Compression::bzip2: return "bzip2";
    case Compression::xz: return "xz";
    case Compression::deflate: return "deflate";
    case Compression::none: break;
  }
  return "none";
}

std::string_view inner_name(std::string_view name) {
  for (std::string_view suffix : {".gz", ".zst", ".bz2", ".xz"}) {
    if (name.size() > suffix.size() && ascii::equals_ignoring_case(name.substr(name.size() - suffix.size()), suffix))
      return name.substr(0, name.size() - suffix.size());
  }
  return name;
}

// One decoder per compression behind one small interface, so that the loop in read() (members,
// budget, truncation, offsets) is written once.
struct Decompressor::Codec {
  struct Step {
    std::size_t consumed = 0;
    std::size_t produced = 0;
    bool member_end = false;
    std::string error;  // non-empty: the data is corrupt
  };
  virtual ~Codec() = default;
  virtual void start_member() = 0;
  virtual Step run(std::string_view in, std::span<char> out, bool input_ends) = 0;
};

namespace {

using Codec = Decompressor::Codec;

class PlainCodec final : public Codec {
 public:
  void start_member() override {}
  Step run(std::string_view in, std::span<char> out, bool input_ends) override {
    const std::size_t n = std::min(in.size(), out.size());
    std::memcpy(out.data(), in.data(), n);
    return {n, n, input_ends && n == in.size(), {}};
  }
};

// gzip members, and HTTP's deflate: zlib-wrapped as RFC 9110 says, or raw as many servers send it
// (told apart by the zlib header's check bits on the first two bytes).
class ZlibCodec final : public Codec {
 public:
  explicit ZlibCodec(bool gzip) : gzip_(gzip) {}
  ~ZlibCodec() override {
    if (ok_) inflateEnd(&z_);
  }
  void start_member() override {
    if (ok_) inflateReset(&z_);
  }
  Step run(std::string_view in, std::span<char> out, bool input_ends) override {
    if (!started_) {
      if (!gzip_ && in.size() < 2 && !input_ends) return {};
      started_ = true;
      ok_ = inflateInit2(&z_, gzip_ ? 16 + MAX_WBITS : (zlib_header(in) ? MAX_WBITS : -MAX_WBITS)) == Z_OK;
    }
    if (!ok_) return {0, 0, false, "zlib could not start"};
    z_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    z_.avail_in = static_cast<uInt>(in.size());
    z_.next_out = reinterpret_cast<Bytef*>(out.data());
    z_.avail_out = static_cast<uInt>(out.size());
    const int rc = inflate(&z_, Z_NO_FLUSH);
    Step step{in.size() - z_.avail_in, out.size() - z_.avail_out, rc == Z_STREAM_END, {}};
    if (rc == Z_NEED_DICT) step.error = "the deflate data needs a preset dictionary";
    if (rc == Z_DATA_ERROR || rc == Z_MEM_ERROR || rc == Z_STREAM_ERROR) step.error = z_.msg ? z_.msg : "bad data";
    return step;
  }

 private:
  static bool zlib_header(std::string_view in) {
    if (in.size() < 2) return false;
    const auto b0 = static_cast<unsigned char>(in[0]), b1 = static_cast<unsigned char>(in[1]);
    return (b0 & 0x0f) == Z_DEFLATED && (b0 * 256 + b1) % 31 == 0;
  }
  z_stream z_{};
  bool gzip_;
  bool started_ = false;
  bool ok_ = false;
};

class ZstdCodec final : public Codec {
 public:
  ZstdCodec() : ctx_(ZSTD_createDCtx()) {
    // 2^27 = 128 MiB of window at most, the library's own default ceiling, said here on purpose.
    if (ctx_) ZSTD_DCtx_setParameter(ctx_, ZSTD_d_windowLogMax, 27);
  }
  ~ZstdCodec() override { ZSTD_freeDCtx(ctx_); }
  void start_member() override {
    if (ctx_) ZSTD_DCtx_reset(ctx_, ZSTD_reset_session_only);
  }
  Step run(std::string_view in, std::span<char> out, bool) override {
    if (!ctx_) return {0, 0, false, "zstd could not start"};
    ZSTD_inBuffer input{in.data(), in.size(), 0};
    ZSTD_outBuffer output{out.data(), out.size(), 0};
    const std::size_t rc = ZSTD_decompressStream(ctx_, &output, &input);
    Step step{input.pos, output.pos, false, {}};
    if (ZSTD_isError(rc)) {
      step.error = ZSTD_getErrorName(rc);
    } else {
      step.member_end = rc == 0;
    }
    return step;
  }

 private:
  ZSTD_DCtx* ctx_;
};

class Bzip2Codec final : public Codec {
 public:
  ~Bzip2Codec() override { end(); }
  void start_member() override {
    end();
    started_ = BZ2_bzDecompressInit(&s_, 0, 0) == BZ_OK;
  }
  Step run(std::string_view in, std::span<char> out, bool) override {
    if (!started_) return {0, 0, false, "bzip2 could not start"};
    s_.next_in = const_cast<char*>(in.data());
    s_.avail_in = static_cast<unsigned>(in.size());
    s_.next_out = out.data();
    s_.avail_out = static_cast<unsigned>(out.size());
    const int rc = BZ2_bzDecompress(&s_);
    Step step{in.size() - s_.avail_in, out.size() - s_.avail_out, rc == BZ_STREAM_END, {}};
    if (rc == BZ_DATA_ERROR || rc == BZ_DATA_ERROR_MAGIC) step.error = "bad bzip2 data";
    if (rc == BZ_MEM_ERROR) step.error = "out of memory";
    if (rc == BZ_PARAM_ERROR) step.error = "bzip2 rejected its parameters";
    return step;
  }

 private:
  void end() {
    if (started_) BZ2_bzDecompressEnd(&s_);
    started_ = false;
    s_ = bz_stream{};
  }
  bz_stream s_{};
  bool started_ = false;
};

class XzCodec final : public Codec {
 public:
  static constexpr std::uint64_t kMemoryLimit = 256u << 20;
  ~XzCodec() override { lzma_end(&s_); }
  void start_member() override {
    lzma_end(&s_);
    s_ = LZMA_STREAM_INIT;
    started_ = lzma_stream_decoder(&s_, kMemoryLimit, LZMA_CONCATENATED) == LZMA_OK;
  }
  Step run(std::string_view in, std::span<char> out, bool input_ends) override {
    if (!started_) return {0, 0, false, "xz could not start"};
    s_.next_in = reinterpret_cast<const std::uint8_t*>(in.data());
    s_.avail_in = in.size();
    s_.next_out = reinterpret_cast<std::uint8_t*>(out.data());
    s_.avail_out = out.size();
    const lzma_ret rc = lzma_code(&s_, input_ends ? LZMA_FINISH : LZMA_RUN);
    Step step{in.size() - s_.avail_in, out.size() - s_.avail_out, rc == LZMA_STREAM_END, {}};
    if (rc == LZMA_MEMLIMIT_ERROR) step.error = "it needs more than 256 MiB of memory to decode";
    if (rc == LZMA_FORMAT_ERROR || rc == LZMA_OPTIONS_ERROR || rc == LZMA_DATA_ERROR) step.error = "bad xz data";
    if (rc == LZMA_MEM_ERROR) step.error = "out of memory";
    return step;
  }

 private:
  lzma_stream s_ = LZMA_STREAM_INIT;
  bool started_ = false;
};

std::unique_ptr<Codec> make_codec(Compression compression) {
  switch (compression) {
    case Compression::gzip: return std::make_unique<ZlibCodec>(true);
    case Compression::deflate: return std::make_unique<ZlibCodec>(false);
    case Compression::zstd: return std::make_unique<ZstdCodec>();
    case Compression::bzip2: return std::make_unique<Bzip2Codec>();
    case Compression::xz: return std::make_unique<XzCodec>();
    case Compression::none: break;
  }
  return std::make_unique<PlainCodec>();
}

constexpr std::string_view kGzipMagic = "\x1f\x8b\x08";

}  // namespace

Decompressor::Decompressor(ByteSource& source, DecompressOptions options) : source_(source), options_(options) {
  options_.chunk_bytes = std::max<std::size_t>(options_.chunk_bytes, 16);
}

Decompressor::~Decompressor() = default;

Result<std::size_t> Decompressor::fail(Diagnostic error) {
  failed_ = error;
  return error;
}

// Pulls one more chunk after what is left; false when the source has ended.
Result<bool> Decompressor::refill() {
  if (in_begin_ > 0) {
    in_.erase(0, in_begin_);
    in_base_ += in_begin_;
    in_begin_ = 0;
  }
  const std::size_t old = in_.size();
  in_.resize(old + options_.chunk_bytes);
  auto n = source_.read(std::span<char>(in_.data() + old, options_.chunk_bytes));
  in_.resize(old + (n ? n.value() : 0));
  if (!n) return n.error();
  if (n.value() == 0) source_done_ = true;
  return n.value() > 0;
}

Result<Compression> Decompressor::detect() {
  if (detected_) return compression_;
  while (in_.size() - in_begin_ < 6 && !source_done_) {
    auto more = refill();
    if (!more) return more.error();
  }
  compression_ = options_.known ? *options_.known : detect_compression(std::string_view(in_).substr(in_begin_));
  codec_ = make_codec(compression_);
  detected_ = true;
  return compression_;
}

Result<std::size_t> Decompressor::read(std::span<char> out) {
  if (failed_) return *failed_;
  if (!detected_) {
    auto detected = detect();
    if (!detected) return fail(detected.error());
  }
  if (finished_ || out.empty()) return std::size_t{0};
  // Never decode more than one byte past the budget, so a bomb costs no more than its budget.
  const std::uint64_t room = options_.max_bytes - produced_;
  if (room < out.size()) out = out.first(static_cast<std::size_t>(room) + 1);
  const auto name = compression_name(compression_);
  for (;;) {
    if (in_begin_ == in_.size() && !source_done_) {
      auto more = refill();
      if (!more) return fail(more.error());
    }
    if (!member_open_) {
      if (in_begin_ == in_.size() && source_done_) {
        finished_ = true;
        return std::size_t{0};
      }
      if (compression_ == Compression::gzip && members_ > 0) {
        while (in_.size() - in_begin_ < kGzipMagic.size() && !source_done_) {
          auto more = refill();
          if (!more) return fail(more.error());
        }
        if (std::string_view(in_).substr(in_begin_, kGzipMagic.size()) != kGzipMagic)
          return fail(make_error(code::read_corrupt, {},
                                 fmt::format("the bytes at offset {} after the last gzip member are not gzip data",
                                             compressed_bytes_read())));
      }
      member_ = {compressed_bytes_read(), produced_, members_++};
      member_open_ = true;
      codec_->start_member();
    }
    const auto step = codec_->run(std::string_view(in_).substr(in_begin_), out, source_done_);
    in_begin_ += step.consumed;
    produced_ += step.produced;
    if (!step.error.empty())
      return fail(make_error(code::read_corrupt, {},
                             fmt::format("corrupt {} data at byte offset {} (member at offset {}): {}", name,
                                         compressed_bytes_read(), member_.compressed_offset, step.error)));
    if (produced_ > options_.max_bytes)
      return fail(make_error(
          code::limit_bytes, {},
          fmt::format("decompresses to more than {} bytes (--max-bytes); a decompression bomb?", options_.max_bytes)));
    if (step.member_end) member_open_ = false;
    if (step.produced > 0) return step.produced;
    if (step.member_end) continue;
    if (in_begin_ == in_.size()) {
      if (!source_done_) continue;
      return fail(make_error(code::read_corrupt, {},
                             fmt::format("the {} data is cut short: it ends at byte offset {}, inside the member "
                                         "that starts at offset {}",
                                         name, compressed_bytes_read(), member_.compressed_offset)));
    }
    if (step.consumed == 0)
      return fail(make_error(
          code::read_corrupt, {},
          fmt::format("corrupt {} data at byte offset {}: the decoder cannot go on", name, compressed_bytes_read())));
  }
}

bool Decompressor::resync() {
  if (!failed_) return true;
  failed_.reset();
  member_open_ = false;
  if (compression_ == Compression::gzip) {
    for (;;) {
      const auto at = std::string_view(in_).find(kGzipMagic, in_begin_);
      if (at != std::string_view::npos) {
        in_begin_ = at;
        return true;
      }
      // Keep the last two bytes: a magic number may be cut between two chunks.
      in_begin_ = std::max(in_begin_, in_.size() - std::min<std::size_t>(in_.size(), kGzipMagic.size() - 1));
      if (source_done_) break;
      auto more = refill();
      if (!more || !more.value()) break;
    }
  }
  finished_ = true;
  return false;
}

Result<std::string> decompress_all(std::string_view bytes, std::uint64_t max_bytes, std::optional<Compression> known) {
  MemorySource source(bytes);
  Decompressor decompressor(source, {.max_bytes = max_bytes, .known = known});
  std::string out;
  for (;;) {
    const std::size_t old = out.size();
    out.resize(old + (64u << 10));
    auto n = decompressor.read(std::span<char>(out.data() + old, 64u << 10));
    if (!n) return n.error();
    out.resize(old + n.value());
    if (n.value() == 0) return out;
  }
}

}  // namespace newsnorm
