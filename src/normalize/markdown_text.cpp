// Markdown bodies: telling them from HTML and plain text, and their plain text through cmark-gfm.
#include <cmark-gfm.h>

#include <memory>
#include <string>

#include "newsnorm/core/ascii.hpp"
#include "newsnorm/html/markup.hpp"
#include "newsnorm/normalize/text_normalize.hpp"

namespace newsnorm {
namespace {

using namespace html;

// A line that only markdown would write: a heading, a list item, a quote, a fence or a rule.
bool is_markdown_block_line(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && i < 3 && line[i] == ' ') ++i;
  const std::string_view rest = line.substr(i);
  if (rest.empty()) return false;
  const auto space_or_end = [&](std::size_t at) { return at == rest.size() || rest[at] == ' ' || rest[at] == '\t'; };
  if (rest[0] == '#') {
    std::size_t hashes = 0;
    while (hashes < rest.size() && rest[hashes] == '#') ++hashes;
    return hashes <= 6 && space_or_end(hashes);
  }
  if ((rest[0] == '-' || rest[0] == '*' || rest[0] == '+') && rest.size() > 1 && rest[1] == ' ') return true;
  if (rest[0] == '>') return true;
  if (rest.starts_with("```") || rest.starts_with("~~~")) return true;
  if (rest.find_first_not_of("-") == std::string_view::npos && rest.size() >= 3) return true;
  if (rest.find_first_not_of("=") == std::string_view::npos && rest.size() >= 3) return true;
  std::size_t digits = 0;
  while (digits < rest.size() && digits < 9 && ascii::is_digit(rest[digits])) ++digits;
  return digits > 0 && digits + 1 < rest.size() && (rest[digits] == '.' || rest[digits] == ')') &&
         rest[digits + 1] == ' ';
}

// Inline markdown: links, images, emphasis, code spans, autolinks, entities.
bool has_markdown_inline(std::string_view text) {
  for (const std::string_view mark : {"](", "![", "**", "__", "`", "<http://", "<https://"})
    if (text.find(mark) != std::string_view::npos) return true;
  for (std::size_t at = text.find('&'); at != std::string_view::npos; at = text.find('&', at + 1)) {
    std::string decoded;
    if (decode_reference(text, at, decoded) > 0) return true;
  }
  return false;
}

bool has_markdown_structure(std::string_view body) {
  for (std::size_t pos = 0; pos < body.size();) {
    std::size_t end = body.find('\n', pos);
    if (end == std::string_view::npos) end = body.size();
    if (is_markdown_block_line(body.substr(pos, end - pos))) return true;
    pos = end + 1;
  }
  return has_markdown_inline(body);
}

// Whether the body opens with a block-level HTML tag (<p>, <div>, <h2>, <table>, <!DOCTYPE>, <html>).
bool starts_with_block_tag(std::string_view body) {
  std::size_t start = 0;
  while (start < body.size() && ascii::is_space(body[start])) ++start;
  if (start >= body.size() || body[start] != '<') return false;
  TagScanner scanner(body);
  const auto tag = scanner.tag_at(start);
  if (!tag) return false;
  if (tag->kind == TagKind::declaration)
    return body.size() - start >= 9 && ascii::equals_ignoring_case(body.substr(start + 2, 7), "doctype");
  if (tag->kind != TagKind::start || !reads_as_markup(*tag)) return false;
  const ElementInfo* element = find_element(tag->name);
  return element != nullptr && (element->flags & (kLineBreak | kParagraph | kCell | kPreformatted)) != 0;
}

struct CmarkNodeDeleter {
  void operator()(cmark_node* node) const { cmark_node_free(node); }
};

bool in_tight_list(cmark_node* paragraph) {
  cmark_node* item = cmark_node_parent(paragraph);
  if (item == nullptr || cmark_node_get_type(item) != CMARK_NODE_ITEM) return false;
  cmark_node* list = cmark_node_parent(item);
  return list != nullptr && cmark_node_get_list_tight(list) != 0;
}

// Walks cmark's tree into a TextBuilder: blocks become line or paragraph breaks, code keeps its lines,
// raw HTML is read as HTML, link and emphasis marks disappear, image descriptions too (as <img> does).
void render(cmark_node* root, TextBuilder& out) {
  cmark_iter* iter = cmark_iter_new(root);
  const std::unique_ptr<cmark_iter, decltype(&cmark_iter_free)> owner(iter, &cmark_iter_free);
  int skipping = 0;  // inside an image
  for (cmark_event_type event; (event = cmark_iter_next(iter)) != CMARK_EVENT_DONE;) {
    cmark_node* node = cmark_iter_get_node(iter);
    const cmark_node_type type = cmark_node_get_type(node);
    const bool entering = event == CMARK_EVENT_ENTER;
    if (type == CMARK_NODE_IMAGE) {
      skipping += entering ? 1 : -1;
      continue;
    }
    if (skipping > 0) continue;
    const char* literal = cmark_node_get_literal(node);
    const std::string_view text = literal ? std::string_view(literal) : std::string_view();
    switch (type) {
      case CMARK_NODE_PARAGRAPH:
        // The paragraphs of a tight list's items are lines, as the list is written.
        if (in_tight_list(node))
          out.line_break();
        else
          out.paragraph_break();
        break;
      case CMARK_NODE_HEADING:
      case CMARK_NODE_BLOCK_QUOTE:
      case CMARK_NODE_LIST:
      case CMARK_NODE_THEMATIC_BREAK: out.paragraph_break(); break;
      case CMARK_NODE_ITEM: out.line_break(); break;
      case CMARK_NODE_CODE_BLOCK: {
        out.paragraph_break();
        std::string_view code = text;
        if (code.ends_with('\n')) code.remove_suffix(1);
        out.preformatted(code);
        out.paragraph_break();
        break;
      }
      case CMARK_NODE_HTML_BLOCK:
        out.paragraph_break();
        out.preformatted(html_to_text(text));
        out.paragraph_break();
        break;
      case CMARK_NODE_HTML_INLINE:
        // Inline tags carry no text; <br> is a line break. Comments (<!--more-->) are nothing.
        if (text.size() > 3 && ascii::equals_ignoring_case(text.substr(0, 3), "<br")) out.forced_break();
        break;
      case CMARK_NODE_TEXT:
      case CMARK_NODE_CODE: out.text(text); break;
      case CMARK_NODE_SOFTBREAK: out.space(); break;
      case CMARK_NODE_LINEBREAK: out.forced_break(); break;
      default:  // document, emphasis, strong, link: their children carry the text
        break;
    }
  }
}

}  // namespace

