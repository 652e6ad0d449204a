// Cleaning titles, excerpts and bodies; each change a reader would notice is named in `changes`.
#include "newsnorm/normalize/text_normalize.hpp"

#include <utf8proc.h>

#include <cstdlib>
#include <memory>

#include "newsnorm/core/ascii.hpp"
#include "newsnorm/core/utf8.hpp"
#include "newsnorm/html/markup.hpp"
#include "text_internal.hpp"

namespace newsnorm {
namespace {

using namespace html;
using text_detail::ByteRange;
using text_detail::repair_mojibake_outside;

// A line of a body: bytes [begin, end) without the line break.
struct BodyLine {
  std::size_t begin = 0, end = 0;
  bool blank = false;
  bool verbatim = false;       // code: kept exactly as written
  bool indented_code = false;  // an indented code line, or a blank line that may be inside one
};

constexpr std::string_view kRepairedMojibake = "repaired mojibake (UTF-8 read as Windows-1252)";
constexpr std::string_view kRepairedUtf8 = "replaced invalid UTF-8 with U+FFFD";
constexpr std::string_view kRemovedTags = "removed HTML tags";
constexpr std::string_view kDecodedEntities = "decoded HTML entities";
constexpr std::string_view kNormalizedNfc = "normalized Unicode to NFC";

using ascii::is_space;

// Length of the white-space character at text[i] (0 when there is none). `may_stand_alone` is set
// for the spaces that mean something on their own between words: no-break, typographic, ideographic.
std::size_t space_at(std::string_view text, std::size_t i, bool& may_stand_alone) {
  const auto at = [&](std::size_t k) { return k < text.size() ? static_cast<unsigned char>(text[k]) : 0u; };
  const unsigned lead = at(i), second = at(i + 1), third = at(i + 2);
  may_stand_alone = false;
  if (lead < 0x80) return is_space(text[i]) ? 1 : 0;
  if (lead == 0xC2 && second == 0x85) return 2;                                      // NEL
  if (lead == 0xE1 && second == 0x9A && third == 0x80) return 3;                     // ogham space mark
  if (lead == 0xE2 && second == 0x80 && (third == 0xA8 || third == 0xA9)) return 3;  // line, paragraph separator
  may_stand_alone = true;
  if (lead == 0xC2 && second == 0xA0) return 2;  // no-break space
  if (lead == 0xE2 && second == 0x80 && ((third >= 0x80 && third <= 0x8A) || third == 0xAF))
    return 3;                                                     // U+2000..A, U+202F
  if (lead == 0xE2 && second == 0x81 && third == 0x9F) return 3;  // medium mathematical space
  if (lead == 0xE3 && second == 0x80 && third == 0x80) return 3;  // ideographic space
  may_stand_alone = false;
  return 0;
}

// Collapses each run of white space to one ' ' (a single no-break or typographic space between words
// stays as it is) and trims both ends.
std::string collapse_white_space(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    bool alone = false;
    std::size_t length = space_at(text, i, alone);
    if (length == 0) {
      out.push_back(text[i++]);
      continue;
    }
    const std::size_t run_begin = i;
    std::size_t characters = 0;
    for (; length > 0; length = space_at(text, i, alone)) {
      i += length;
      ++characters;
    }
    if (out.empty() || i == text.size()) continue;  // leading or trailing
    bool first_alone = false;
    space_at(text, run_begin, first_alone);
    if (characters == 1 && first_alone)
      out.append(text.substr(run_begin, i - run_begin));
    else
      out.push_back(' ');
  }
  return out;
}

// True when nothing in `text` is for clean_inline_text to change: ASCII without markup, entities,
// doubled or edge spaces, or white space other than ' '.
bool already_clean_inline(std::string_view text) {
  if (text.empty()) return true;
  if (text.front() == ' ' || text.back() == ' ') return false;
  char previous = '\0';
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x80 || c == '&' || c == '<' || (c == ' ' && previous == ' ') || (c != ' ' && is_space(c))) return false;
    previous = c;
  }
  return true;
}

