// The YAML header fast path (see header_yaml_fast.hpp). It reads line by line and builds the tree
// as it goes; whatever it meets that is outside its subset throws NotMine, and yaml-cpp reads the
// header instead. It never guesses: each rule below refuses more than YAML would need to.
#include "newsnorm/parse/header_yaml_fast.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "newsnorm/core/utf8.hpp"
#include "yaml_internal.hpp"

namespace newsnorm {
namespace {

// Real front matter nests fewer than ten levels; 64 keeps the recursion below short and far from
// yaml-cpp's own guard (about 500 levels), whose message the fast path need not know.
constexpr int kFastMaxDepth = 64;
// YAML limits a simple key to 1024 characters; longer ones are yaml-cpp's to judge.
constexpr std::size_t kMaxKeyBytes = 1024;

// Thrown at the first thing the fast path does not fully understand.
struct NotMine {};

// A line that holds something (not blank, not a comment).
struct Line {
  std::string_view text;   // without its '\n'
  int number = 0;          // counted from 0 in the header
  std::size_t indent = 0;  // its leading spaces; for a mapping inside a list item, where its key starts
};

// Only printable text: no tab (YAML forbids it in indentation, and elsewhere yaml-cpp's reading of it
// is not worth matching), no CR, no control character, no BOM, no NEL or line separator (line
// breaks in YAML 1.1), nothing that is not UTF-8.
bool printable(std::string_view header) {
  for (std::size_t i = 0; i < header.size();) {
    const auto byte = static_cast<unsigned char>(header[i]);
    if (byte < 0x80) {
      if ((byte < 0x20 && byte != '\n') || byte == 0x7F) return false;
      ++i;
      continue;
    }
    char32_t cp = 0;
    const std::size_t length = decode_utf8(header, i, cp);
    if (length == 0 || cp <= 0x9F || cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF || cp == 0xFFFE || cp == 0xFFFF)
      return false;
    i += length;
  }
  return true;
}

std::vector<Line> content_lines(std::string_view header) {
  std::vector<Line> lines;
  int number = 0;
  for (std::size_t start = 0; start < header.size(); ++number) {
    std::size_t end = header.find('\n', start);
    if (end == std::string_view::npos) end = header.size();
    const std::string_view text = header.substr(start, end - start);
    start = end + 1;
    const std::size_t indent = text.find_first_not_of(' ');
    if (indent == std::string_view::npos || text[indent] == '#') continue;
    lines.push_back(Line{text, number, indent});
  }
  return lines;
}

bool is_ascii_alnum(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// "-" alone or "- ...": a list item (not "-1", a scalar).
bool is_item(std::string_view content) {
  return content.starts_with('-') && (content.size() == 1 || content[1] == ' ');
}

// The length of the key that `content` starts with, when it is a key line: a plain key of simple
// text, then ':' and a space or the end of the line. Null spellings (`null: x`) are keys yaml-cpp's
// path spells out itself; a key ending in a space (`a : b`) or longer than YAML allows is left to it.
std::optional<std::size_t> key_length(std::string_view content) {
  if (content.empty() || !(is_ascii_alnum(content[0]) || content[0] == '_')) return std::nullopt;
  std::size_t end = 1;
  while (end < content.size()) {
    const char c = content[end];
    if (!(is_ascii_alnum(c) || c == '_' || c == '-' || c == '.' || c == ' ' || static_cast<unsigned char>(c) >= 0x80))
      break;
    ++end;
  }
  if (end == content.size() || content[end] != ':' || (end + 1 < content.size() && content[end + 1] != ' '))
    return std::nullopt;
  const std::string_view key = content.substr(0, end);
  if (key.back() == ' ' || key.size() > kMaxKeyBytes || yaml_detail::is_null_spelling(key)) return std::nullopt;
  return end;
}

std::string_view skip_spaces(std::string_view text) {
  const std::size_t start = text.find_first_not_of(' ');
  return start == std::string_view::npos ? std::string_view{} : text.substr(start);
}

// What may follow a quoted scalar on its line: spaces, then nothing or a comment.
void expect_line_end(std::string_view rest) {
  const std::size_t next = rest.find_first_not_of(' ');
  if (next != std::string_view::npos && !(next > 0 && rest[next] == '#')) throw NotMine{};
}

// A double-quoted scalar that closes on its line, with the escapes of YAML 1.2 that yaml-cpp reads
// the same way. `\'` (yaml-cpp's own), a code point that is a surrogate or past U+10FFFF, and an
// escaped line break are left to yaml-cpp.
std::string double_quoted(std::string_view text) {
  std::string out;
  std::size_t i = 1;
  const auto hex = [&](std::size_t digits) {
    if (text.size() - i < digits) throw NotMine{};
    char32_t cp = 0;
    for (std::size_t k = 0; k < digits; ++k) {
      const char c = text[i + k];
      const int digit = c >= '0' && c <= '9'   ? c - '0'
                        : c >= 'a' && c <= 'f' ? c - 'a' + 10
                        : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                               : -1;
      if (digit < 0) throw NotMine{};
      cp = cp * 16 + static_cast<char32_t>(digit);
    }
    if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) throw NotMine{};
    append_utf8(out, cp);
    i += digits;
  };
  for (;;) {
    // Text runs up to the next quote or escape are copied whole.
    const std::size_t stop = text.find_first_of("\"\\", i);
    if (stop == std::string_view::npos) throw NotMine{};  // it goes on on the next line
    out.append(text.substr(i, stop - i));
    i = stop + 1;
    if (text[stop] == '"') break;
    if (i >= text.size()) throw NotMine{};
    switch (text[i++]) {
      case '0': out.push_back('\0'); break;
      case 'a': out.push_back('\a'); break;
      case 'b': out.push_back('\b'); break;
      case 't': out.push_back('\t'); break;
      case 'n': out.push_back('\n'); break;
      case 'v': out.push_back('\v'); break;
      case 'f': out.push_back('\f'); break;
      case 'r': out.push_back('\r'); break;
      case 'e': out.push_back('\x1B'); break;
      case ' ': out.push_back(' '); break;
      case '"': out.push_back('"'); break;
      case '/': out.push_back('/'); break;
      case '\\': out.push_back('\\'); break;
      // yaml-cpp writes these two as Latin-1 bytes, which its path turns into U+0085 and U+00A0.
      case 'N': append_utf8(out, 0x85); break;
      case '_': append_utf8(out, 0xA0); break;
      case 'L': append_utf8(out, 0x2028); break;
      case 'P': append_utf8(out, 0x2029); break;
      case 'x': hex(2); break;
      case 'u': hex(4); break;
      case 'U': hex(8); break;
      default: throw NotMine{};
    }
  }
  expect_line_end(text.substr(i));
  return out;
}

std::string single_quoted(std::string_view text) {
  std::string out;
  std::size_t i = 1;
  for (;;) {
    const std::size_t quote = text.find('\'', i);
    if (quote == std::string_view::npos) throw NotMine{};  // it goes on on the next line
    out.append(text.substr(i, quote - i));
    i = quote + 1;
    if (i >= text.size() || text[i] != '\'') break;
    out.push_back('\'');  // '' is one quote
    ++i;
  }
  expect_line_end(text.substr(i));
  return out;
}

// A plain scalar on one line: up to a comment (" #"), without trailing spaces. ": " or a final ':'
// makes it a mapping or an error, and an indicator first makes it something else: not mine.
std::string_view plain_scalar(std::string_view text) {
  static constexpr std::string_view kIndicators = "?:,[]{}#&*!|>'\"%@`";
  if (kIndicators.find(text[0]) != std::string_view::npos || (text[0] == '-' && (text.size() == 1 || text[1] == ' ')))
    throw NotMine{};
  std::size_t end = text.size();
  for (std::size_t i = 1; i < text.size(); ++i) {
    if (text[i] == ':' && (i + 1 == text.size() || text[i + 1] == ' ')) throw NotMine{};
    if (text[i] == '#' && text[i - 1] == ' ') {
      end = i;
      break;
    }
  }
  const std::string_view plain = text.substr(0, end);
  return plain.substr(0, plain.find_last_not_of(' ') + 1);
}

// A scalar value: `text` starts at its first character and runs to the end of the line.
Json scalar(std::string_view text) {
  if (text[0] == '"') return double_quoted(text);
  if (text[0] == '\'') return single_quoted(text);
  const std::string_view plain = plain_scalar(text);
  if (yaml_detail::is_null_spelling(plain)) return nullptr;
  return yaml_detail::resolve_plain_scalar(plain);
}

class FastReader {
 public:
  FastReader(std::vector<Line> lines, HeaderTree& tree, int first_line, int max_depth)
      : lines_(std::move(lines)), tree_(tree), first_line_(first_line), max_depth_(max_depth) {}

