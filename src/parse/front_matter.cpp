#include "newsnorm/parse/front_matter.hpp"

#include <fmt/format.h>

namespace newsnorm {

namespace {

// The line starting at `start`, without its newline, and where the next line starts.
struct Line {
  std::string_view text;
  std::size_t next;
};

Line line_at(std::string_view text, std::size_t start) {
  const auto end = text.find('\n', start);
  if (end == std::string_view::npos) return {text.substr(start), text.size()};
  return {text.substr(start, end - start), end + 1};
}

// A delimiter line is the marker alone, allowing trailing blanks (editors leave them).
bool is_delimiter(std::string_view line, std::string_view marker) {
  if (!line.starts_with(marker)) return false;
  return line.substr(marker.size()).find_first_not_of(" \t") == std::string_view::npos;
}

Result<FrontMatter> split_delimited(std::string_view text, Format format, std::string_view open,
                                    std::string_view close_a, std::string_view close_b) {
  const Line first = line_at(text, 0);
  int line_number = 2;
  for (std::size_t pos = first.next; pos < text.size(); ++line_number) {
    const Line line = line_at(text, pos);
    if (is_delimiter(line.text, close_a) || is_delimiter(line.text, close_b)) {
      return FrontMatter{format, text.substr(first.next, pos - first.next), text.substr(line.next), 2};
    }
    pos = line.next;
  }
  return make_error(code::front_matter_unclosed, {1, 1},
                    fmt::format("unclosed front matter: the header opened by '{}' on line 1 "
                                "has no closing '{}' line; add one after the header",
                                open, close_a));
}

// Finds the end of the JSON object that starts the text, skipping braces inside strings.
Result<FrontMatter> split_json(std::string_view text) {
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
      continue;
    }
    if (c == '"')
      in_string = true;
    else if (c == '{' || c == '[')
      ++depth;
    else if (c == '}' || c == ']') {
      if (--depth == 0) {
        // The rest of the closing line belongs to the header; the body starts on the next line.
        const Line rest = line_at(text, i + 1);
        if (rest.text.find_first_not_of(" \t") != std::string_view::npos)
          return make_error(code::json_syntax, position_of_offset(text, i + 1),
                            "text after the JSON front matter's closing brace on the same line; "
                            "start the body on a new line");
        return FrontMatter{Format::json, text.substr(0, i + 1), text.substr(rest.next), 1};
      }
    }
  }
  return make_error(code::front_matter_unclosed, {1, 1},
                    "unclosed front matter: the JSON object that starts the file never "
                    "closes; check its braces and quotes");
}

}  // namespace

Result<FrontMatter> split_document(std::string_view text, std::string_view path) {
  Result<FrontMatter> split = split_front_matter(text);
  if (split.ok() && split->format == Format::text) {
    if (path.ends_with(".yaml") || path.ends_with(".yml")) return FrontMatter{Format::yaml, text, {}, 1};
    if (path.ends_with(".toml")) return FrontMatter{Format::toml, text, {}, 1};
  }
  return split;
}

Result<FrontMatter> split_front_matter(std::string_view text) {
  const std::string_view first = line_at(text, 0).text;
  if (is_delimiter(first, "---")) return split_delimited(text, Format::yaml, "---", "---", "...");
  if (is_delimiter(first, "+++")) return split_delimited(text, Format::toml, "+++", "+++", "+++");
  if (text.starts_with('{')) return split_json(text);
  return FrontMatter{Format::text, {}, text, 1};
}

}  // namespace newsnorm
