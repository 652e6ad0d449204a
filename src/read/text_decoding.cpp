#include "newsnorm/read/text_decoding.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <fmt/format.h>

namespace newsnorm {
namespace {

constexpr std::size_t kSniffBytes = 8192;

// Windows-1252's 0x80..0x9F; the five bytes it leaves undefined map to the C1 controls
// of the same value, as browsers' decoders do, so no byte is lost.
constexpr std::array<char16_t, 32> kCp1252High = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};


bool looks_binary(std::string_view bytes, std::string& why) {
  const std::string_view head = bytes.substr(0, kSniffBytes);
  if (const auto nul = head.find('\0'); nul != std::string_view::npos) {
    why = fmt::format("binary file: NUL byte at offset {}", nul);
    return true;
  }
  std::size_t controls = 0;
  for (const char c : head) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != '\v' && c != '\x1b')
      ++controls;
  }
  if (!head.empty() && controls * 10 > head.size()) {
    why = fmt::format("binary file: {} of the first {} bytes are control characters", controls,
                      head.size());
    return true;
  }
  return false;
}

void decode_cp1252(std::string_view bytes, std::string& out) {
  out.clear();
  out.reserve(bytes.size() + bytes.size() / 4);
  for (const char c : bytes) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x80)
      out.push_back(c);
    else if (u < 0xA0)
      append_utf8(out, kCp1252High[u - 0x80]);
    else
      append_utf8(out, u);
  }
}

}  // namespace


Result<DecodedText> decode_text(std::string_view bytes, std::string& scratch) {
  DecodedText decoded;
  if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF"))
    return make_error(code::read_utf16, {1, 1}, "UTF-16 text is not supported: convert the file to UTF-8 (iconv -f UTF-16 -t UTF-8)");
  if (std::string why; looks_binary(bytes, why))
    return make_error(code::read_binary, {1, 1}, why + "; newsnorm reads text articles only");
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);

  std::string_view text = bytes;
  if (const auto bad = find_invalid_utf8(bytes); bad != std::string_view::npos) {
    const Position where = position_of_offset(bytes, bad);
    decoded.warnings.push_back(make_warning(
        code::read_encoding, where, fmt::format("not valid UTF-8 (byte 0x{:02X}); the file was decoded as Windows-1252",
                           static_cast<unsigned char>(bytes[bad]))));
    decode_cp1252(bytes, scratch);
    text = scratch;
  }
  if (text.find("\r\n") != std::string_view::npos) {
    std::string unix_text;
    unix_text.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i)
      if (!(text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n')) unix_text.push_back(text[i]);
    scratch = std::move(unix_text);
    text = scratch;
  }
  decoded.text = text;
  return decoded;
}

}  // namespace newsnorm