  // The header's mapping, which starts at the left margin; anything left after it is not mine.
  Json root() {
    if (lines_.empty() || lines_.front().indent != 0) throw NotMine{};
    Json value = mapping(0, {}, 1);
    if (at_ != lines_.size()) throw NotMine{};
    return value;
  }

 private:
  static std::string_view content(const Line& line) { return line.text.substr(line.indent); }
  bool more_at(std::size_t indent) const { return at_ < lines_.size() && lines_[at_].indent == indent; }
  void record(const std::string& pointer, const Line& line, std::size_t column) {
    tree_.record(pointer, {first_line_ + line.number, static_cast<int>(column) + 1});
  }
  void enter(int depth) const {
    if (depth > max_depth_) throw NotMine{};
  }
  // After a scalar, a deeper line would continue it (or be an error).
  void expect_no_continuation(std::size_t indent) const {
    if (at_ < lines_.size() && lines_[at_].indent > indent) throw NotMine{};
  }

  // Every mapping and list is a level (yaml-cpp's path counts so too): the root mapping is level 1.
  Json mapping(std::size_t indent, const std::string& pointer, int depth) {
    enter(depth);
    Json map = Json::object();
    while (more_at(indent) && !is_item(content(lines_[at_]))) {
      const Line& line = lines_[at_];
      const std::string_view text = content(line);
      const std::optional<std::size_t> length = key_length(text);
      if (!length) throw NotMine{};
      const std::string_view key = text.substr(0, *length);
      std::string child = pointer;
      append_pointer_token(child, key);
      record(child, line, indent);
      const std::string_view value = skip_spaces(text.substr(*length + 1));
      ++at_;
      Json item;
      if (value.empty() || value[0] == '#') {
        item = nested(indent, child, depth);
      } else {
        item = scalar(value);
        expect_no_continuation(indent);
      }
      // A repeated key is yaml-cpp's path's to reject or warn about.
      if (!map.emplace(std::string(key), std::move(item)).second) throw NotMine{};
    }
    return map;
  }

