#include "newsnorm/read/warc.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <charconv>

#include "newsnorm/core/ascii.hpp"

namespace newsnorm {
namespace {

constexpr std::string_view kWarcMagic = "WARC/1.";
constexpr std::size_t kChunk = 64u << 10;

// The length of the header block at the start of `text` (through its blank line), searching from
// `from`; npos when it does not end in `text`. Lines may end in CRLF or, in damaged files, LF.
std::size_t header_end(std::string_view text, std::size_t from) {
  for (auto nl = text.find('\n', from); nl != std::string_view::npos; nl = text.find('\n', nl + 1)) {
    if (nl + 1 < text.size() && text[nl + 1] == '\n') return nl + 2;
    if (nl + 2 < text.size() && text[nl + 1] == '\r' && text[nl + 2] == '\n') return nl + 3;
  }
  return std::string_view::npos;
}

bool is_html_type(std::string_view content_type) {
  const auto type = media_type(content_type);
  return type == "text/html" || type == "application/xhtml+xml";
}

}  // namespace

WarcRecordKind classify(const WarcRecord& record) {
  const std::string_view type = record.type;
  if (type == "warcinfo") return WarcRecordKind::warcinfo;
  if (type == "request") return WarcRecordKind::request;
  if (type == "metadata") return WarcRecordKind::metadata;
  if (type == "revisit") return WarcRecordKind::revisit;
  if (type != "response" && type != "resource") return WarcRecordKind::other;
  if (type == "response" && (!record.http || record.http->status != 200))
    return record.http ? WarcRecordKind::non_200 : WarcRecordKind::non_html;
  const bool html = is_html_type(record.http ? record.http_content_type : record.content_type) ||
                    is_html_type(record.identified_payload_type);
  return html ? WarcRecordKind::html_page : WarcRecordKind::non_html;
}

std::string_view kind_name(WarcRecordKind kind) {
  switch (kind) {
    case WarcRecordKind::html_page: return "html-page";
    case WarcRecordKind::warcinfo: return "warcinfo";
    case WarcRecordKind::request: return "request";
    case WarcRecordKind::metadata: return "metadata";
    case WarcRecordKind::revisit: return "revisit";
    case WarcRecordKind::non_html: return "non-html";
    case WarcRecordKind::non_200: return "non-200";
    case WarcRecordKind::other: break;
  }
  return "other";
}

WarcReader::WarcReader(ByteSource& source, WarcLimits limits) : in_(source), limits_(limits) {}

WarcReader::~WarcReader() = default;

// Makes at least `want` unread bytes buffered; false when the stream ends (or fails: stream_error_)
// first. Moves the unread bytes to the front once per call, never per chunk, so a large block costs
// one copy.
Result<bool> WarcReader::fill(std::size_t want) {
  if (buffer_.size() - pos_ >= want) return true;
  if (pos_ > 0) {
    buffer_.erase(0, pos_);
    base_ += pos_;
    pos_ = 0;
  }
  buffer_.reserve(want);
  while (buffer_.size() < want) {
    if (at_end_) return false;
    const std::size_t old = buffer_.size();
    buffer_.resize(old + kChunk);
    auto n = in_.read(std::span<char>(buffer_.data() + old, kChunk));
    buffer_.resize(old + (n ? n.value() : 0));
    if (!n) return n.error();
    if (n.value() == 0) {
      at_end_ = true;
      return false;
    }
    if (members_.empty() || members_.back().index != in_.member().index) members_.push_back(in_.member());
  }
  return true;
}

void WarcReader::consume(std::size_t count) { pos_ += std::min(count, buffer_.size() - pos_); }

std::uint64_t WarcReader::file_offset(std::uint64_t stream_offset) const {
  if (compression_ == Compression::none) return stream_offset;
  std::uint64_t offset = 0;
  for (const auto& member : members_) {
    if (member.uncompressed_offset > stream_offset) break;
    offset = member.compressed_offset;
  }
  return offset;
}

Diagnostic WarcReader::record_error(const DiagnosticCode& code, const std::string& what) {
  return make_error(code, {}, fmt::format("WARC record at offset {}: {}", last_offset_, what));
}

// The decompressor failed inside the record being read: what was buffered of it is lost; go on at
// the next gzip member when there is one.
bool WarcReader::after_stream_error() {
  at_end_ = !in_.resync();
  base_ = in_.decompressed_bytes();
  buffer_.clear();
  pos_ = 0;
  members_.clear();
  return !at_end_;
}

// Moves to the next `WARC/1.` that opens a line (or a gzip member) at or after `from`, streaming.
void WarcReader::resync(std::uint64_t from) {
  if (from >= base_) pos_ = std::min<std::size_t>(buffer_.size(), from - base_);
  for (;;) {
    const std::string_view view = std::string_view(buffer_).substr(pos_);
    for (auto at = view.find(kWarcMagic); at != std::string_view::npos; at = view.find(kWarcMagic, at + 1)) {
      const std::uint64_t stream = base_ + pos_ + at;
      const bool member_start =
          std::any_of(members_.begin(), members_.end(), [&](const auto& m) { return m.uncompressed_offset == stream; });
      if ((at > 0 && view[at - 1] == '\n') || member_start || stream == 0) {
        pos_ += at;
        return;
      }
    }
    // Keep the bytes a magic cut between two chunks could start in.
    pos_ = std::max(pos_, buffer_.size() - std::min(buffer_.size(), kWarcMagic.size()));
    auto more = fill(buffer_.size() - pos_ + 1);
    if (!more) return;  // the stream error is the next record's
    if (!more.value()) {
      pos_ = buffer_.size();  // no record after the damage
      return;
    }
  }
}

Status WarcReader::skip(std::uint64_t count) {
  while (count > 0) {
    if (pos_ == buffer_.size()) {
      auto more = fill(1);
      if (!more) return more.error();
      if (!more.value()) return make_error(code::read_corrupt, {}, "the file ends inside the record");
    }
    const auto take = static_cast<std::size_t>(std::min<std::uint64_t>(count, buffer_.size() - pos_));
    consume(take);
    count -= take;
  }
  return ok();
}

std::optional<Result<WarcRecord>> WarcReader::next() { return read_record(); }

std::optional<Result<WarcRecord>> WarcReader::read_record() {
  if (!started_) {
    auto detected = in_.detect();
    if (!detected) {
      at_end_ = true;
      return Result<WarcRecord>(detected.error());
    }
    compression_ = detected.value();
  }
  if (resync_from_) {
    resync(*resync_from_);
    resync_from_.reset();
  }
  // A stream error inside a record is that record's error; reading goes on at the next member.
  bool in_record = false;
  const auto stream_failed = [&](Result<bool>& more) -> std::optional<Result<WarcRecord>> {
    if (more.ok()) return std::nullopt;
    // Between records, the damage is in the member that the next record starts in.
    if (!in_record) last_offset_ = in_.member().compressed_offset;
    auto error = record_error(more.error().code ? *more.error().code : code::read_corrupt, more.error().message);
    after_stream_error();
    return Result<WarcRecord>(std::move(error));
  };
  // Blank lines between records: writers differ in how many they leave.
  for (;;) {
    auto more = fill(1);
    if (auto failed = stream_failed(more)) return failed;
    if (!more.value()) return std::nullopt;
    const char c = buffer_[pos_];
    if (c != '\r' && c != '\n') break;
    consume(1);
  }
  // Members wholly before this record are no longer needed to name an offset.
  while (members_.size() >= 2 && members_[1].uncompressed_offset <= stream_position()) members_.erase(members_.begin());
  const std::uint64_t start = stream_position();
  last_offset_ = file_offset(start);
  in_record = true;
  {
    auto more = fill(kWarcMagic.size() + 4);
    if (auto failed = stream_failed(more)) return failed;
  }
  std::string_view view = std::string_view(buffer_).substr(pos_);
  if (!started_) {
    started_ = true;
    if (view.starts_with("filedesc://")) {
      at_end_ = true;
      pos_ = buffer_.size();
      return Result<WarcRecord>(make_error(code::read_format, {},
                                           "an ARC file (the Internet Archive's format before WARC), not WARC: "
                                           "convert it to WARC first"));
    }
  }
  if (!view.starts_with(kWarcMagic)) {
    resync_from_ = start + 1;
    const auto shown = view.substr(0, std::min<std::size_t>(view.find_first_of("\r\n"), 40));
    return Result<WarcRecord>(
        record_error(code::warc_record,
                     fmt::format("no WARC/1.0 or WARC/1.1 line here (found '{}'); skipped to the next record", shown)));
  }
  // The header block, through its blank line.
  std::size_t header_length = std::string_view::npos;
  for (std::size_t searched = 0;;) {
    view = std::string_view(buffer_).substr(pos_);
    header_length = header_end(view.substr(0, limits_.max_header_bytes), searched);
    if (header_length != std::string_view::npos) break;
    if (view.size() >= limits_.max_header_bytes) {
      resync_from_ = start + 1;
      return Result<WarcRecord>(record_error(
          code::limit_header_bytes,
          fmt::format("its header does not end within {} bytes (--max-header-bytes)", limits_.max_header_bytes)));
    }
    searched = view.size() > 3 ? view.size() - 3 : 0;
    auto more = fill(view.size() + 1);
    if (auto failed = stream_failed(more)) return failed;
    if (!more.value()) {
      pos_ = buffer_.size();
      return Result<WarcRecord>(record_error(code::read_corrupt, "the file ends inside the record's header"));
    }
  }
  const std::string_view header = view.substr(0, header_length);
  WarcRecord record;
  record.offset = last_offset_;
  record.stream_offset = start;
  record.version = ascii::trim(header.substr(0, header.find('\n')));
  std::size_t fields_start = header.find('\n') + 1;
  (void)read_header_fields(header, fields_start, record.headers);  // the header's end was found above
  const auto length_text = header_value(record.headers, "Content-Length");
  const auto [end, ec] =
      std::from_chars(length_text.data(), length_text.data() + length_text.size(), record.content_length);
  if (length_text.empty() || ec != std::errc{} || end != length_text.data() + length_text.size()) {
    resync_from_ = start + 1;
    return Result<WarcRecord>(record_error(
        code::warc_record,
        fmt::format("its Content-Length '{}' is not a number of bytes; skipped to the next record", length_text)));
  }
  if (record.content_length > limits_.max_record_bytes) {
    consume(header_length);
    auto skipped = skip(record.content_length);
    if (!skipped) pos_ = buffer_.size();
    return Result<WarcRecord>(
        record_error(code::limit_bytes, fmt::format("its block is {} bytes, more than {} (--max-bytes); skipped",
                                                    record.content_length, limits_.max_record_bytes)));
  }
  // The block and the two CRLF after it: no more, since the next gzip member may be damaged and
  // its damage is the next record's.
  const std::size_t block_end = header_length + static_cast<std::size_t>(record.content_length);
  {
    auto more = fill(block_end + 4);
    if (auto failed = stream_failed(more)) return failed;
  }
  view = std::string_view(buffer_).substr(pos_);
  if (view.size() < block_end) {
    pos_ = buffer_.size();
    return Result<WarcRecord>(record_error(
        code::read_corrupt, fmt::format("the file ends inside the record: its block is {} bytes, {} are there",
                                        record.content_length, view.size() - header_length)));
  }
  std::size_t record_end = block_end + 4;
  if (view.substr(block_end, 4) != "\r\n\r\n") {
    // A block a byte or two off its Content-Length, then the next record (or the end): keep it,
    // with a warning. Anything else means the length cannot be trusted. (A stream error while
    // looking ahead is met again, and reported, by the next record.)
    (void)fill(block_end + 16);
    view = std::string_view(buffer_).substr(pos_);
    std::size_t after = block_end;
    while (after < view.size() && after - block_end <= 8 && (view[after] == '\r' || view[after] == '\n')) ++after;
    const bool next_follows = after == view.size() ? at_end_ : view.substr(after).starts_with(kWarcMagic);
    if (!next_follows || after - block_end > 8) {
      resync_from_ = start + header_length;
      return Result<WarcRecord>(
          record_error(code::warc_record,
                       fmt::format("its block of {} bytes (Content-Length) is not followed by two CRLF: cut short or "
                                   "damaged; skipped to the next record",
                                   record.content_length)));
    }
    record.warnings.push_back(
        fmt::format("WARC record at offset {}: its block is followed by {} line-end bytes instead of two CRLF",
                    last_offset_, after - block_end));
    record_end = after;
  }
  auto parsed = parse_block(std::move(record), view.substr(header_length, block_end - header_length));
  consume(record_end);
  return parsed;
}

Result<WarcRecord> WarcReader::parse_block(WarcRecord record, std::string_view block) {
  record.type = header_value(record.headers, "WARC-Type");
  std::string_view uri = header_value(record.headers, "WARC-Target-URI");
  if (uri.size() >= 2 && uri.front() == '<' && uri.back() == '>') uri = uri.substr(1, uri.size() - 2);
  record.target_uri = uri;
  record.record_id = header_value(record.headers, "WARC-Record-ID");
  record.date = header_value(record.headers, "WARC-Date");
  record.content_type = header_value(record.headers, "Content-Type");
  record.identified_payload_type = header_value(record.headers, "WARC-Identified-Payload-Type");
  const bool http = media_type(record.content_type) == "application/http" &&
                    (record.type == "response" || record.type == "revisit") &&
                    content_type_parameter(record.content_type, "msgtype") != "request";
  if (!http) {
    record.charset = content_type_parameter(record.content_type, "charset");
    record.payload = block;
    return record;
  }
  auto response = parse_http_response(block, limits_.max_header_bytes);
  if (!response) {
    // A revisit may hold the headers alone, or nothing; it has no payload to lose.
    if (record.type == "revisit") return record;
    return record_error(response.error().code ? *response.error().code : code::warc_record, response.error().message);
  }
  record.http_content_type = header_value(response->headers, "Content-Type");
  record.charset = content_type_parameter(record.http_content_type, "charset");
  const auto body = block.substr(response->body_offset);
  record.http = std::move(response.value());
  if (record.type == "revisit") return record;
  auto decoded = decode_http_body(body, record.http->headers, limits_.max_record_bytes);
  if (!decoded)
    return record_error(decoded.error().code ? *decoded.error().code : code::warc_record, decoded.error().message);
  record.payload = std::move(decoded->bytes);
  for (auto& warning : decoded->warnings)
    record.warnings.push_back(fmt::format("WARC record at offset {}: {}", last_offset_, warning));
  return record;
}

}  // namespace newsnorm