bool all_lower_or_all_upper(std::string_view name) {
  bool lower = false, upper = false;
  for (const char c : name) {
    lower = lower || (c >= 'a' && c <= 'z');
    upper = upper || (c >= 'A' && c <= 'Z');
  }
  return !(lower && upper);
}

// Removes tags of HTML elements, comments and <!DOCTYPE>-like declarations, and the content of
// script, style, template and noscript. A tag that separates blocks leaves a space. "<Gallery>" (no
// such element), "<Br>" (mixed case, which markup generators never write) and "a<b and c>d" (see
// reads_as_markup) are kept as text.
bool strip_tags(std::string_view text, std::string& out) {
  TagScanner scanner(text);
  bool removed = false;
  std::size_t copied = 0;
  for (std::size_t at = text.find('<'); at != std::string_view::npos; at = text.find('<', at + 1)) {
    const auto tag = scanner.tag_at(at);
    if (!tag) continue;
    const ElementInfo* element = nullptr;
    if (tag->kind == TagKind::start || tag->kind == TagKind::end) {
      element = find_element(tag->name);
      if (element == nullptr || !all_lower_or_all_upper(tag->name) || !reads_as_markup(*tag)) continue;
    } else if (tag->kind == TagKind::declaration && text[at + 2] == '[') {
      continue;  // <![CDATA[ ... ]]> holds text; not worth guessing at in a title
    }
    out.append(text.substr(copied, at - copied));
    std::size_t after = at + tag->length;
    if (element != nullptr && tag->kind == TagKind::start &&
        (element->name == "script" || element->name == "style" || element->name == "template" ||
         element->name == "noscript")) {
      if (const std::size_t end = scanner.find_end_tag(after, element->name); end != std::string_view::npos) {
        const auto end_tag = scanner.tag_at(end);
        after = end + (end_tag ? end_tag->length : 2 + element->name.size());
      }
    }
    if (element != nullptr && (element->flags & (kLineBreak | kParagraph | kCell))) out.push_back(' ');
    removed = true;
    copied = after;
    at = after - 1;
  }
  out.append(text.substr(copied));
  return removed;
}

// NFC via utf8proc; nullopt when the text is NFC already. Text below U+0300 always is: no character
// there decomposes or combines, so most Western text skips utf8proc.
std::optional<std::string> to_nfc(std::string_view text) {
  bool may_change = false;
  for (const char c : text)
    if (static_cast<unsigned char>(c) >= 0xCC) {
      may_change = true;
      break;
    }
  if (!may_change) return std::nullopt;
  utf8proc_uint8_t* mapped = nullptr;
  const utf8proc_ssize_t length =
      utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()), static_cast<utf8proc_ssize_t>(text.size()),
                   &mapped, static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
  const std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owner(mapped, &std::free);
  if (length < 0) return std::nullopt;  // not UTF-8: the caller has repaired it, so this cannot happen
  const std::string_view result(reinterpret_cast<const char*>(mapped), static_cast<std::size_t>(length));
  if (result == text) return std::nullopt;
  return std::string(result);
}

// ---- Bodies: which lines are code ----

bool is_blank(std::string_view line) { return line.find_first_not_of(" \t") == std::string_view::npos; }

// "```" or "~~~" (three or more) after any indentation: a fence. Indentation past three spaces is an
// indented code block in CommonMark, but inside a list item it is a fence; either way it is code.
struct Fence {
  char mark = 0;
  std::size_t length = 0;
};
std::optional<Fence> fence_of(std::string_view line) {
  const std::size_t start = line.find_first_not_of(" \t");
  if (start == std::string_view::npos) return std::nullopt;
  const char mark = line[start];
  if (mark != '`' && mark != '~') return std::nullopt;
  std::size_t end = start;
  while (end < line.size() && line[end] == mark) ++end;
  if (end - start < 3) return std::nullopt;
  if (mark == '`' && line.find('`', end) != std::string_view::npos) return std::nullopt;  // inline code, not a fence
  return Fence{mark, end - start};
}
bool closes_fence(std::string_view line, const Fence& open) {
  const auto fence = fence_of(line);
  if (!fence || fence->mark != open.mark || fence->length < open.length) return false;
  const std::size_t start = line.find_first_not_of(" \t");
  return is_blank(line.substr(start + fence->length));
}

