#include "newsnorm/read/text_decoding.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <array>
#include <cstring>
#include <vector>

namespace newsnorm {
namespace {

constexpr std::size_t kSniffBytes = 8192;

// Windows-1252's 0x80..0x9F; the five bytes it leaves undefined map to the C1 controls
// of the same value, as browsers' decoders do, so no byte is lost.
constexpr std::array<char16_t, 32> kCp1252High = {0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                                  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
                                                  0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                                  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

bool looks_binary(std::string_view bytes, std::string& why) {
  const std::string_view head = bytes.substr(0, kSniffBytes);
  if (const auto nul = head.find('\0'); nul != std::string_view::npos) {
    why = fmt::format("binary file: NUL byte at offset {}", nul);
    return true;
  }
  std::size_t controls = 0;
  for (const char c : head) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != '\v' && c != '\x1b') ++controls;
  }
  if (!head.empty() && controls * 10 > head.size()) {
    why = fmt::format("binary file: {} of the first {} bytes are control characters", controls, head.size());
    return true;
  }
  return false;
}

void append_cp1252(std::string& out, unsigned char byte) {
  if (byte < 0x80)
    out.push_back(static_cast<char>(byte));
  else if (byte < 0xA0)
    append_utf8(out, kCp1252High[byte - 0x80]);
  else
    append_utf8(out, byte);
}

// Keeps every well-formed UTF-8 sequence as it is and reads each byte that belongs to none as
// Windows-1252: one stray byte from a Windows editor must not turn every correct "é" into "Ã©".
// `lines` gets the 1-based lines that held such bytes, each once.
void decode_mixed(std::string_view bytes, std::size_t first_bad, std::string& out, std::vector<int>& lines) {
  out.clear();
  out.reserve(bytes.size() + bytes.size() / 8);
  out.append(bytes.substr(0, first_bad));
  int line =
      1 + static_cast<int>(std::count(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(first_bad), '\n'));
  for (std::size_t i = first_bad; i < bytes.size();) {
    const auto byte = static_cast<unsigned char>(bytes[i]);
    if (byte < 0x80) {
      if (byte == '\n') ++line;
      out.push_back(bytes[i++]);
      continue;
    }
    char32_t cp = 0;
    if (const std::size_t length = decode_utf8(bytes, i, cp); length > 0) {
      out.append(bytes.substr(i, length));
      i += length;
      continue;
    }
    append_cp1252(out, byte);
    if (lines.empty() || lines.back() != line) lines.push_back(line);
    ++i;
  }
}

std::string line_list(const std::vector<int>& lines) {
  constexpr std::size_t kShown = 10;
  std::string out;
  for (std::size_t i = 0; i < lines.size() && i < kShown; ++i) out += fmt::format("{}{}", i ? ", " : "", lines[i]);
  if (lines.size() > kShown) out += fmt::format(" and {} more", lines.size() - kShown);
  return out;
}

}  // namespace

Result<DecodedText> decode_text(std::string_view bytes, std::string& scratch) {
  DecodedText decoded;
  if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF"))
    return make_error(code::read_utf16, {1, 1},
                      "UTF-16 text is not supported: convert the file to UTF-8 (iconv -f UTF-16 -t UTF-8)");
  if (std::string why; looks_binary(bytes, why))
    return make_error(code::read_binary, {1, 1}, why + "; newsnorm reads text articles only");
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);

  std::string_view text = bytes;
  if (const auto bad = find_invalid_utf8(bytes); bad != std::string_view::npos) {
    const Position where = position_of_offset(bytes, bad);
    std::vector<int> lines;
    decode_mixed(bytes, bad, scratch, lines);
    decoded.warnings.push_back(
        make_warning(code::read_encoding, where,
                     fmt::format("not valid UTF-8 on line{} {}: those bytes were read as Windows-1252",
                                 lines.size() > 1 ? "s" : "", line_list(lines))));
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
