#pragma once
// WARC 1.0 and 1.1 archives (.warc, .warc.gz with one gzip member per record or the whole file in
// one, and the other compressions of read/decompress.hpp), streamed a record at a time with
// memory bounded by the limits, whatever the file's size. A damaged record is one error naming its
// offset; reading resumes at the next record (the next `WARC/1.` line, or the next gzip member).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "newsnorm/core/result.hpp"
#include "newsnorm/read/decompress.hpp"
#include "newsnorm/read/http_message.hpp"

namespace newsnorm {

struct WarcLimits {
  // A record's header block, and the HTTP headers in a response (--max-header-bytes).
  std::size_t max_header_bytes = 1u << 20;
  // A record's block and its decoded payload (--max-bytes): a larger record is an error for that
  // record alone, and its bytes are skipped without being held.
  std::uint64_t max_record_bytes = 16u << 20;
};

struct WarcRecord {
  // Where the record starts: its byte offset in an uncompressed file; in a compressed one the
  // compressed offset of the gzip member (zstd frame...) holding its first byte, which is what a
  // CDX index or a range request names. `stream_offset` is its offset in the decompressed stream.
  std::uint64_t offset = 0;
  std::uint64_t stream_offset = 0;
  std::string version;       // "WARC/1.0", "WARC/1.1"
  std::string type;          // WARC-Type: "response", "request", "warcinfo", "metadata", "revisit", "resource"...
  std::string target_uri;    // WARC-Target-URI, without the <...> wget 1.x wrote around it
  std::string record_id;     // WARC-Record-ID, "<urn:uuid:...>"
  std::string date;          // WARC-Date as written (RFC 3339)
  std::string content_type;  // Content-Type of the block, as written
  std::string identified_payload_type;  // WARC-Identified-Payload-Type, as written
  std::uint64_t content_length = 0;     // of the block
  std::vector<HeaderField> headers;     // every WARC header field, in order

  // For a response (and a revisit) whose Content-Type is application/http: the HTTP response.
  std::optional<HttpResponse> http;
  std::string http_content_type;  // the HTTP Content-Type, as written
  std::string charset;            // its charset parameter, lower-cased; "" when none
  // The HTTP body with chunked transfer coding and gzip/deflate content coding undone; for a
  // record that holds no HTTP message, its block.
  std::string payload;
  std::vector<std::string> warnings;  // doubts that did not stop the record (a stray byte after it...)
};

// What a record is to a reader of pages: an HTML page with HTTP 200 (a response record of status
// 200, or a resource record, whose HTTP Content-Type, block Content-Type or
// WARC-Identified-Payload-Type is text/html or application/xhtml+xml), or why it is not one.
enum class WarcRecordKind { html_page, warcinfo, request, metadata, revisit, non_html, non_200, other };
WarcRecordKind classify(const WarcRecord& record);
// "html-page", "warcinfo", "request", "metadata", "revisit", "non-html", "non-200", "other": the summary's counts.
std::string_view kind_name(WarcRecordKind kind);

class WarcReader {
 public:
  explicit WarcReader(ByteSource& source, WarcLimits limits = {});
  ~WarcReader();
  WarcReader(const WarcReader&) = delete;
  WarcReader& operator=(const WarcReader&) = delete;

  // The next record; an error (code warc.record, read.corrupt, limit.bytes, read.format) for one
  // damaged or oversized record, after which the next call goes on with the records after it; or
  // nullopt at the end. An ARC file is one read.format error, then the end.
  std::optional<Result<WarcRecord>> next();
  // The offset (as WarcRecord::offset) of the record next() returned last, an error's too.
  std::uint64_t last_offset() const { return last_offset_; }
  // The compression the file turned out to have.
  Compression compression() const { return compression_; }

 private:
  Result<bool> fill(std::size_t want);
  void consume(std::size_t count);
  std::uint64_t stream_position() const { return base_ + pos_; }
  std::uint64_t file_offset(std::uint64_t stream_offset) const;
  std::optional<Result<WarcRecord>> read_record();
  Result<WarcRecord> parse_block(WarcRecord record, std::string_view block);
  Diagnostic record_error(const DiagnosticCode& code, const std::string& what);
  bool after_stream_error();
  void resync(std::uint64_t from);
  Status skip(std::uint64_t count);

  Decompressor in_;
  WarcLimits limits_;
  Compression compression_ = Compression::none;
  std::string buffer_;  // decompressed bytes; [pos_, size) not yet read
  std::size_t pos_ = 0;
  std::uint64_t base_ = 0;                 // stream offset of buffer_[0]
  std::vector<CompressedMember> members_;  // members whose bytes are in buffer_ or after it
  bool at_end_ = false;
  bool started_ = false;
  std::optional<std::uint64_t> resync_from_;  // a damaged record was met: look for the next one from here
  std::uint64_t last_offset_ = 0;
};

}  // namespace newsnorm