// Offset of "<tag" (any case, followed by '>', '/' or white space) in `line` at or after `from`, or npos.
std::size_t find_tag(std::string_view line, std::string_view tag, std::size_t from = 0) {
  for (std::size_t at = line.find('<', from); at != std::string_view::npos; at = line.find('<', at + 1)) {
    if (at + tag.size() + 1 > line.size()) return std::string_view::npos;
    bool same = true;
    for (std::size_t k = 0; k < tag.size() && same; ++k) same = ascii::to_lower(line[at + 1 + k]) == tag[k];
    if (!same) continue;
    const std::size_t after = at + 1 + tag.size();
    if (after == line.size() || line[after] == '>' || line[after] == '/' || ascii::is_space(line[after])) return at;
  }
  return std::string_view::npos;
}

bool is_indented_code(std::string_view line) {
  return !is_blank(line) && (line.starts_with("    ") || line.starts_with('\t'));
}

// Splits a body at \n, \r\n and \r, and marks the lines whose bytes mean something as written:
// fenced code (``` and ~~~), indented code (markdown only), <pre> ... </pre>, and blank lines between
// code lines. In an HTML body only <pre> counts.
std::vector<BodyLine> split_body_lines(std::string_view body, bool markdown) {
  std::vector<BodyLine> lines;
  for (std::size_t pos = 0; pos <= body.size();) {
    const std::size_t end = body.find_first_of("\r\n", pos);
    const std::size_t line_end = end == std::string_view::npos ? body.size() : end;
    lines.push_back({pos, line_end, is_blank(body.substr(pos, line_end - pos)), false, false});
    if (end == std::string_view::npos) break;
    pos = end + 1 + (body[end] == '\r' && end + 1 < body.size() && body[end + 1] == '\n' ? 1 : 0);
  }
  std::optional<Fence> fence;
  bool in_pre = false;
  bool after_blank = true;  // the previous line was blank, or there was none
  for (BodyLine& line : lines) {
    const std::string_view text = body.substr(line.begin, line.end - line.begin);
    if (fence) {
      line.verbatim = true;
      if (closes_fence(text, *fence)) fence.reset();
    } else if (in_pre) {
      line.verbatim = true;
      in_pre = find_tag(text, "/pre") == std::string_view::npos;
    } else if (const std::size_t pre = find_tag(text, "pre"); pre != std::string_view::npos) {
      line.verbatim = true;
      in_pre = find_tag(text, "/pre", pre) == std::string_view::npos;
    } else if (markdown && (fence = fence_of(text))) {
      line.verbatim = true;
    } else if (markdown && is_indented_code(text) &&
               (after_blank || (&line != &lines.front() && (&line - 1)->indented_code))) {
      line.verbatim = true;
      line.indented_code = true;
    } else if (markdown && line.blank && &line != &lines.front() && (&line - 1)->indented_code) {
      line.indented_code = true;  // maybe inside an indented code block: decided below
    }
    after_blank = line.blank;
  }
  // Blank lines inside an indented code block are part of it; those after its last line are not.
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (!lines[i].blank || !lines[i].indented_code || lines[i].verbatim) continue;
    std::size_t next = i;
    while (next < lines.size() && lines[next].blank && !lines[next].verbatim) ++next;
    const bool inside = next < lines.size() && lines[next].indented_code && lines[next].verbatim;
    for (std::size_t k = i; k < next; ++k) lines[k].verbatim = inside;
    i = next;
  }
  return lines;
}

