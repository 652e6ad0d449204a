// Finding a header value's text and writing a new one in its place (`newsnorm fix`). yaml-cpp says
// where a scalar starts; where it ends is found here from its style, and a plain scalar's end is
// confirmed by reading the text back as the value the tree holds.
#include "newsnorm/parse/header_edit.hpp"

#include <stdexcept>

#include <fmt/format.h>

#include "newsnorm/core/utf8.hpp"
#include "newsnorm/parse/header_tree.hpp"

namespace newsnorm {
namespace {

bool is_blank(char c) { return c == ' ' || c == '\t'; }
bool is_flow_indicator(char c) { return c == ',' || c == '[' || c == ']' || c == '{' || c == '}'; }

Diagnostic cannot(std::string why) { return make_error(code::fix_unsupported, {}, std::move(why)); }

// --- YAML: where a scalar ends ---

// The end of a plain scalar's text on the line from `i` (trailing blanks left out), and whether
// something other than the line's end stopped it (a comment, a ':' or a flow indicator).
std::size_t plain_line_end(std::string_view h, std::size_t i, bool flow, bool& stopped) {
  std::size_t end = i;
  stopped = false;
  for (std::size_t j = i; j < h.size() && h[j] != '\n'; ++j) {
    const char c = h[j];
    const bool after_blank = j > i && is_blank(h[j - 1]);
    const bool colon_ends = c == ':' && (j + 1 >= h.size() || is_blank(h[j + 1]) || h[j + 1] == '\n' ||
                                         (flow && is_flow_indicator(h[j + 1])));
    if ((c == '#' && after_blank) || colon_ends || (flow && is_flow_indicator(c))) {
      stopped = true;
      break;
    }
    if (!is_blank(c)) end = j + 1;
  }
  return end;
}

// A plain scalar may go on over more indented lines, folded into one with spaces (a blank line
// is a line break). Its end is where the folded text is the value the tree holds.
Result<std::size_t> plain_end(std::string_view h, std::size_t begin, bool flow, const Json& value) {
  bool stopped = false;
  std::size_t end = plain_line_end(h, begin, flow, stopped);
  if (!value.is_string()) return end;  // a number or a boolean is one word
  const std::string& expected = value.get_ref<const std::string&>();
  std::string folded(h.substr(begin, end - begin));
  std::size_t breaks = 0;
  for (std::size_t pos = h.find('\n', end); folded != expected; pos = h.find('\n', pos)) {
    if (stopped || pos == std::string_view::npos || folded.size() > expected.size())
      return cannot("its text could not be told apart from what follows it");
    ++pos;
    const std::size_t eol = std::min(h.find('\n', pos), h.size());
    std::size_t first = pos;
    while (first < eol && is_blank(h[first])) ++first;
    if (first == eol) {
      ++breaks;
      continue;
    }
    if (first == pos || h[first] == '#') return cannot("its text could not be told apart from what follows it");
    const std::size_t line_end = plain_line_end(h, first, flow, stopped);
    folded += breaks > 0 ? std::string(breaks, '\n') : std::string(" ");
    folded.append(h.substr(first, line_end - first));
    breaks = 0;
    end = line_end;
  }
  return end;
}

std::size_t quoted_end(std::string_view h, std::size_t begin, char quote) {
  for (std::size_t i = begin + 1; i < h.size(); ++i) {
    if (quote == '"' && h[i] == '\\') {
      ++i;
    } else if (h[i] == quote) {
      if (quote == '\'' && i + 1 < h.size() && h[i + 1] == '\'') {
        ++i;
        continue;
      }
      return i + 1;
    }
  }
  return h.size();
}

// A literal or folded block: the indicator line, then every line indented at least as far as the
// first line of content. The span ends with the last line that holds text, so trailing blank lines
// (and what chomping makes of them) stay as they were.
Result<ValueSpan> block_span(std::string_view h, std::size_t begin, ValueSpan span) {
  std::size_t i = begin + 1;
  for (; i < h.size() && (h[i] == '+' || h[i] == '-' || (h[i] >= '0' && h[i] <= '9')); ++i)
    if (h[i] != '+' && h[i] != '-') return cannot("it is a block with an explicit indentation");
  const std::size_t line_start = h.rfind('\n', begin) == std::string_view::npos ? 0 : h.rfind('\n', begin) + 1;
  std::size_t parent_indent = 0;
  while (line_start + parent_indent < begin && h[line_start + parent_indent] == ' ') ++parent_indent;
  const std::size_t indicator_end = h.find('\n', begin);
  if (indicator_end == std::string_view::npos) return cannot("it is an empty block");
  std::size_t content_end = std::string_view::npos;
  for (std::size_t pos = indicator_end + 1; pos < h.size();) {
    const std::size_t eol = std::min(h.find('\n', pos), h.size());
    std::size_t first = pos;
    while (first < eol && h[first] == ' ') ++first;
    if (first < eol) {
      const std::size_t indent = first - pos;
      if (span.indent == 0 && indent <= parent_indent) break;
      if (span.indent == 0) span.indent = indent;
      if (indent < span.indent) break;
      content_end = eol;
    }
    pos = eol + 1;
  }
  if (content_end == std::string_view::npos) return cannot("it is an empty block");
  span.begin = begin;
  span.end = content_end;
  return span;
}

Result<ValueSpan> yaml_span(std::string_view h, const ScalarPlace& place, const Json& value) {
  if (place.alias) return cannot("it is an alias (*name) of an anchored value; change the anchored value");
  const std::size_t begin = place.offset;
  if (begin >= h.size()) return cannot("it has no text in the header");
  ValueSpan span;
  span.begin = begin;
  span.in_flow = place.in_flow;
  switch (h[begin]) {
    case '&':
    case '!': return cannot("it carries an anchor or a tag");
    case '"':
      span.style = ScalarStyle::double_quoted;
      span.end = quoted_end(h, begin, '"');
      return span;
    case '\'':
      span.style = ScalarStyle::single_quoted;
      span.end = quoted_end(h, begin, '\'');
      return span;
    case '|':
    case '>':
      span.style = h[begin] == '|' ? ScalarStyle::literal : ScalarStyle::folded;
      return block_span(h, begin, span);
    default: {
      Result<std::size_t> end = plain_end(h, begin, place.in_flow, value);
      if (!end) return std::move(end.error());
      span.end = end.value();
      if (span.end == span.begin) return cannot("it has no text in the header");
      return span;
    }
  }
}

// --- JSON: every scalar's span, by walking the (already parsed, so valid) text ---

class JsonSpans {
 public:
  JsonSpans(std::string_view text, DuplicateKeys policy, std::unordered_map<std::string, ValueSpan>& out)
      : h_(text), policy_(policy), out_(out) {}