  // What a key with nothing after it holds: a deeper block, a list at its own indent, or null.
  Json nested(std::size_t indent, const std::string& pointer, int depth) {
    if (at_ == lines_.size()) return nullptr;
    const Line& next = lines_[at_];
    const bool item = is_item(content(next));
    if (next.indent > indent)
      return item ? list(next.indent, pointer, depth + 1) : mapping(next.indent, pointer, depth + 1);
    if (next.indent == indent && item) return list(indent, pointer, depth + 1);
    return nullptr;
  }

  Json list(std::size_t indent, const std::string& pointer, int depth) {
    enter(depth);
    Json items = Json::array();
    while (more_at(indent) && is_item(content(lines_[at_]))) {
      Line& line = lines_[at_];
      const std::string_view text = content(line);
      const std::size_t gap = text.find_first_not_of(' ', 1);
      // "-" alone (null, or a block on the lines below) and "- - a" (a list in a list) are not mine.
      if (gap == std::string_view::npos || text[gap] == '#' || is_item(text.substr(gap))) throw NotMine{};
      std::string child = pointer;
      append_pointer_token(child, std::to_string(items.size()));
      const std::size_t column = indent + gap;
      record(child, line, column);
      if (key_length(text.substr(gap))) {
        // "- key: value": a mapping whose keys stand where this first one does.
        line.indent = column;
        items.push_back(mapping(column, child, depth + 1));
      } else {
        items.push_back(scalar(text.substr(gap)));
        ++at_;
        expect_no_continuation(indent);
      }
    }
    return items;
  }

  std::vector<Line> lines_;
  std::size_t at_ = 0;
  HeaderTree& tree_;
  int first_line_;
  int max_depth_;
};

}  // namespace

std::optional<HeaderTree> parse_yaml_fast(std::string_view header, int first_line, const Limits& limits) {
  if (!printable(header)) return std::nullopt;
  HeaderTree tree(first_line);
  try {
    FastReader reader(content_lines(header), tree, first_line, std::min(limits.max_depth, kFastMaxDepth));
    tree.value = reader.root();
  } catch (const NotMine&) {
    return std::nullopt;
  }
  return tree;
}

}  // namespace newsnorm
