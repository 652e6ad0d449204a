// The chosen article as plain text (HTML's white-space rules, paragraphs separated by blank
// lines) and as cleaned markup (only structural elements and a few safe attributes).
#include "detail/page_tree.hpp"
#include "newsnorm/html/markup.hpp"

namespace newsnorm::html_page_detail {
namespace {

using html::ElementInfo;
using html::find_element;
using html::TextBuilder;

const ElementInfo* info(const Node& node) { return element_info(node.tag); }

void escape(std::string& out, std::string_view text, bool attribute) {
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"':
        if (attribute)
          out += "&quot;";
        else
          out.push_back(c);
        break;
      default: out.push_back(c);
    }
  }
}

}  // namespace

std::string render_text(const Dom& dom, const std::vector<int>& roots) {
  TextBuilder out;
  struct Frame {
    int node;
    std::size_t next;
    html::ElementFlagSet flags;
  };
  std::vector<Frame> stack;
  int preformatted = 0;
  for (const int root : roots) {
    if (root < 0 || dom.nodes[root].removed) continue;
    out.paragraph_break();
    const ElementInfo* root_info = info(dom.nodes[root]);
    stack.push_back({root, 0, root_info ? root_info->flags : html::ElementFlagSet{0}});
    while (!stack.empty()) {
      Frame& frame = stack.back();
      const Node& node = dom.nodes[frame.node];
      if (frame.next >= node.children.size()) {
        out.element_boundary(frame.flags);
        if (frame.flags & html::kPreformatted) --preformatted;
        stack.pop_back();
        continue;
      }
      const Node& child = dom.nodes[node.children[frame.next++]];
      if (child.removed) continue;
      if (child.is_text) {
        if (preformatted > 0)
          out.preformatted(child.text());
        else
          out.text(child.text());
        continue;
      }
      const ElementInfo* element = info(child);
      const html::ElementFlagSet flags = element ? element->flags : 0;
      if (flags & html::kSkipContent) continue;
      if (flags & html::kVoid) {
        if (child.tag == GUMBO_TAG_BR)
          out.forced_break();
        else
          out.element_boundary(flags);
        continue;
      }
      out.element_boundary(flags);
      if (flags & html::kPreformatted) ++preformatted;
      stack.push_back({node.children[frame.next - 1], 0, flags});
    }
  }
  return out.take();
}

std::string render_html(const Dom& dom, const std::vector<int>& roots) {
  std::string out;
  struct Frame {
    int node;
    std::size_t next;
  };
  std::vector<Frame> stack;
  const auto open = [&](const Node& node) {
    const char* name = gumbo_normalized_tagname(node.tag);
    out += '<';
    out += name;
    for (const char* attribute : {"href", "src", "alt", "title", "datetime", "colspan", "rowspan"}) {
      const std::string_view value = node.attr(attribute);
      if (value.empty()) continue;
      out += ' ';
      out += attribute;
      out += "=\"";
      escape(out, value, true);
      out += '"';
    }
    out += '>';
  };
  for (const int root : roots) {
    if (root < 0 || dom.nodes[root].removed) continue;
    const Node& root_node = dom.nodes[root];
    if (root_node.is_text) {
      escape(out, root_node.text(), false);
      continue;
    }
    // Unknown elements and wrappers the body does not need are written as their content only.
    const auto written = [](const Node& node) {
      return node.tag != GUMBO_TAG_UNKNOWN && node.tag != GUMBO_TAG_BODY && node.tag != GUMBO_TAG_HTML;
    };
    if (written(root_node)) open(root_node);
    stack.push_back({root, 0});
    while (!stack.empty()) {
      Frame& frame = stack.back();
      const Node& node = dom.nodes[frame.node];
      if (frame.next >= node.children.size()) {
        if (written(node)) {
          out += "</";
          out += gumbo_normalized_tagname(node.tag);
          out += '>';
        }
        stack.pop_back();
        continue;
      }
      const int index = node.children[frame.next++];
      const Node& child = dom.nodes[index];
      if (child.removed) continue;
      if (child.is_text) {
        escape(out, child.text(), false);
        continue;
      }
      const ElementInfo* element = info(child);
      if (element && (element->flags & html::kVoid)) {
        open(child);
        continue;
      }
      if (written(child)) open(child);
      stack.push_back({index, 0});
    }
    out += '\n';
  }
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

}  // namespace newsnorm::html_page_detail