  void value(const std::string& pointer) {
    blanks();
    if (i_ >= h_.size()) return;
    if (h_[i_] == '{' || h_[i_] == '[') return collection(pointer, h_[i_] == '{');
    const std::size_t begin = i_;
    if (h_[i_] == '"')
      skip_string();
    else
      while (i_ < h_.size() && !is_flow_indicator(h_[i_]) && h_[i_] != ' ' && h_[i_] != '\t' && h_[i_] != '\n' &&
             h_[i_] != '\r')
        ++i_;
    ValueSpan span{begin, i_, ScalarStyle::json, false, 0};
    // A repeated key: `first` keeps the first value, the other policies the last.
    if (policy_ == DuplicateKeys::first)
      out_.emplace(pointer, span);
    else
      out_[pointer] = span;
  }

 private:
  void collection(const std::string& pointer, bool object) {
    const char close = object ? '}' : ']';
    ++i_;
    for (std::size_t index = 0;; ++index) {
      blanks();
      if (i_ >= h_.size() || h_[i_] == close) break;
      const std::size_t item_begin = i_;
      std::string child = pointer;
      if (object) {
        const std::size_t key_begin = i_;
        skip_string();
        append_pointer_token(child, Json::parse(h_.substr(key_begin, i_ - key_begin)).get<std::string>());
        blanks();
        ++i_;  // ':'
      } else {
        append_pointer_token(child, std::to_string(index));
      }
      value(child);
      blanks();
      if (i_ < h_.size() && h_[i_] == ',') ++i_;
      if (i_ == item_begin) throw std::runtime_error("not JSON this walk knows");  // never loop in place
    }
    ++i_;
  }
  void skip_string() { i_ = quoted_end(h_, i_, '"'); }
  void blanks() {
    while (i_ < h_.size() && (h_[i_] == ' ' || h_[i_] == '\t' || h_[i_] == '\n' || h_[i_] == '\r')) ++i_;
  }

