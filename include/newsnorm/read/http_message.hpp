#pragma once
// HTTP/1.x responses as WARC response records store them: the status line, the header fields and
// the body as it went over the wire, which this undoes (Transfer-Encoding: chunked, then
// Content-Encoding: gzip or deflate). In memory only.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "newsnorm/core/result.hpp"

namespace newsnorm {

struct HeaderField {
  std::string name;  // as written
  std::string value;
};

// "Name: value" lines from `pos` through the blank line that ends them (LF or CRLF), `pos` moved
// past it; folded lines are joined, lines without a colon skipped. False when `text` ends first.
// WARC headers and HTTP headers are both read by it.
bool read_header_fields(std::string_view text, std::size_t& pos, std::vector<HeaderField>& fields);

// The value of the first field named `name` (case-insensitive), trimmed; "" when absent.
std::string_view header_value(const std::vector<HeaderField>& fields, std::string_view name);

// "text/html; charset=UTF-8" -> "text/html" (lower-cased, parameters dropped).
std::string media_type(std::string_view content_type);
// A parameter of a Content-Type, lower-cased and unquoted: ("text/html; charset=\"UTF-8\"", "charset") -> "utf-8".
std::string content_type_parameter(std::string_view content_type, std::string_view parameter);

struct HttpResponse {
  std::string version;  // "HTTP/1.1"
  int status = 0;       // 200
  std::string reason;   // "OK"
  std::vector<HeaderField> headers;
  std::size_t body_offset = 0;  // where the body starts in the parsed block
};

// Reads the status line and header fields at the start of `block` (lines may end in LF alone;
// folded lines are joined). An error when there is no status line or no end of the headers within
// `max_header_bytes`.
Result<HttpResponse> parse_http_response(std::string_view block, std::size_t max_header_bytes);

struct DecodedBody {
  std::string bytes;
  std::vector<std::string> warnings;  // e.g. "says chunked but is not: kept as stored"
};

// The body as the server meant it: chunked transfer coding undone, then gzip or deflate content
// coding, under `max_bytes` decoded. A body that claims chunked coding but is not chunked is kept
// as stored, with a warning (some crawlers store bodies already de-chunked, and keep the header);
// so is one that claims gzip but does not start with gzip's magic. Damaged gzip or deflate data,
// an unknown content coding (br) or more than `max_bytes` is an error.
Result<DecodedBody> decode_http_body(std::string_view body, const std::vector<HeaderField>& headers,
                                     std::uint64_t max_bytes);

// The bytes of a chunked body; nullopt when it is not validly chunked.
std::optional<std::string> dechunk(std::string_view body);

}  // namespace newsnorm
