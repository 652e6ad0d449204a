#pragma once
// The HTML toolkit the page reader (html/page.hpp) and the body clean-up (normalize/) share:
// character references, tags and their meaning, a linear tag scanner, gumbo's cost bound and a
// plain-text builder with HTML's white-space rules.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "newsnorm/core/utf8.hpp"

namespace newsnorm::html {

// ---- Character references ----

// Decodes the character reference starting at text[at] (which is '&') into `out`. Returns how many
// bytes it spans, or 0 when it is not a reference (a lone '&', "AT&T", an unknown name): the caller
// then keeps the '&' as text. Named references need their ';'; numeric ones do not (as in HTML).
std::size_t decode_reference(std::string_view text, std::size_t at, std::string& out);

// Appends `text` to `out` with every character reference decoded; true when any was.
bool append_decoded(std::string_view text, std::string& out);

// ---- Tags ----

// What an element means for plain text, and for the page reader: the one list of HTML's elements
// (scan.cpp) that the inline clean-up, the text of bodies and the page reader all read.
enum ElementFlags : std::uint16_t {
  kVoid = 1,           // never has content or an end tag (br, img, ...)
  kLineBreak = 2,      // starts and ends a line (div, li, tr, ...)
  kParagraph = 4,      // separated from its neighbours by a blank line (p, h1, ul, table, ...)
  kSkipContent = 8,    // its content is not text (script, style, template, head, ...)
  kCell = 16,          // a table cell: a space between neighbours
  kOptionalEnd = 32,   // closed implicitly by a sibling (p, li, td, ...), so it does not nest deeply
  kPreformatted = 64,  // white space inside is kept
  kNotArticle = 128,   // the page reader: never article text (scripts, forms, media, head, frames)
  kBlock = 256,        // the page reader: makes a <div> around it more than a paragraph
};
using ElementFlagSet = std::uint16_t;

struct ElementInfo {
  std::string_view name;  // lower case
  ElementFlagSet flags = 0;
};

// The HTML element called `name` (any case), or nullptr when HTML has no such element.
const ElementInfo* find_element(std::string_view name);

enum class TagKind { start, end, comment, declaration };

struct Tag {
  TagKind kind = TagKind::start;
  std::string_view name;   // as written; empty for comments and declarations
  std::size_t length = 0;  // bytes from '<' to '>' inclusive
  bool self_closing = false;
  std::string_view attributes;  // between the name and '>' (or "/>")
};

// Whether a tag reads as markup rather than prose: bare ("<b>", "</b>", "<br />") or with an
// attribute value ("<a href=...>"). "a<b and c>d" parses as a tag, but no generator writes it.
bool reads_as_markup(const Tag& tag);

// A quoted attribute value may hide a '>'; following quotes is worth it for tags of ordinary size
// only, and bounded so that a text full of '<' and quotes still scans in linear time.
inline constexpr std::size_t kQuoteAwareSpan = 2048;

// Finds tags in one text. It remembers where a search for '>' or "-->" failed or ended, so that
// scanning a whole text costs time linear in its length, whatever it holds.
class TagScanner {
 public:
  explicit TagScanner(std::string_view text) : text_(text) {}

  // The tag at text[at] == '<': '<' then a letter, '/' and a letter, or '!'. nullopt when the '<'
  // is just text ("a < b", "x<3", an unterminated "<p" at the end).
  std::optional<Tag> tag_at(std::size_t at);

  // Offset of the '<' of the end tag "</name" (any case) at or after `from`, or npos.
  std::size_t find_end_tag(std::size_t from, std::string_view name);

 private:
  // A cached forward search: the first match at or after `from` is `found` (npos: none).
  struct Search {
    std::size_t from = std::string_view::npos;
    std::size_t found = std::string_view::npos;
  };
  std::size_t next(Search& cache, std::string_view needle, std::size_t from);
  std::size_t tag_end(std::size_t at, std::size_t name_end);

  std::string_view text_;
  Search gt_;
  Search comment_end_;
  std::string end_tag_name_;
  Search end_tag_;
};

// Whether gumbo can read the markup quickly: one linear pass that estimates from above how deeply
// elements nest in gumbo's tree and how much work its attribute checks cost; false past `max_depth`
// levels or the work bound. `has_tags` says whether there was any markup at all. (html_text.cpp)
// A tag longer than the scanner follows quotes in may hide attributes: bodies (`long_tags_fit`
// false) then fall back to scanned text; whole pages, where long tags are common (inline SVG, data
// attributes), accept them and keep only the depth and work bounds.
bool fits_gumbo(std::string_view html, bool& has_tags, std::size_t max_depth, bool long_tags_fit = false);

// ---- Plain text builder ----

// Accumulates text with HTML's white-space rules: runs collapse to one space, block boundaries
// become a newline or a blank line, nothing leads or trails.
class TextBuilder {
 public:
  void text(std::string_view text);          // collapsing white space (U+00A0 counts as a space)
  void preformatted(std::string_view text);  // keeping spaces and line breaks
  void space() { pending_space_ = true; }
  void line_break() { breaks_ = breaks_ < 1 ? 1 : breaks_; }
  void paragraph_break() { breaks_ = 2; }
  void forced_break() { breaks_ = breaks_ < 2 ? breaks_ + 1 : 2; }  // <br>: each one counts
  // An element's effect on entering or leaving it: a blank line, a line break or a space.
  void element_boundary(ElementFlagSet flags) {
    if (flags & kParagraph)
      paragraph_break();
    else if (flags & kLineBreak)
      line_break();
    else if (flags & kCell)
      space();
  }
  std::string take() { return std::move(out_); }

 private:
  void flush();
  std::string out_;
  bool pending_space_ = false;
  int breaks_ = 0;
};

}  // namespace newsnorm::html
