#include "newsnorm/read/http_message.hpp"

#include <fmt/format.h>
#include <charconv>

#include "newsnorm/core/ascii.hpp"
#include "newsnorm/read/decompress.hpp"

namespace newsnorm {
namespace {

// The line at `pos` without its LF or CRLF; `pos` moves past it. False at the end of `text`
// without a line end.
bool next_line(std::string_view text, std::size_t& pos, std::string_view& line) {
  const auto end = text.find('\n', pos);
  if (end == std::string_view::npos) return false;
  line = text.substr(pos, end - pos);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  pos = end + 1;
  return true;
}

}  // namespace

bool read_header_fields(std::string_view text, std::size_t& pos, std::vector<HeaderField>& fields) {
  std::string_view line;
  for (;;) {
    if (!next_line(text, pos, line)) return false;
    if (line.empty()) return true;
    if ((line.front() == ' ' || line.front() == '\t') && !fields.empty()) {
      fields.back().value += ' ';
      fields.back().value += ascii::trim(line);
      continue;
    }
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) continue;  // not a field; servers send such lines, browsers skip them
    fields.push_back(
        {std::string(ascii::trim(line.substr(0, colon))), std::string(ascii::trim(line.substr(colon + 1)))});
  }
}

std::string_view header_value(const std::vector<HeaderField>& fields, std::string_view name) {
  for (const auto& field : fields) {
    if (field.name.size() == name.size() && ascii::to_lower(field.name) == ascii::to_lower(name)) return field.value;
  }
  return {};
}

std::string media_type(std::string_view content_type) {
  return ascii::to_lower(ascii::trim(content_type.substr(0, content_type.find(';'))));
}

std::string content_type_parameter(std::string_view content_type, std::string_view parameter) {
  std::size_t pos = content_type.find(';');
  while (pos != std::string_view::npos) {
    const auto next = content_type.find(';', pos + 1);
    const auto part = content_type.substr(pos + 1, next == std::string_view::npos ? next : next - pos - 1);
    const auto eq = part.find('=');
    if (eq != std::string_view::npos && ascii::to_lower(ascii::trim(part.substr(0, eq))) == parameter) {
      auto value = ascii::trim(part.substr(eq + 1));
      if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
      return ascii::to_lower(value);
    }
    pos = next;
  }
  return {};
}

Result<HttpResponse> parse_http_response(std::string_view block, std::size_t max_header_bytes) {
  const auto head = block.substr(0, max_header_bytes);
  HttpResponse response;
  std::size_t pos = 0;
  std::string_view line;
  if (!next_line(head, pos, line) || !line.starts_with("HTTP/"))
    return make_error(code::warc_record, {}, "the HTTP response has no status line (HTTP/1.1 200 OK)");
  const auto space = line.find(' ');
  response.version = std::string(line.substr(0, space));
  const auto rest = space == std::string_view::npos ? std::string_view{} : ascii::trim(line.substr(space + 1));
  const auto [end, ec] =
      std::from_chars(rest.data(), rest.data() + std::min<std::size_t>(rest.size(), 3), response.status);
  if (ec != std::errc{} || end != rest.data() + 3)
    return make_error(code::warc_record, {}, fmt::format("the HTTP status line '{}' has no status code", line));
  response.reason = std::string(ascii::trim(rest.substr(3)));
  if (!read_header_fields(head, pos, response.headers))
    return make_error(code::warc_record, {},
                      fmt::format("the HTTP headers do not end within {} bytes", max_header_bytes));
  response.body_offset = pos;
  return response;
}

std::optional<std::string> dechunk(std::string_view body) {
  std::string out;
  std::size_t pos = 0;
  std::string_view line;
  for (;;) {
    if (!next_line(body, pos, line)) return std::nullopt;
    const auto digits = ascii::trim(line.substr(0, line.find(';')));  // chunk extensions are ignored
    std::uint64_t size = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), size, 16);
    if (digits.empty() || ec != std::errc{} || end != digits.data() + digits.size()) return std::nullopt;
    if (size == 0) return out;  // trailer fields, if any, are not the body
    if (size > body.size() - pos) return std::nullopt;
    out.append(body.substr(pos, size));
    pos += size;
    // The CRLF after a chunk; a missing one at the very end is forgiven.
    if (body.substr(pos, 2) == "\r\n") {
      pos += 2;
    } else if (body.substr(pos, 1) == "\n") {
      pos += 1;
    } else if (pos != body.size()) {
      return std::nullopt;
    } else {
      return out;
    }
  }
}

Result<DecodedBody> decode_http_body(std::string_view body, const std::vector<HeaderField>& headers,
                                     std::uint64_t max_bytes) {
  DecodedBody decoded;
  std::string dechunked;
  if (ascii::to_lower(header_value(headers, "Transfer-Encoding")).find("chunked") != std::string::npos) {
    if (auto bytes = dechunk(body)) {
      dechunked = std::move(*bytes);
      body = dechunked;
    } else {
      decoded.warnings.push_back("the body says Transfer-Encoding: chunked but is not chunked; kept as stored");
    }
  }
  const std::string encoding = ascii::to_lower(header_value(headers, "Content-Encoding"));
  if (encoding.empty() || encoding == "identity" || body.empty()) {
    if (body.size() > max_bytes)
      return make_error(code::limit_bytes, {}, fmt::format("the HTTP body is more than {} bytes", max_bytes));
    decoded.bytes = dechunked.empty() ? std::string(body) : std::move(dechunked);
    return decoded;
  }
  std::optional<Compression> known;
  if (encoding == "gzip" || encoding == "x-gzip") {
    known = Compression::gzip;
    if (detect_compression(body) != Compression::gzip) {
      decoded.warnings.push_back("the body says Content-Encoding: gzip but is not gzip; kept as stored");
      decoded.bytes = std::string(body);
      return decoded;
    }
  } else if (encoding == "deflate") {
    known = Compression::deflate;
  } else {
    return make_error(code::warc_record, {},
                      fmt::format("the HTTP body's Content-Encoding '{}' is not read", encoding));
  }
  auto bytes = decompress_all(body, max_bytes, known);
  if (!bytes) {
    auto error = std::move(bytes.error());
    error.message = fmt::format("the HTTP body's Content-Encoding {}: {}", encoding, error.message);
    return error;
  }
  decoded.bytes = std::move(bytes.value());
  return decoded;
}

}  // namespace newsnorm
