// Tag scanning, the element table and the plain-text builder behind clean_inline_text and html_to_text.
#include <algorithm>
#include <array>
#include <vector>

#include "newsnorm/core/ascii.hpp"
#include "newsnorm/html/markup.hpp"

namespace newsnorm::html {
namespace {

constexpr std::size_t npos = std::string_view::npos;
constexpr std::size_t kTagWindow = 8192;

using ascii::equals_ignoring_case;
using ascii::is_html_space;
using ascii::to_lower;
bool is_ascii_alpha(char c) { return ascii::is_alpha(c); }
bool is_ascii_alnum(char c) { return ascii::is_alnum(c); }

constexpr ElementFlagSet kPara = kParagraph;
constexpr ElementFlagSet kLine = kLineBreak;
constexpr ElementFlagSet kSkip = kSkipContent;
constexpr ElementFlagSet kOpt = kOptionalEnd;
constexpr ElementFlagSet kNot = kNotArticle;

// Every element of HTML (and a few obsolete ones still found in feeds). Unknown names are not tags
// for the inline clean-up, so "<Gallery>" or "<name@example.com>" in a title stays as written.
constexpr std::array kElements = {
    ElementInfo{"a", 0},
    ElementInfo{"abbr", 0},
    ElementInfo{"address", kLine},
    ElementInfo{"applet", kNot},
    ElementInfo{"area", kVoid},
    ElementInfo{"article", kLine | kBlock},
    ElementInfo{"aside", kLine | kBlock},
    ElementInfo{"audio", kNot},
    ElementInfo{"b", 0},
    ElementInfo{"base", kVoid | kNot},
    ElementInfo{"basefont", kVoid},
    ElementInfo{"bdi", 0},
    ElementInfo{"bdo", 0},
    ElementInfo{"bgsound", kVoid},
    ElementInfo{"big", 0},
    ElementInfo{"blockquote", kPara | kBlock},
    ElementInfo{"body", kLine | kOpt},
    ElementInfo{"br", kVoid | kLine},
    ElementInfo{"button", kNot},
    ElementInfo{"canvas", kNot},
    ElementInfo{"caption", kLine},
    ElementInfo{"center", kLine},
    ElementInfo{"cite", 0},
    ElementInfo{"code", 0},
    ElementInfo{"col", kVoid},
    ElementInfo{"colgroup", kOpt},
    ElementInfo{"data", 0},
    ElementInfo{"datalist", 0},
    ElementInfo{"dd", kLine | kOpt},
    ElementInfo{"del", 0},
    ElementInfo{"details", kLine},
    ElementInfo{"dfn", 0},
    ElementInfo{"dialog", kLine},
    ElementInfo{"dir", kPara},
    ElementInfo{"div", kLine | kBlock},
    ElementInfo{"dl", kPara | kBlock},
    ElementInfo{"dt", kLine | kOpt},
    ElementInfo{"em", 0},
    ElementInfo{"embed", kVoid | kNot},
    ElementInfo{"fieldset", kLine},
    ElementInfo{"figcaption", kLine},
    ElementInfo{"figure", kPara | kBlock},
    ElementInfo{"font", 0},
    ElementInfo{"footer", kLine | kBlock},
    ElementInfo{"form", kLine | kBlock},
    ElementInfo{"frame", kVoid | kNot},
    ElementInfo{"frameset", kSkip | kNot},
    ElementInfo{"h1", kPara | kBlock},
    ElementInfo{"h2", kPara | kBlock},
    ElementInfo{"h3", kPara | kBlock},
    ElementInfo{"h4", kPara | kBlock},
    ElementInfo{"h5", kPara | kBlock},
    ElementInfo{"h6", kPara | kBlock},
    ElementInfo{"head", kSkip | kOpt | kNot},
    ElementInfo{"header", kLine | kBlock},
    ElementInfo{"hgroup", kLine},
    ElementInfo{"hr", kVoid | kPara},
    ElementInfo{"html", kLine | kOpt},
    ElementInfo{"i", 0},
    ElementInfo{"iframe", kSkip | kNot},
    ElementInfo{"img", kVoid | kBlock},
    ElementInfo{"input", kVoid | kNot},
    ElementInfo{"ins", 0},
    ElementInfo{"kbd", 0},
    ElementInfo{"keygen", kVoid},
    ElementInfo{"label", 0},
    ElementInfo{"legend", kLine},
    ElementInfo{"li", kLine | kOpt | kBlock},
    ElementInfo{"link", kVoid | kNot},
    ElementInfo{"main", kLine | kBlock},
    ElementInfo{"map", kNot},
    ElementInfo{"mark", 0},
    ElementInfo{"math", kNot},
    ElementInfo{"menu", kPara | kNot},
    ElementInfo{"meta", kVoid | kNot},
    ElementInfo{"meter", 0},
    ElementInfo{"nav", kLine | kBlock},
    ElementInfo{"nobr", 0},
    ElementInfo{"noembed", kSkip},
    ElementInfo{"noframes", kSkip},
    ElementInfo{"noscript", kSkip | kNot},
    ElementInfo{"object", kNot},
    ElementInfo{"ol", kPara | kBlock},
    ElementInfo{"optgroup", kLine | kOpt},
    ElementInfo{"option", kLine | kOpt | kNot},
    ElementInfo{"output", 0},
    ElementInfo{"p", kPara | kOpt | kBlock},
    ElementInfo{"param", kVoid},
    ElementInfo{"picture", 0},
    ElementInfo{"pre", kPara | kPreformatted | kBlock},
    ElementInfo{"progress", 0},
    ElementInfo{"q", 0},
    ElementInfo{"rb", kOpt},
    ElementInfo{"rp", kOpt},
    ElementInfo{"rt", kOpt},
    ElementInfo{"rtc", kOpt},
    ElementInfo{"ruby", 0},
    ElementInfo{"s", 0},
    ElementInfo{"samp", 0},
    ElementInfo{"script", kSkip | kNot},
    ElementInfo{"section", kLine | kBlock},
    ElementInfo{"select", kNot},
    ElementInfo{"slot", 0},
    ElementInfo{"small", 0},
    ElementInfo{"source", kVoid},
    ElementInfo{"span", 0},
    ElementInfo{"strike", 0},
    ElementInfo{"strong", 0},
    ElementInfo{"style", kSkip | kNot},
    ElementInfo{"sub", 0},
    ElementInfo{"summary", kLine},
    ElementInfo{"sup", 0},
    ElementInfo{"svg", kNot},
    ElementInfo{"table", kPara | kBlock},
    ElementInfo{"tbody", kLine | kOpt},
    ElementInfo{"td", kCell | kOpt},
    ElementInfo{"template", kSkip | kNot},
    ElementInfo{"textarea", kNot},
    ElementInfo{"tfoot", kLine | kOpt},
    ElementInfo{"th", kCell | kOpt},
    ElementInfo{"thead", kLine | kOpt},
    ElementInfo{"time", 0},
    ElementInfo{"title", kSkip | kNot},
    ElementInfo{"tr", kLine | kOpt},
    ElementInfo{"track", kVoid},
    ElementInfo{"tt", 0},
    ElementInfo{"u", 0},
    ElementInfo{"ul", kPara | kBlock},
    ElementInfo{"var", 0},
    ElementInfo{"video", kNot},
    ElementInfo{"wbr", kVoid},
};

constexpr bool sorted_by_name() {
  for (std::size_t i = 1; i < kElements.size(); ++i)
    if (!(kElements[i - 1].name < kElements[i].name)) return false;
  return true;
}
static_assert(sorted_by_name(), "kElements must stay sorted for the binary search");

}  // namespace

const ElementInfo* find_element(std::string_view name) {
  std::array<char, 12> lower{};
  if (name.empty() || name.size() > lower.size()) return nullptr;
  for (std::size_t i = 0; i < name.size(); ++i) lower[i] = to_lower(name[i]);
  const std::string_view key(lower.data(), name.size());
  const auto it = std::lower_bound(kElements.begin(), kElements.end(), key,
                                   [](const ElementInfo& e, std::string_view k) { return e.name < k; });
  return it != kElements.end() && it->name == key ? &*it : nullptr;
}

std::size_t TagScanner::next(Search& cache, std::string_view needle, std::size_t from) {
  // No match starts in [cache.from, cache.found), so the answer for any `from` in that range is known.
  if (cache.from != npos && cache.from <= from && (cache.found == npos || from <= cache.found)) return cache.found;
  cache.from = from;
  cache.found = text_.find(needle, from);
  return cache.found;
}

std::size_t TagScanner::tag_end(std::size_t at, std::size_t name_end) {
  const std::size_t gt = next(gt_, ">", name_end);
  if (gt == npos || gt - at > kQuoteAwareSpan) return gt;
  const std::size_t limit = std::min(text_.size(), at + kTagWindow);
  char last = '\0';  // last non-space character, to tell a quoted value (after '=') from a stray quote
  for (std::size_t pos = name_end; pos < limit; ++pos) {
    const char c = text_[pos];
    if (c == '>') return pos;
    if ((c == '"' || c == '\'') && last == '=') {
      const std::size_t close = text_.find(c, pos + 1);
      if (close == npos || close >= limit) return gt;
      pos = close;
      last = c;
      continue;
    }
    if (!is_html_space(c)) last = c;
  }
  return gt;
}

std::optional<Tag> TagScanner::tag_at(std::size_t at) {
  const std::size_t size = text_.size();
  if (at + 2 >= size || text_[at] != '<') return std::nullopt;
  const char first = text_[at + 1];
  if (first == '!') {
    if (text_.substr(at, 4) == "<!--") {
      const std::size_t end = next(comment_end_, "-->", at + 4);
      if (end == npos) return std::nullopt;
      return Tag{TagKind::comment, {}, end + 3 - at, false, {}};
    }
    if (!is_ascii_alpha(text_[at + 2]) && text_[at + 2] != '[') return std::nullopt;
    const std::size_t end = next(gt_, ">", at + 2);
    if (end == npos) return std::nullopt;
    return Tag{TagKind::declaration, {}, end + 1 - at, false, {}};
  }
  const bool closing = first == '/';
  const std::size_t name_begin = at + 1 + (closing ? 1 : 0);
  if (name_begin >= size || !is_ascii_alpha(text_[name_begin])) return std::nullopt;
  // The name runs to white space, '/' or '>', as in the HTML tokenizer ("<o:p>" is a tag to gumbo).
  std::size_t name_end = name_begin + 1;
  while (name_end < size && text_[name_end] != '>' && text_[name_end] != '/' && !is_html_space(text_[name_end]) &&
         text_[name_end] != '<')
    ++name_end;
  if (name_end >= size) return std::nullopt;
  const char after = text_[name_end];
  if (after != '>' && after != '/' && !is_html_space(after)) return std::nullopt;
  const std::size_t end = tag_end(at, name_end);
  if (end == npos) return std::nullopt;
  const bool self_closing = end > name_end && text_[end - 1] == '/';
  const std::size_t attributes_end = self_closing ? end - 1 : end;
  return Tag{closing ? TagKind::end : TagKind::start, text_.substr(name_begin, name_end - name_begin), end + 1 - at,
             self_closing, text_.substr(name_end, attributes_end - name_end)};
}

bool reads_as_markup(const Tag& tag) {
  const bool bare = std::all_of(tag.attributes.begin(), tag.attributes.end(), is_html_space);
  // The first attribute's '=' comes early in real markup; looking further would make scanning a text
  // of many '<' quadratic.
  constexpr std::size_t kFirstAttribute = 256;
  return bare ||
         (tag.kind == TagKind::start && tag.attributes.substr(0, kFirstAttribute).find('=') != std::string_view::npos);
}

std::size_t TagScanner::find_end_tag(std::size_t from, std::string_view name) {
  if (name != end_tag_name_) {
    end_tag_name_.assign(name);
    end_tag_ = {};
  }
  if (end_tag_.from != npos && end_tag_.from <= from && (end_tag_.found == npos || from <= end_tag_.found))
    return end_tag_.found;
  std::size_t found = npos;
  for (std::size_t pos = from;;) {
    const std::size_t candidate = text_.find("</", pos);
    if (candidate == npos) break;
    const std::size_t name_end = candidate + 2 + name.size();
    if (equals_ignoring_case(text_.substr(candidate + 2, name.size()), name) &&
        (name_end >= text_.size() || !is_ascii_alnum(text_[name_end]))) {
      found = candidate;
      break;
    }
    pos = candidate + 1;
  }
  end_tag_ = {from, found};
  return found;
}

void TextBuilder::flush() {
  if (!out_.empty()) {
    if (breaks_ > 0)
      out_.append(static_cast<std::size_t>(breaks_), '\n');
    else if (pending_space_)
      out_.push_back(' ');
  }
  breaks_ = 0;
  pending_space_ = false;
}

void TextBuilder::text(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    if (is_html_space(text[i])) {
      pending_space_ = true;
      ++i;
    } else if (text[i] == '\xC2' && i + 1 < text.size() && text[i + 1] == '\xA0') {
      // &nbsp; is a space to a reader of plain text; keeping it would leave lines of nothing but U+00A0.
      pending_space_ = true;
      i += 2;
    } else {
      std::size_t end = i + 1;
      while (end < text.size() && !is_html_space(text[end]) && text[end] != '\xC2') ++end;
      flush();
      out_.append(text.substr(i, end - i));
      i = end;
    }
  }
}

void TextBuilder::preformatted(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c == '\n') {
      forced_break();
      pending_space_ = false;
      ++i;
    } else if (c == '\r') {
      ++i;
    } else if (c == ' ' || c == '\t') {
      // Spaces inside a line are kept; those that end one are dropped with the line break.
      std::size_t end = i;
      while (end < text.size() && (text[end] == ' ' || text[end] == '\t')) ++end;
      if (end < text.size() && text[end] != '\n' && text[end] != '\r') {
        if (out_.empty()) {
          // Nothing leads the text.
        } else {
          flush();
          out_.append(text.substr(i, end - i));
        }
      }
      i = end;
    } else {
      std::size_t end = i + 1;
      while (end < text.size() && text[end] != '\n' && text[end] != '\r' && text[end] != ' ' && text[end] != '\t')
        ++end;
      flush();
      out_.append(text.substr(i, end - i));
      i = end;
    }
  }
}

}  // namespace newsnorm::html
