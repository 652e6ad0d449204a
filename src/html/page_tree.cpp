// The page reader's view of gumbo's tree: built without recursion, measured bottom-up.
#include <algorithm>
#include <cstring>

#include "detail/page_tree.hpp"
#include "newsnorm/core/ascii.hpp"

namespace newsnorm::html_page_detail {
namespace {

using ascii::is_space;

// Elements whose content is never article text: not part of the view at all.
bool never_text(GumboTag tag) { return element_flags(tag) & html::kNotArticle; }

const GumboVector* children_of(const GumboNode* node) {
  if (node->type == GUMBO_NODE_DOCUMENT) return &node->v.document.children;
  if (node->type == GUMBO_NODE_ELEMENT || node->type == GUMBO_NODE_TEMPLATE) return &node->v.element.children;
  return nullptr;
}

std::string_view gumbo_attr(const GumboNode* node, const char* name) {
  if (node->type != GUMBO_NODE_ELEMENT) return {};
  const GumboAttribute* attribute = gumbo_get_attribute(&node->v.element.attributes, name);
  return attribute ? std::string_view(attribute->value) : std::string_view();
}

std::string node_text(const GumboNode* root) {
  std::string out;
  std::vector<const GumboNode*> stack{root};
  while (!stack.empty()) {
    const GumboNode* node = stack.back();
    stack.pop_back();
    if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE || node->type == GUMBO_NODE_CDATA) {
      out += node->v.text.text;
    } else if (const GumboVector* children = children_of(node)) {
      for (unsigned i = children->length; i-- > 0;) stack.push_back(static_cast<const GumboNode*>(children->data[i]));
    }
  }
  return out;
}

}  // namespace

const html::ElementInfo* element_info(GumboTag tag) {
  // Looked up by name once per tag: the list is by name, gumbo's tags are numbers.
  static const std::vector<const html::ElementInfo*> by_tag = [] {
    std::vector<const html::ElementInfo*> table(GUMBO_TAG_LAST + 1, nullptr);
    for (int t = 0; t < GUMBO_TAG_LAST; ++t)
      if (t != GUMBO_TAG_UNKNOWN) table[t] = html::find_element(gumbo_normalized_tagname(static_cast<GumboTag>(t)));
    return table;
  }();
  return tag >= 0 && tag <= GUMBO_TAG_LAST ? by_tag[tag] : nullptr;
}

std::string_view Node::attr(const char* name) const { return gumbo_attr(gumbo, name); }

std::string_view Node::text() const { return is_text ? std::string_view(gumbo->v.text.text) : std::string_view(); }

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return out;
}

std::string collapse_space(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    // U+00A0 (C2 A0) counts as a space too.
    const bool nbsp = c == '\xC2' && i + 1 < text.size() && text[i + 1] == '\xA0';
    if (is_space(c) || nbsp) {
      if (nbsp) ++i;
      pending = !out.empty();
      continue;
    }
    if (pending) out.push_back(' ');
    pending = false;
    out.push_back(c);
  }
  return out;
}