BodyKind classify_body(std::string_view body) {
  if (ascii::trim(body).empty()) return BodyKind::empty;
  if (starts_with_block_tag(body)) return BodyKind::html;
  if (has_markdown_structure(body)) return BodyKind::markdown;
  if (looks_like_html(body)) return BodyKind::html;
  return BodyKind::plain;
}

std::string markdown_to_text(std::string_view markdown) {
  TextBuilder out;
  try {
    std::string repaired;  // cmark reads bytes; the text builder wants UTF-8
    if (!is_valid_utf8(markdown)) {
      repaired = repair_utf8(markdown);
      markdown = repaired;
    }
    const std::unique_ptr<cmark_node, CmarkNodeDeleter> document(
        cmark_parse_document(markdown.data(), markdown.size(), CMARK_OPT_DEFAULT));
    if (document) render(document.get(), out);
    return out.take();
  } catch (const std::exception&) {
    return out.take();  // only allocation can fail; what was read so far is the best answer left
  }
}

std::optional<std::string> body_text(std::string_view body) {
  switch (classify_body(body)) {
    case BodyKind::empty: return std::nullopt;
    case BodyKind::html: return html_to_text(body);
    case BodyKind::markdown: return markdown_to_text(body);
    case BodyKind::plain: return std::string(body);
  }
  return std::nullopt;
}

}  // namespace newsnorm