  std::string_view h_;
  DuplicateKeys policy_;
  std::unordered_map<std::string, ValueSpan>& out_;
  std::size_t i_ = 0;
};

// --- YAML: writing a value ---

bool has_control_characters(std::string_view text, bool allow_line_breaks) {
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && c != '\t' && !(allow_line_breaks && c == '\n')) || u == 0x7F) return true;
  }
  // U+0085, U+2028, U+2029 and U+FEFF read as line breaks or a byte-order mark in some places.
  return text.find("\xC2\x85") != std::string_view::npos || text.find("\xE2\x80\xA8") != std::string_view::npos ||
         text.find("\xE2\x80\xA9") != std::string_view::npos || text.find("\xEF\xBB\xBF") != std::string_view::npos;
}

std::optional<std::string> as_plain(const std::string& text, bool flow) {
  if (text.empty() || is_blank(text.front()) || is_blank(text.back()) || text.back() == ':') return std::nullopt;
  if (has_control_characters(text, false)) return std::nullopt;
  if (std::string_view("-?:,[]{}#&*!|>'\"%@`").find(text.front()) != std::string_view::npos) return std::nullopt;
  if (text.find(": ") != std::string::npos || text.find(" #") != std::string::npos ||
      text.find("\t#") != std::string::npos)
    return std::nullopt;
  if (flow && text.find_first_of(",[]{}") != std::string::npos) return std::nullopt;
  return text;
}

std::optional<std::string> as_single_quoted(const std::string& text) {
  if (has_control_characters(text, false)) return std::nullopt;
  std::string out = "'";
  for (const char c : text) {
    out.push_back(c);
    if (c == '\'') out.push_back('\'');
  }
  return out + "'";
}

std::string as_double_quoted(const std::string& text) {
  std::string out = "\"";
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const auto u = static_cast<unsigned char>(c);
    const std::string_view rest = std::string_view(text).substr(i);
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\r') {
      out += "\\r";
    } else if (u < 0x20 || u == 0x7F) {
      out += fmt::format("\\x{:02X}", u);
    } else if (rest.starts_with("\xC2\x85")) {
      out += "\\N";
      ++i;
    } else if (rest.starts_with("\xE2\x80\xA8") || rest.starts_with("\xE2\x80\xA9")) {
      out += rest[2] == '\xA8' ? "\\L" : "\\P";
      i += 2;
    } else if (rest.starts_with("\xEF\xBB\xBF")) {
      out += "\\uFEFF";
      i += 2;
    } else {
      out.push_back(c);
    }
  }
  return out + "\"";
}

// A literal or folded block in the span's place: its indicator line keeps what followed the
// indicator (a comment), its lines keep their indentation. Folded blocks take one line only.
std::optional<std::string> as_block(const std::string& text, const ValueSpan& span, std::string_view header) {
  const bool literal = span.style == ScalarStyle::literal;
  if (text.empty() || is_blank(text.front()) || text.front() == '\n' || has_control_characters(text, literal))
    return std::nullopt;
  std::string_view body = text;
  const char* chomp = "-";
  if (body.ends_with('\n')) {
    body.remove_suffix(1);
    chomp = "";
    if (body.ends_with('\n')) return std::nullopt;
  }
  if (!literal && body.find('\n') != std::string_view::npos) return std::nullopt;
  std::string_view indicator_line = header.substr(span.begin, header.find('\n', span.begin) - span.begin);
  std::size_t tail = 1;
  while (tail < indicator_line.size() && (indicator_line[tail] == '+' || indicator_line[tail] == '-')) ++tail;
  std::string out = fmt::format("{}{}{}", literal ? '|' : '>', chomp, indicator_line.substr(tail));
  const std::string indent(span.indent, ' ');
  for (std::size_t start = 0; start <= body.size();) {
    const std::size_t eol = std::min(body.find('\n', start), body.size());
    out += '\n';
    if (eol > start) out.append(indent).append(body.substr(start, eol - start));
    start = eol + 1;
  }
  return out;
}