Dom build_dom(const GumboOutput& output) {
  Dom dom;
  struct Frame {
    const GumboNode* node;
    int index;  // in dom.nodes, or -1 when outside the view (inside <head>)
    unsigned next_child;
  };
  std::vector<Frame> stack;
  // nodes[0]: the root element.
  const GumboNode* root = output.root;
  dom.nodes.push_back(Node{});
  dom.nodes[0].gumbo = root;
  dom.nodes[0].tag = root->v.element.tag;
  dom.collected.html_lang = std::string(gumbo_attr(root, "lang"));
  if (dom.collected.html_lang.empty()) dom.collected.html_lang = std::string(gumbo_attr(root, "xml:lang"));
  stack.push_back({root, 0, 0});
  while (!stack.empty()) {
    Frame& frame = stack.back();
    const GumboVector* children = children_of(frame.node);
    if (children == nullptr || frame.next_child >= children->length) {
      if (frame.index >= 0) dom.nodes[frame.index].end = static_cast<int>(dom.nodes.size());
      stack.pop_back();
      continue;
    }
    const auto* child = static_cast<const GumboNode*>(children->data[frame.next_child++]);
    const int parent = frame.index;
    const int depth = parent >= 0 ? dom.nodes[parent].depth + 1 : 0;
    if (child->type == GUMBO_NODE_TEXT || child->type == GUMBO_NODE_WHITESPACE || child->type == GUMBO_NODE_CDATA) {
      if (parent < 0) continue;
      Node node;
      node.gumbo = child;
      node.is_text = true;
      node.parent = parent;
      node.depth = depth;
      node.end = static_cast<int>(dom.nodes.size()) + 1;
      dom.nodes[parent].children.push_back(static_cast<int>(dom.nodes.size()));
      dom.nodes.push_back(std::move(node));
      continue;
    }
    if (child->type != GUMBO_NODE_ELEMENT) continue;  // comments; template contents
    const GumboTag tag = child->v.element.tag;
    switch (tag) {
      case GUMBO_TAG_META: dom.collected.metas.push_back(child); break;
      case GUMBO_TAG_LINK: dom.collected.links.push_back(child); break;
      case GUMBO_TAG_TIME: dom.collected.times.push_back(child); break;
      case GUMBO_TAG_TITLE:
        if (dom.collected.title.empty() && parent <= 0) dom.collected.title = node_text(child);
        break;
      case GUMBO_TAG_SCRIPT:
        if (lower(gumbo_attr(child, "type")).find("ld+json") != std::string::npos) {
          const GumboVector& kids = child->v.element.children;
          if (kids.length > 0) {
            const auto* text = static_cast<const GumboNode*>(kids.data[0]);
            if (text->type == GUMBO_NODE_TEXT || text->type == GUMBO_NODE_WHITESPACE)
              dom.collected.json_ld.emplace_back(text->v.text.text);
          }
        }
        break;
      default: break;
    }
    if (tag == GUMBO_TAG_HEAD) {  // metadata only
      stack.push_back({child, -1, 0});
      continue;
    }
    if (never_text(tag) || parent < 0) {
      if (parent < 0) stack.push_back({child, -1, 0});  // inside <head>: keep collecting
      continue;
    }
    Node node;
    node.gumbo = child;
    node.tag = tag;
    node.parent = parent;
    node.depth = depth;
    const int index = static_cast<int>(dom.nodes.size());
    dom.nodes[parent].children.push_back(index);
    dom.nodes.push_back(std::move(node));
    stack.push_back({child, index, 0});
  }
  return dom;
}

void measure(Dom& dom) {
  auto& nodes = dom.nodes;
  for (Node& node : nodes) {
    node.text_chars = node.link_chars = node.commas = node.paragraphs = node.images = node.list_items = 0;
    node.inputs = node.embeds = node.headings = node.paragraph_chars = 0;
  }
  for (std::size_t k = nodes.size(); k-- > 0;) {
    Node& node = nodes[k];
    if (node.removed) continue;
    if (node.is_text) {
      for (const char c : node.text()) {
        if (!is_space(c) && (static_cast<unsigned char>(c) & 0xC0) != 0x80) ++node.text_chars;
        if (c == ',') ++node.commas;
      }
      // "，" and "、" count as commas too
      const std::string_view t = node.text();
      for (std::size_t at = t.find("\xEF\xBC\x8C"); at != std::string_view::npos; at = t.find("\xEF\xBC\x8C", at + 3))
        ++node.commas;
    } else {
      switch (node.tag) {
        case GUMBO_TAG_P: ++node.paragraphs; break;
        case GUMBO_TAG_IMG: ++node.images; break;
        case GUMBO_TAG_LI: ++node.list_items; break;
        case GUMBO_TAG_FORM: ++node.inputs; break;
        case GUMBO_TAG_H1:
        case GUMBO_TAG_H2:
        case GUMBO_TAG_H3:
        case GUMBO_TAG_H4:
        case GUMBO_TAG_H5:
        case GUMBO_TAG_H6: ++node.headings; break;
        default: break;
      }
      // An <a>'s children reached it before this point, so its text is complete: all of it is link text.
      if (node.tag == GUMBO_TAG_A) node.link_chars = node.text_chars;
      if (node.tag == GUMBO_TAG_P) node.paragraph_chars = node.text_chars - std::min(node.text_chars, node.link_chars);
    }
    if (node.parent >= 0) {
      Node& parent = nodes[node.parent];
      parent.text_chars += node.text_chars;
      parent.link_chars += node.link_chars;
      parent.commas += node.commas;
      parent.paragraphs += node.paragraphs;
      parent.images += node.images;
      parent.list_items += node.list_items;
      parent.inputs += node.inputs;
      parent.embeds += node.embeds;
      parent.headings += node.headings;
      parent.paragraph_chars += node.paragraph_chars;
    }
  }
}

}  // namespace newsnorm::html_page_detail
