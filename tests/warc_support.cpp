#include "warc_support.hpp"

#include <fmt/format.h>
#include <array>

namespace newsnorm::test {

std::string warc_record(std::string_view type, std::string_view uri, std::string_view content_type,
                        std::string_view block, std::string_view extra_fields) {
  static int serial = 0;
  std::string out = fmt::format(
      "WARC/1.0\r\nWARC-Type: {}\r\nWARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-{:012}>\r\n"
      "WARC-Date: 2024-05-01T12:00:00Z\r\n",
      type, ++serial);
  if (!uri.empty()) out += fmt::format("WARC-Target-URI: {}\r\n", uri);
  if (!content_type.empty()) out += fmt::format("Content-Type: {}\r\n", content_type);
  out += extra_fields;
  out += fmt::format("Content-Length: {}\r\n\r\n", block.size());
  out += block;
  out += "\r\n\r\n";
  return out;
}

std::string http_response(int status, std::string_view fields, std::string_view body) {
  return fmt::format("HTTP/1.1 {} {}\r\n{}\r\n", status, status == 200 ? "OK" : "Not Found", fields) +
         std::string(body);
}

std::string chunked(std::string_view body) {
  static constexpr std::array<std::size_t, 4> kSizes = {1, 7, 100, 4096};
  std::string out;
  for (std::size_t pos = 0, i = 0; pos < body.size(); ++i) {
    const auto size = std::min(kSizes[i % kSizes.size()], body.size() - pos);
    out += i % 5 == 3 ? fmt::format("{:X};name=value\r\n", size) : fmt::format("{:x}\r\n", size);
    out += body.substr(pos, size);
    out += "\r\n";
    pos += size;
  }
  return out + "0\r\n\r\n";
}

}  // namespace newsnorm::test
