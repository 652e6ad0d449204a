// HTML bodies: telling them from plain text, and their plain text.
#include <gumbo.h>

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "detail/page_tree.hpp"
#include "newsnorm/core/ascii.hpp"
#include "newsnorm/core/utf8.hpp"
#include "newsnorm/html/markup.hpp"
#include "newsnorm/html/text.hpp"

namespace newsnorm {
namespace {

using namespace html;

constexpr std::size_t npos = std::string_view::npos;

// Gumbo scans the stack of open elements for most tags, so its cost grows with the sum, over tags,
// of how deeply they nest: 10,000 nested <div>s take seconds. It also checks each attribute of a tag
// against the ones before it, so 300,000 attributes in one tag take as long. Real pages nest a few
// dozen deep and have a handful of attributes per tag; past these bounds the linear scanner reads
// the markup instead.
constexpr std::size_t kMaxGumboDepth = 1000;
constexpr std::uint64_t kMaxGumboWork = 10'000'000;

using ascii::is_html_space;
using ascii::is_space;

// Elements whose content the HTML tokenizer reads as text up to their end tag, whatever it holds.
bool is_raw_text(std::string_view name) {
  return name == "script" || name == "style" || name == "textarea" || name == "title" || name == "iframe" ||
         name == "noembed" || name == "noframes" || name == "xmp";
}

// Attribute names in a tag's attribute text, counted as the HTML tokenizer reads them: a name (a
// leading '=' belongs to it), then maybe '=' and a value, quoted or not.
std::uint64_t count_attributes(std::string_view attributes) {
  std::uint64_t count = 0;
  const std::size_t size = attributes.size();
  for (std::size_t p = 0; p < size;) {
    if (is_html_space(attributes[p]) || attributes[p] == '/') {
      ++p;
      continue;
    }
    ++count;
    ++p;
    while (p < size && !is_html_space(attributes[p]) && attributes[p] != '/' && attributes[p] != '=') ++p;
    while (p < size && is_html_space(attributes[p])) ++p;
    if (p < size && attributes[p] == '=') {
      ++p;
      while (p < size && is_html_space(attributes[p])) ++p;
      if (p < size && (attributes[p] == '"' || attributes[p] == '\'')) {
        const std::size_t close = attributes.find(attributes[p], p + 1);
        p = close == npos ? size : close + 1;
      } else {
        while (p < size && !is_html_space(attributes[p])) ++p;
      }
    }
  }
  return count;
}

}  // namespace

// Whether gumbo can read the markup quickly. Reads the tags with the same TagScanner the rest of the
// text module uses and estimates from above how deeply elements nest in gumbo's tree: any start tag
// counts (known or not) except void elements and those closed implicitly by a sibling (p, li, td); an
// end tag uncounts one open element of its name, and nothing when none is open (gumbo ignores it).
// Raw text (script, style, textarea...) hides tags up to its end tag. A tag long enough that the
// scanner stops following its quotes may hide more attributes than it shows, so it is not trusted.
// One linear pass; `has_tags` says whether there was any markup at all.
bool html::fits_gumbo(std::string_view html, bool& has_tags, std::size_t max_depth, bool long_tags_fit) {
  TagScanner scanner(html);
  std::unordered_map<std::string, std::size_t> open;  // lower-case name -> elements of it counted open
  std::size_t depth = 0;
  std::uint64_t work = 0;
  has_tags = false;
  for (std::size_t at = html.find('<'); at != npos; at = html.find('<', at)) {
    const auto tag = scanner.tag_at(at);
    if (!tag) {
      ++at;
      continue;
    }
    has_tags = true;
    at += tag->length;
    if (tag->kind == TagKind::comment || tag->kind == TagKind::declaration) continue;
    if (tag->length >= kQuoteAwareSpan && !long_tags_fit) return false;
    const std::string name = ascii::to_lower(tag->name);
    work += count_attributes(tag->attributes) * count_attributes(tag->attributes) + depth;
    const ElementInfo* element = find_element(name);
    if (tag->kind == TagKind::end) {
      if (const auto it = open.find(name); it != open.end() && it->second > 0) {
        --it->second;
        --depth;
      }
    } else {
      if (!(element != nullptr && (element->flags & (kVoid | kOptionalEnd)))) {
        ++depth;
        ++open[name];
      }
      if (element != nullptr && is_raw_text(element->name)) {
        at = scanner.find_end_tag(at, element->name);  // its end tag comes next
        if (at == npos) return true;
      }
    }
    if (depth > max_depth || work > kMaxGumboWork) return false;
  }
  return true;
}

namespace {

void gumbo_text(const GumboNode* root, TextBuilder& out) {
  struct Frame {
    const GumboNode* node;
    unsigned next_child;
    ElementFlagSet flags;
  };
  std::vector<Frame> stack;
  stack.push_back({root, 0, 0});
  int preformatted = 0;
  while (!stack.empty()) {
    Frame& frame = stack.back();
    const GumboVector& children =
        frame.node->type == GUMBO_NODE_DOCUMENT ? frame.node->v.document.children : frame.node->v.element.children;
    if (frame.next_child >= children.length) {
      out.element_boundary(frame.flags);
      if (frame.flags & kPreformatted) --preformatted;
      stack.pop_back();
      continue;
    }
    const auto* child = static_cast<const GumboNode*>(children.data[frame.next_child++]);
    switch (child->type) {
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_CDATA:
      case GUMBO_NODE_WHITESPACE:
        if (preformatted > 0)
          out.preformatted(child->v.text.text);
        else
          out.text(child->v.text.text);
        break;
      case GUMBO_NODE_ELEMENT: {
        const ElementInfo* element = html_page_detail::element_info(child->v.element.tag);
        const ElementFlagSet flags = element ? element->flags : 0;
        if (flags & kSkipContent) break;
        if (flags & kVoid) {
          if (element->name == "br")
            out.forced_break();
          else
            out.element_boundary(flags);
          break;
        }
        out.element_boundary(flags);
        if (flags & kPreformatted) ++preformatted;
        stack.push_back({child, 0, flags});
        break;
      }
      default:  // comments; <template> content (GUMBO_NODE_TEMPLATE) is not text
        break;
    }
  }
}

// The same reading without a tree, for markup gumbo would take too long over.
void scanned_text(std::string_view html, TextBuilder& out) {
  TagScanner scanner(html);
  std::string decoded;
  int preformatted = 0;
  const auto emit = [&](std::string_view text) {
    decoded.clear();
    append_decoded(text, decoded);
    if (preformatted > 0)
      out.preformatted(decoded);
    else
      out.text(decoded);
  };
  std::size_t text_begin = 0;
  for (std::size_t at = html.find('<'); at != npos;) {
    const auto tag = scanner.tag_at(at);
    if (!tag) {
      at = html.find('<', at + 1);
      continue;
    }
    emit(html.substr(text_begin, at - text_begin));
    std::size_t after = at + tag->length;
    if (tag->kind == TagKind::start || tag->kind == TagKind::end) {
      if (const ElementInfo* element = find_element(tag->name)) {
        const ElementFlagSet flags = element->flags;
        if (tag->kind == TagKind::start && (flags & kSkipContent)) {
          if (const std::size_t end = scanner.find_end_tag(after, element->name); end != npos) {
            const auto end_tag = scanner.tag_at(end);
            after = end + (end_tag ? end_tag->length : 2 + element->name.size());
          }
        } else if (element->name == "br") {
          out.forced_break();
        } else {
          out.element_boundary(flags);
          if (flags & kPreformatted) preformatted += tag->kind == TagKind::start ? 1 : (preformatted > 0 ? -1 : 0);
        }
      }
    }
    text_begin = after;
    at = html.find('<', after);
  }
  emit(html.substr(text_begin));
}

}  // namespace

bool looks_like_html(std::string_view body) {
  std::size_t start = 0;
  while (start < body.size() && is_space(body[start])) ++start;
  TagScanner scanner(body);
  if (start < body.size() && body[start] == '<') {
    if (const auto tag = scanner.tag_at(start)) {
      if (tag->kind == TagKind::declaration && body.size() - start >= 9) {
        if (ascii::equals_ignoring_case(body.substr(start + 2, 7), "doctype")) return true;
      }
      if ((tag->kind == TagKind::start || tag->kind == TagKind::end) && find_element(tag->name) &&
          reads_as_markup(*tag))
        return true;
    }
  }
  int tags = 0;
  for (std::size_t at = body.find('<', start); at != npos; at = body.find('<', at + 1)) {
    const auto tag = scanner.tag_at(at);
    if (!tag || (tag->kind != TagKind::start && tag->kind != TagKind::end) || !find_element(tag->name) ||
        !reads_as_markup(*tag))
      continue;
    if (++tags >= 3) return true;
    at += tag->length - 1;
  }
  return false;
}

std::string html_to_text(std::string_view html) {
  struct Parse {  // frees gumbo's tree on every path out
    GumboOptions options = kGumboDefaultOptions;
    GumboOutput* output = nullptr;
    ~Parse() {
      if (output != nullptr) gumbo_destroy_output(&options, output);
    }
  };
  TextBuilder out;
  try {
    std::string repaired;  // both readers need UTF-8; gumbo would repair it the same way
    if (!is_valid_utf8(html)) {
      repaired = repair_utf8(html);
      html = repaired;
    }
    bool has_tags = false;
    if (!fits_gumbo(html, has_tags, kMaxGumboDepth) || !has_tags) {
      // Text without markup needs no tree: the scanner decodes its entities and white space alike.
      scanned_text(html, out);
      return out.take();
    }
    Parse parse;
    parse.options.max_errors = 0;  // nobody reads them, and broken markup would fill memory with them
    parse.output = gumbo_parse_with_options(&parse.options, html.data(), html.size());
    if (parse.output == nullptr) {
      scanned_text(html, out);
    } else {
      gumbo_text(parse.output->document, out);
    }
    return out.take();
  } catch (const std::exception&) {
    // Only allocation can fail here; what was read so far is the best answer left.
    return out.take();
  }
}

}  // namespace newsnorm
