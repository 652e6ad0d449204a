// The charset an HTML page declares in its first bytes, as browsers' prescan finds it, and iconv.
#include "newsnorm/read/html_charset.hpp"

#include <iconv.h>

#include <cctype>
#include <cerrno>
#include <memory>

namespace newsnorm {
namespace {

constexpr std::size_t kPrescanBytes = 4096;

char lower_ascii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = lower_ascii(c);
  return out;
}

// The value after "charset" (and '=' and an optional quote) in `text` at `at`, or "".
std::string charset_value(std::string_view text, std::size_t at) {
  at += 7;  // "charset"
  while (at < text.size() && (text[at] == ' ' || text[at] == '\t')) ++at;
  if (at >= text.size() || text[at] != '=') return {};
  ++at;
  while (at < text.size() && (text[at] == ' ' || text[at] == '\t' || text[at] == '"' || text[at] == '\'')) ++at;
  std::size_t end = at;
  while (end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '-' ||
                               text[end] == '_' || text[end] == ':' || text[end] == '.'))
    ++end;
  return std::string(text.substr(at, end - at));
}

}  // namespace

std::string declared_html_charset(std::string_view bytes) {
  const std::string head = lower(bytes.substr(0, kPrescanBytes));
  // Each <meta ...> tag: charset="x", or http-equiv content-type with "charset=x" in its content.
  for (std::size_t at = head.find("<meta"); at != std::string::npos; at = head.find("<meta", at + 5)) {
    const std::size_t end = head.find('>', at);
    const std::string_view tag =
        std::string_view(head).substr(at, end == std::string::npos ? std::string::npos : end - at);
    const std::size_t charset = tag.find("charset");
    if (charset == std::string_view::npos) continue;
    std::string value = charset_value(tag, charset);
    if (!value.empty()) return value;
  }
  return {};
}

bool is_utf8_label(std::string_view charset) {
  return charset == "utf-8" || charset == "utf8" || charset == "unicode-1-1-utf-8" || charset == "us-ascii" ||
         charset == "ascii";
}

std::optional<std::string> decode_charset(std::string_view bytes, const std::string& charset) {
  // Browsers read the Latin-1 labels as Windows-1252: so does this.
  std::string from = charset;
  if (from == "iso-8859-1" || from == "latin1" || from == "iso8859-1" || from == "l1" || from == "ascii" ||
      from == "us-ascii")
    from = "windows-1252";
  iconv_t cd = iconv_open("UTF-8", from.c_str());
  if (cd == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
  const std::unique_ptr<void, int (*)(iconv_t)> close(cd, iconv_close);
  std::string out(bytes.size() * 2 + 16, '\0');
  char* in = const_cast<char*>(bytes.data());
  std::size_t in_left = bytes.size();
  std::size_t done = 0;
  while (in_left > 0) {
    char* dst = out.data() + done;
    std::size_t out_left = out.size() - done;
    const std::size_t result = iconv(cd, &in, &in_left, &dst, &out_left);
    done = out.size() - out_left;
    if (result != static_cast<std::size_t>(-1)) break;
    if (errno == E2BIG) {
      out.resize(out.size() * 2);
      continue;
    }
    return std::nullopt;  // EILSEQ or EINVAL: not text in that charset
  }
  out.resize(done);
  return out;
}

}  // namespace newsnorm