// The bytes a mojibake repair must not touch: code lines, and `code spans` on the other lines.
std::vector<ByteRange> code_ranges(std::string_view body, const std::vector<BodyLine>& lines) {
  std::vector<ByteRange> ranges;
  for (const BodyLine& line : lines) {
    if (line.verbatim) {
      if (!ranges.empty() && ranges.back().end + 2 >= line.begin)
        ranges.back().end = line.end;
      else
        ranges.push_back({line.begin, line.end});
      continue;
    }
    const std::string_view text = body.substr(line.begin, line.end - line.begin);
    for (std::size_t at = text.find('`'); at != std::string_view::npos;) {
      std::size_t run = at;
      while (run < text.size() && text[run] == '`') ++run;
      const std::string_view ticks = text.substr(at, run - at);
      std::size_t close = text.find(ticks, run);
      while (close != std::string_view::npos && close + ticks.size() < text.size() && text[close + ticks.size()] == '`')
        close = text.find(ticks, text.find_first_not_of('`', close));
      if (close == std::string_view::npos) break;
      ranges.push_back({line.begin + at, line.begin + close + ticks.size()});
      at = text.find('`', close + ticks.size());
    }
  }
  return ranges;
}

// The cheap test repair_mojibake makes first, so most bodies skip splitting their lines twice.
bool may_need_mojibake_repair(std::string_view body) {
  for (std::size_t at = body.find('\xC3'); at != std::string_view::npos; at = body.find('\xC3', at + 1))
    if (at + 1 < body.size() && static_cast<unsigned char>(body[at + 1]) >= 0x82 &&
        static_cast<unsigned char>(body[at + 1]) <= 0xB4)
      return true;
  return false;
}

}  // namespace

std::string clean_inline_text(std::string_view text, Changes& changes) {
  if (already_clean_inline(text)) return std::string(text);

  std::string current;  // the text so far, once a step has changed it
  std::string_view view = text;
  if (!is_valid_utf8(view)) {
    current = repair_utf8(view);
    view = current;
    changes.emplace_back(kRepairedUtf8);
  }
  if (auto repaired = repair_mojibake(view)) {
    current = std::move(*repaired);
    view = current;
    changes.emplace_back(kRepairedMojibake);
  }
  if (view.find('<') != std::string_view::npos) {
    std::string stripped;
    if (strip_tags(view, stripped)) {
      current = std::move(stripped);
      view = current;
      changes.emplace_back(kRemovedTags);
    }
  }
  if (view.find('&') != std::string_view::npos) {
    std::string decoded;
    if (append_decoded(view, decoded)) {
      current = std::move(decoded);
      view = current;
      changes.emplace_back(kDecodedEntities);
    }
  }
  if (auto composed = to_nfc(view)) {
    current = std::move(*composed);
    view = current;
    changes.emplace_back(kNormalizedNfc);
  }
  return collapse_white_space(view);
}

std::string clean_body(std::string_view body, Changes& changes) {
  if (body.starts_with("\xEF\xBB\xBF")) body.remove_prefix(3);  // a byte-order mark is encoding, not text
  const bool markdown = classify_body(body) != BodyKind::html;
  std::string repaired;
  if (may_need_mojibake_repair(body)) {
    const std::vector<BodyLine> lines = split_body_lines(body, markdown);
    if (auto fixed = repair_mojibake_outside(body, code_ranges(body, lines))) {
      repaired = std::move(*fixed);
      body = repaired;
      changes.emplace_back(kRepairedMojibake);
    }
  }
  const std::vector<BodyLine> lines = split_body_lines(body, markdown);
  std::string out;
  out.reserve(body.size());
  bool blank_pending = false;             // a blank line since the last line kept
  std::size_t line_count = lines.size();  // blank lines at the end go, even in a fence left open
  while (line_count > 0 && lines[line_count - 1].blank) --line_count;
  for (std::size_t i = 0; i < line_count; ++i) {
    std::string_view line = body.substr(lines[i].begin, lines[i].end - lines[i].begin);
    if (lines[i].verbatim) {  // code, <pre>, or the blank lines between code lines: kept as written
      if (!out.empty()) out.append(blank_pending ? "\n\n" : "\n");
      out.append(line);
      blank_pending = false;
      continue;
    }
    const bool hard_break = markdown && line.ends_with("  ") && i + 1 < lines.size() && !lines[i + 1].blank;
    if (!hard_break)
      while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
    if (line.empty()) {
      blank_pending = !out.empty();
    } else {
      if (!out.empty()) out.append(blank_pending ? "\n\n" : "\n");
      out.append(line);
      blank_pending = false;
    }
  }
  return out;
}

}  // namespace newsnorm
