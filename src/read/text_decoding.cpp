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

std::size_t utf8_sequence_length(std::string_view text, std::size_t i) {
  char32_t ignored;
  return decode_utf8(text, i, ignored);
}

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

std::size_t decode_utf8(std::string_view text, std::size_t i, char32_t& code_point) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  if (lead < 0x80) {
    code_point = lead;
    return 1;
  }
  std::size_t length = 0;
  unsigned char low = 0x80, high = 0xBF;  // allowed range of the second byte
  char32_t value = 0;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
    value = lead & 0x1Fu;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    value = lead & 0x0Fu;
    if (lead == 0xE0) low = 0xA0;   // overlong
    if (lead == 0xED) high = 0x9F;  // surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    value = lead & 0x07u;
    if (lead == 0xF0) low = 0x90;   // overlong
    if (lead == 0xF4) high = 0x8F;  // past U+10FFFF
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  if (byte(i + 1) < low || byte(i + 1) > high) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    value = (value << 6) | (byte(i + k) & 0x3Fu);
  }
  code_point = value;
  return length;
}

std::size_t find_invalid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    // Fast path: skip eight ASCII bytes at a time.
    if (i + 8 <= text.size()) {
      std::uint64_t word;
      std::memcpy(&word, text.data() + i, 8);
      if ((word & 0x8080808080808080ull) == 0) {
        i += 8;
        continue;
      }
    }
    const std::size_t length = utf8_sequence_length(text, i);
    if (length == 0) return i;
    i += length;
  }
  return std::string_view::npos;
}

bool is_valid_utf8(std::string_view text) { return find_invalid_utf8(text) == std::string_view::npos; }

std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  std::size_t end = max_bytes;
  // Back off over continuation bytes (10xxxxxx) to the start of the sequence that straddles the cut.
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

std::string repair_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t length = utf8_sequence_length(text, i);
    if (length == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(text.substr(i, length));
      i += length;
    }
  }
  return out;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

std::variant<DecodedText, Diagnostic> decode_text(std::string_view bytes, std::string& scratch) {
  DecodedText decoded;
  if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF"))
    return make_error({1, 1}, "UTF-16 text is not supported: convert the file to UTF-8 (iconv -f UTF-16 -t UTF-8)");
  if (std::string why; looks_binary(bytes, why))
    return make_error({1, 1}, why + "; newsnorm reads text articles only");
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);

  std::string_view text = bytes;
  if (const auto bad = find_invalid_utf8(bytes); bad != std::string_view::npos) {
    const Position where = position_of_offset(bytes, bad);
    decoded.warnings.push_back(make_warning(
        where, fmt::format("not valid UTF-8 (byte 0x{:02X}); the file was decoded as Windows-1252",
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
