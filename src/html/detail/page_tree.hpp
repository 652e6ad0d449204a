#pragma once
// The page reader's own view of gumbo's tree, shared by its parts (tree, metadata, content,
// rendering); not public API. Nodes are stored in document order, so a node's subtree is the
// index range [i, end); children come after parents, and a reverse sweep visits children first.
#include <gumbo.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "newsnorm/html/markup.hpp"
#include "newsnorm/html/page.hpp"

namespace newsnorm::html_page_detail {

struct Node {
  const GumboNode* gumbo = nullptr;
  GumboTag tag = GUMBO_TAG_UNKNOWN;  // for text nodes: GUMBO_TAG_UNKNOWN
  bool is_text = false;
  int parent = -1;
  int end = 0;  // one past the last node of the subtree
  int depth = 0;
  std::vector<int> children;

  // Filled by measure(): over the subtree, text not removed.
  std::uint32_t text_chars = 0;  // non-space characters
  std::uint32_t link_chars = 0;  // of which inside <a>
  std::uint32_t commas = 0;
  std::uint32_t paragraphs = 0;  // <p> elements
  std::uint32_t images = 0;
  std::uint32_t list_items = 0;
  std::uint32_t inputs = 0;
  std::uint32_t embeds = 0;
  std::uint32_t headings = 0;
  std::uint32_t paragraph_chars = 0;  // non-link text inside <p> elements
  bool removed = false;               // dropped with its subtree

  // Scoring.
  double score = 0;
  bool scored = false;

  std::string_view attr(const char* name) const;
  std::string_view text() const;
};

// What the metadata reader needs, collected on the one walk over gumbo's tree.
struct Collected {
  std::vector<const GumboNode*> metas;
  std::vector<const GumboNode*> links;
  std::vector<std::string_view> json_ld;
  std::vector<const GumboNode*> times;
  std::string title;
  std::string html_lang;
};

struct Dom {
  std::vector<Node> nodes;  // nodes[0] is the <body> (or the document root)
  Collected collected;
};

// Builds the view from gumbo's output: iteratively, skipping what is never text (script, style,
// noscript, template, svg, head ...) while collecting metadata nodes.
Dom build_dom(const GumboOutput& output);

// Metadata from the collected nodes; also returns JSON-LD articleBody texts (for the content hint).
void read_metadata(const Collected& collected, HtmlPage& page, std::vector<std::string>& article_bodies,
                   const HtmlLimits& limits);

// The main article: marks boilerplate removed and returns the root nodes of the article (the top
// candidate and siblings), in document order. `hints` are JSON-LD articleBody texts.
std::vector<int> extract_content(Dom& dom, const std::vector<std::string>& hints);

// Recomputes the measures of every node from its children, honouring `removed`.
void measure(Dom& dom);

// Plain text and cleaned markup of the given roots.
std::string render_text(const Dom& dom, const std::vector<int>& roots);
std::string render_html(const Dom& dom, const std::vector<int>& roots);

// Lower-case ASCII.
std::string lower(std::string_view text);

// What HTML says of a gumbo element (html/markup.hpp's one list of elements); null for one HTML
// does not define.
const html::ElementInfo* element_info(GumboTag tag);
inline html::ElementFlagSet element_flags(GumboTag tag) {
  const html::ElementInfo* info = element_info(tag);
  return info ? info->flags : 0;
}
// Collapses white space runs to one space and trims.
std::string collapse_space(std::string_view text);

}  // namespace newsnorm::html_page_detail