// Whether `text` written where the value was reads back as `value`, by parsing it in a small
// document of the same kind of place (a mapping value, or an item of a flow list).
bool reads_back(const std::string& text, const Json& value, bool flow, const Limits& limits) {
  const std::string document = flow ? "k: [" + text + "]\n" : "k: " + text + "\n";
  const HeaderResult parsed = parse_yaml_header(document, 1, limits);
  if (!parsed || !parsed->value.is_object() || !parsed->value.contains("k")) return false;
  const Json& read = flow ? parsed->value["k"].at(0) : parsed->value["k"];
  return read == value && (read.type() == value.type() || (read.is_number_integer() && value.is_number_integer()));
}

std::optional<std::string> write_yaml(const Json& value, const ValueSpan& span, std::string_view header,
                                      const Limits& limits) {
  std::vector<std::optional<std::string>> ways;
  if (value.is_string()) {
    const std::string& text = value.get_ref<const std::string&>();
    switch (span.style) {
      case ScalarStyle::plain: ways.push_back(as_plain(text, span.in_flow)); break;
      case ScalarStyle::single_quoted: ways.push_back(as_single_quoted(text)); break;
      case ScalarStyle::literal:
      case ScalarStyle::folded: ways.push_back(as_block(text, span, header)); break;
      default: break;
    }
    ways.push_back(as_double_quoted(text));
  } else if (value.is_boolean() || value.is_number()) {
    ways.push_back(value.dump());
  }
  for (const auto& way : ways)
    if (way && reads_back(*way, value, span.in_flow, limits)) return way;
  return std::nullopt;
}

}  // namespace

Result<HeaderValues> HeaderValues::read(Format format, std::string_view header, int first_line, const Limits& limits) {
  HeaderValues values;
  values.format_ = format;
  values.header_ = header;
  if (format == Format::yaml) {
    Result<std::vector<ScalarPlace>> places = locate_yaml_scalars(header, first_line, limits);
    if (!places) return std::move(places.error());
    for (ScalarPlace& place : places.value()) {
      std::string pointer = place.pointer;
      values.yaml_.insert_or_assign(std::move(pointer), std::move(place));
    }
    return values;
  }
  if (format == Format::json) {
    try {
      JsonSpans(header, limits.duplicate_keys, values.json_).value("");
    } catch (const std::exception&) {
      return cannot("the JSON header's values could not be found");
    }
    return values;
  }
  return cannot(fmt::format("values in {} headers are not rewritten in place; change them by hand",
                            format == Format::toml ? "TOML" : "these"));
}

Result<ValueSpan> HeaderValues::find(const std::string& pointer, const Json& value) const {
  if (!value.is_primitive() || value.is_null()) return cannot("it is not a single value");
  if (format_ == Format::json) {
    const auto found = json_.find(pointer);
    if (found == json_.end()) return cannot("it has no text in the header");
    return found->second;
  }
  const auto found = yaml_.find(pointer);
  if (found == yaml_.end()) return cannot("it has no text in the header");
  return yaml_span(header_, found->second, value);
}

std::optional<std::string> write_value(Format format, const Json& value, const ValueSpan& span, std::string_view header,
                                       const Limits& limits) {
  if (format == Format::json) {
    if (!value.is_primitive() || value.is_null()) return std::nullopt;
    try {
      return value.dump();
    } catch (const Json::exception&) {  // text that is not UTF-8
      return std::nullopt;
    }
  }
  return write_yaml(value, span, header, limits);
}

}  // namespace newsnorm
