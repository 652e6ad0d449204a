// The main article of a page, in the manner of Mozilla's Readability: drop what is clearly not
// content (navigation, asides, hidden and unlikely blocks), score paragraphs into their ancestors
// (length, commas, class and id hints, link density), take the best candidate and its qualifying
// siblings, then clean them (lists of links, share bars, forms, image-only blocks). JSON-LD
// articleBody, when the page has one, is a hint: the element whose words match it best wins over
// the scored candidate when it matches clearly better. Nothing here looks at hosts or file names.
#include <algorithm>
#include <array>
#include <cmath>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "detail/page_tree.hpp"

namespace newsnorm::html_page_detail {
namespace {

// ---- Class and id hints ----

bool contains_any(std::string_view text, std::initializer_list<std::string_view> words) {
  for (const std::string_view word : words)
    if (text.find(word) != std::string_view::npos) return true;
  return false;
}

// Whole tokens of a class/id string (split at spaces, '-' and '_'), for short words like "ad".
bool has_token(std::string_view text, std::initializer_list<std::string_view> words) {
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find_first_of(" -_", start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view token = text.substr(start, end - start);
    for (const std::string_view word : words)
      if (token == word) return true;
    start = end + 1;
  }
  return false;
}

std::string class_and_id(const Node& node) {
  std::string text = lower(node.attr("class"));
  text += ' ';
  text += lower(node.attr("id"));
  return text;
}

bool unlikely(std::string_view s) {
  return contains_any(s,
                      {"-ad-",       "ai2html", "banner",   "breadcrumb",   "combx",     "comment",      "community",
                       "cover-wrap", "disqus",  "extra",    "footer",       "gdpr",      "header",       "legends",
                       "menu",       "related", "remark",   "replies",      "rss",       "shoutbox",     "sidebar",
                       "skyscraper", "social",  "sponsor",  "supplemental", "ad-break",  "agegate",      "pagination",
                       "pager",      "popup",   "cookie",   "newsletter",   "subscribe", "promo",        "share",
                       "sharing",    "navbar",  "masthead", "recommend",    "trending",  "most-popular", "mostpopular",
                       "signup",     "paywall", "modal",    "outbrain",     "taboola",   "widget"}) ||
         has_token(s, {"ad", "ads", "advert", "nav", "tags", "toolbar"});
}

bool maybe_candidate(std::string_view s) {
  // "embed": quoted posts (tweets and the like) embedded in the article are part of it.
  return contains_any(s, {"and", "article", "body", "column", "content", "main", "shadow", "story", "entry",
                          "post-text", "text", "embed"});
}

int class_weight(const Node& node) {
  int weight = 0;
  for (const char* name : {"class", "id"}) {
    const std::string s = lower(node.attr(name));
    if (s.empty()) continue;
    if (contains_any(
            s, {"-ad-",       "hidden",    "banner",     "combx",      "comment",  "com-",     "contact", "footer",
                "gdpr",       "masthead",  "media",      "meta",       "outbrain", "promo",    "related", "scroll",
                "share",      "shoutbox",  "sidebar",    "skyscraper", "sponsor",  "shopping", "widget",  "cookie",
                "newsletter", "subscribe", "breadcrumb", "social",     "menu",     "caption",  "byline",  "recommend",
                "popular",    "trending",  "signup",     "teaser"}) ||
        has_token(s, {"ad", "ads", "advert", "nav", "tags", "hid", "tool", "tools"}))
      weight -= 25;
    if (contains_any(s, {"article", "body", "content", "entry", "hentry", "h-entry", "main", "page", "post", "text",
                         "blog", "story"}))
      weight += 25;
  }
  return weight;
}

bool is_heading(GumboTag tag) {
  return tag == GUMBO_TAG_H1 || tag == GUMBO_TAG_H2 || tag == GUMBO_TAG_H3 || tag == GUMBO_TAG_H4 ||
         tag == GUMBO_TAG_H5 || tag == GUMBO_TAG_H6;
}

// Elements that make a <div> more than a paragraph.
bool is_block(GumboTag tag) { return element_flags(tag) & html::kBlock; }

double link_density(const Node& node) {
  if (node.text_chars == 0) return 0.0;
  return std::min(1.0, static_cast<double>(node.link_chars) / node.text_chars);
}

struct Flags {
  bool strip_unlikely = true;
  bool weight_classes = true;
  bool clean_conditionally = true;
};

class Extractor {
 public:
  explicit Extractor(Dom& dom) : dom_(dom), nodes_(dom.nodes) {}

  std::vector<int> run(const Flags& flags) {
    flags_ = flags;
    for (Node& node : nodes_) {
      node.removed = false;
      node.score = 0;
      node.scored = false;
    }
    prune();
    measure(dom_);
    score_paragraphs();
    const int top = choose_top();
    std::vector<int> roots = siblings(top);
    clean(roots);
    return roots;
  }

  // Removes a node and takes its measures off its ancestors.
  void remove(int index) {
    Node& node = nodes_[index];
    if (node.removed) return;
    node.removed = true;
    for (int a = node.parent; a >= 0; a = nodes_[a].parent) {
      Node& up = nodes_[a];
      up.text_chars -= node.text_chars;
      up.link_chars -= std::min(up.link_chars, up.tag == GUMBO_TAG_A ? node.text_chars : node.link_chars);
      up.commas -= node.commas;
      up.paragraphs -= node.paragraphs;
      up.images -= node.images;
      up.list_items -= node.list_items;
      up.inputs -= node.inputs;
      up.embeds -= node.embeds;
      up.headings -= node.headings;
      up.paragraph_chars -= std::min(up.paragraph_chars, node.paragraph_chars);
    }
  }

 private:
  void prune() {
    for (std::size_t i = 1; i < nodes_.size(); ++i) {
      Node& node = nodes_[i];
      if (node.parent >= 0 && nodes_[node.parent].removed) {
        node.removed = true;
        continue;
      }
      if (node.is_text) continue;
      switch (node.tag) {
        case GUMBO_TAG_NAV:
        case GUMBO_TAG_ASIDE:
        case GUMBO_TAG_FOOTER:
        case GUMBO_TAG_HEADER:
        case GUMBO_TAG_FORM:
        case GUMBO_TAG_FIELDSET:
        case GUMBO_TAG_LABEL:
        case GUMBO_TAG_H1:
        case GUMBO_TAG_FIGURE:
        case GUMBO_TAG_FIGCAPTION:
          if (node.tag != GUMBO_TAG_FORM || flags_.strip_unlikely) {
            node.removed = true;
            continue;
          }
          break;
        default: break;
      }
      if (node.gumbo && gumbo_get_attribute(&node.gumbo->v.element.attributes, "hidden")) {
        node.removed = true;
        continue;
      }
      if (node.attr("aria-hidden") == "true" && node.tag != GUMBO_TAG_IMG) {
        node.removed = true;
        continue;
      }
      const std::string style = lower(node.attr("style"));
      if (!style.empty()) {
        std::string compact;
        for (char c : style)
          if (c != ' ') compact.push_back(c);
        if (compact.find("display:none") != std::string::npos ||
            compact.find("visibility:hidden") != std::string::npos) {
          node.removed = true;
          continue;
        }
      }
      const std::string role = lower(node.attr("role"));
      if (role == "navigation" || role == "menu" || role == "menubar" || role == "complementary" ||
          role == "contentinfo" || role == "dialog" || role == "alert" || role == "alertdialog" || role == "search" ||
          role == "banner") {
        node.removed = true;
        continue;
      }
      if (!flags_.strip_unlikely || node.tag == GUMBO_TAG_BODY || node.tag == GUMBO_TAG_A ||
          node.tag == GUMBO_TAG_ARTICLE || node.tag == GUMBO_TAG_MAIN)
        continue;
      const std::string s = class_and_id(node);
      if (s.size() > 1 && unlikely(s) && !maybe_candidate(s) && !inside(i, GUMBO_TAG_TABLE) &&
          !inside(i, GUMBO_TAG_CODE)) {
        node.removed = true;
        continue;
      }
      // Captions and photo credits are not article text either.
      if (contains_any(s, {"caption", "credit"}) && text_chars_of(i) < 300) {
        node.removed = true;
        continue;
      }
      // Bylines and datelines are not article text.
      if ((contains_any(s, {"byline", "author", "dateline", "writtenby", "p-author"}) ||
           lower(node.attr("rel")) == "author" || lower(node.attr("itemprop")).find("author") != std::string::npos) &&
          text_chars_of(i) < 100) {
        node.removed = true;
        continue;
      }
    }
  }

  bool inside(std::size_t index, GumboTag tag) const {
    for (int a = nodes_[index].parent; a >= 0; a = nodes_[a].parent)
      if (nodes_[a].tag == tag) return true;
    return false;
  }

  // Before measure(): a small count of one subtree's characters.
  std::uint32_t text_chars_of(std::size_t index) const {
    std::uint32_t count = 0;
    for (int k = static_cast<int>(index); k < nodes_[index].end && count < 1000; ++k)
      if (nodes_[k].is_text)
        for (const char c : nodes_[k].text())
          if (c != ' ' && c != '\n' && c != '\t' && c != '\r') ++count;
    return count;
  }

  double initial_score(const Node& node) const {
    double score = flags_.weight_classes ? class_weight(node) : 0;
    switch (node.tag) {
      case GUMBO_TAG_DIV:
      case GUMBO_TAG_ARTICLE:
      case GUMBO_TAG_MAIN:
      case GUMBO_TAG_SECTION: score += 5; break;
      case GUMBO_TAG_PRE:
      case GUMBO_TAG_TD:
      case GUMBO_TAG_BLOCKQUOTE: score += 3; break;
      case GUMBO_TAG_ADDRESS:
      case GUMBO_TAG_OL:
      case GUMBO_TAG_UL:
      case GUMBO_TAG_DL:
      case GUMBO_TAG_DD:
      case GUMBO_TAG_DT:
      case GUMBO_TAG_LI:
      case GUMBO_TAG_FORM: score -= 3; break;
      case GUMBO_TAG_H1:
      case GUMBO_TAG_H2:
      case GUMBO_TAG_H3:
      case GUMBO_TAG_H4:
      case GUMBO_TAG_H5:
      case GUMBO_TAG_H6:
      case GUMBO_TAG_TH: score -= 5; break;
      default: break;
    }
    if (node.tag == GUMBO_TAG_ARTICLE) score += 10;
    return score;
  }

  void add_score(int paragraph_parent, double content_score) {
    int level = 0;
    for (int a = paragraph_parent; a > 0 && level < 5; a = nodes_[a].parent, ++level) {
      Node& ancestor = nodes_[a];
      if (ancestor.is_text) continue;
      if (!ancestor.scored) {
        ancestor.scored = true;
        ancestor.score = initial_score(ancestor);
      }
      const double divider = level == 0 ? 1 : level == 1 ? 2 : level * 3;
      ancestor.score += content_score / divider;
    }
  }

  static double content_score(std::uint32_t chars, std::uint32_t commas) {
    return 1 + commas + std::min(std::floor(chars / 100.0), 3.0);
  }

  void score_paragraphs() {
    for (std::size_t i = 1; i < nodes_.size(); ++i) {
      const Node& node = nodes_[i];
      if (node.removed || node.is_text) continue;
      bool paragraph = false;
      switch (node.tag) {
        case GUMBO_TAG_P:
        case GUMBO_TAG_PRE:
        case GUMBO_TAG_TD:
        case GUMBO_TAG_H2:
        case GUMBO_TAG_H3:
        case GUMBO_TAG_H4:
        case GUMBO_TAG_H5:
        case GUMBO_TAG_H6:
        case GUMBO_TAG_SECTION: paragraph = true; break;
        case GUMBO_TAG_DIV:
        case GUMBO_TAG_SPAN:
        case GUMBO_TAG_ARTICLE:
        case GUMBO_TAG_FONT: {
          bool has_block = false;
          std::uint32_t loose = 0, loose_commas = 0;
          for (const int c : node.children) {
            const Node& child = nodes_[c];
            if (child.removed) continue;
            if (child.is_text) {
              loose += child.text_chars;
              loose_commas += child.commas;
            } else if (is_block(child.tag)) {
              has_block = true;
            } else if (child.tag != GUMBO_TAG_A) {
              loose += child.text_chars;  // inline markup in loose text
              loose_commas += child.commas;
            }
          }
          if (!has_block) {
            paragraph = node.tag != GUMBO_TAG_SPAN || node.parent < 0 || nodes_[node.parent].tag != GUMBO_TAG_P;
          } else if (loose >= 25) {
            // Text directly in a block-holding <div> reads as paragraphs of that div.
            add_score(static_cast<int>(i), content_score(loose, loose_commas));
          }
          break;
        }
        default: break;
      }
      if (!paragraph || node.text_chars < 25) continue;
      // A paragraph inside a paragraph counts once: skip those whose parent paragraph already counted.
      if (node.tag == GUMBO_TAG_SPAN || node.tag == GUMBO_TAG_FONT) {
        bool nested = false;
        for (int a = node.parent; a >= 0 && !nested; a = nodes_[a].parent) nested = nodes_[a].tag == GUMBO_TAG_P;
        if (nested) continue;
      }
      add_score(node.parent, content_score(node.text_chars, node.commas));
    }
    for (Node& node : nodes_)
      if (node.scored) node.score *= 1 - link_density(node);
  }

  int body_index() const {
    for (std::size_t i = 0; i < nodes_.size(); ++i)
      if (nodes_[i].tag == GUMBO_TAG_BODY) return static_cast<int>(i);
    return 0;
  }

  bool is_ancestor(int ancestor, int node) const { return node >= ancestor && node < nodes_[ancestor].end; }

  int choose_top() {
    const int body = body_index();
    int top = -1;
    std::vector<int> candidates;
    for (std::size_t i = 0; i < nodes_.size(); ++i)
      if (nodes_[i].scored && !nodes_[i].removed) candidates.push_back(static_cast<int>(i));
    std::sort(candidates.begin(), candidates.end(), [&](int a, int b) { return nodes_[a].score > nodes_[b].score; });
    if (candidates.empty()) return body;
    top = candidates[0];
    if (top == body || nodes_[top].tag == GUMBO_TAG_HTML) return body;
    // A class name can lift a near-empty block over the article: among candidates that score at
    // least half as well, one with far more paragraph text (and not around the top) wins.
    for (std::size_t k = 1; k < candidates.size(); ++k) {
      const int other = candidates[k];
      if (nodes_[other].score < 0.5 * nodes_[top].score) break;
      if (is_ancestor(other, top)) continue;
      if (nodes_[other].paragraph_chars > 200 &&
          nodes_[other].paragraph_chars > 2.5 * static_cast<double>(nodes_[top].paragraph_chars)) {
        top = other;
        break;
      }
    }
    // Several near-best candidates inside one ancestor: the ancestor holds the article.
    std::vector<int> alternatives;
    for (std::size_t k = 1; k < candidates.size() && k < 5; ++k)
      if (nodes_[candidates[k]].score / nodes_[top].score >= 0.75) alternatives.push_back(candidates[k]);
    if (alternatives.size() >= 3) {
      for (int a = nodes_[top].parent; a >= 0 && a != body; a = nodes_[a].parent) {
        int inside_count = 0;
        for (const int alt : alternatives) inside_count += is_ancestor(a, alt);
        if (inside_count >= 3) {
          top = a;
          break;
        }
      }
    }
    if (!nodes_[top].scored) {
      nodes_[top].scored = true;
      nodes_[top].score = initial_score(nodes_[top]);
    }
    // Climb while a parent scores better: the article is split over its children.
    double last = nodes_[top].score;
    const double threshold = last / 3;
    for (int a = nodes_[top].parent; a >= 0 && a != body; a = nodes_[a].parent) {
      if (!nodes_[a].scored) continue;
      if (nodes_[a].score < threshold) break;
      if (nodes_[a].score > last) {
        top = a;
        break;
      }
      last = nodes_[a].score;
    }
    // An only child stands for its parent.
    while (nodes_[top].parent >= 0 && nodes_[top].parent != body) {
      const Node& parent = nodes_[nodes_[top].parent];
      int elements = 0;
      for (const int c : parent.children)
        if (!nodes_[c].removed && (!nodes_[c].is_text || nodes_[c].text_chars > 0)) ++elements;
      if (elements != 1) break;
      top = nodes_[top].parent;
    }
    return top;
  }

  std::vector<int> siblings(int top) {
    if (top <= 0 || nodes_[top].parent < 0 || nodes_[top].tag == GUMBO_TAG_BODY) return {top};
    const Node& parent = nodes_[nodes_[top].parent];
    const double top_score = nodes_[top].scored ? nodes_[top].score : 0;
    const double threshold = std::max(10.0, top_score * 0.2);
    const std::string top_class(nodes_[top].attr("class"));
    std::vector<int> roots;
    for (const int c : parent.children) {
      const Node& sibling = nodes_[c];
      if (sibling.removed) continue;
      if (c == top) {
        roots.push_back(c);
        continue;
      }
      if (sibling.is_text) continue;
      double bonus = 0;
      if (!top_class.empty() && sibling.attr("class") == top_class) bonus = top_score * 0.2;
      if (sibling.scored && sibling.score + bonus >= threshold) {
        roots.push_back(c);
        continue;
      }
      if (sibling.tag == GUMBO_TAG_P) {
        const double density = link_density(sibling);
        if (sibling.text_chars > 70 && density < 0.25) {
          roots.push_back(c);
        } else if (sibling.text_chars > 0 && sibling.text_chars <= 70 && density == 0 && ends_sentence(c)) {
          roots.push_back(c);
        }
      }
    }
    return roots;
  }

  bool ends_sentence(int index) const {
    std::string text;
    for (int k = index; k < nodes_[index].end; ++k)
      if (nodes_[k].is_text) text += nodes_[k].text();
    const std::string t = collapse_space(text);
    return !t.empty() && (t.back() == '.' || t.find(". ") != std::string::npos);
  }

  // ---- Cleaning the chosen article ----

  bool is_data_table(int index) const {
    const Node& node = nodes_[index];
    if (lower(node.attr("role")) == "presentation") return false;
    if (!node.attr("summary").empty()) return true;
    int rows = 0, columns = 0;
    for (int k = index + 1; k < node.end; ++k) {
      const GumboTag tag = nodes_[k].tag;
      if (tag == GUMBO_TAG_TABLE) return false;  // nested tables are layout
      if (tag == GUMBO_TAG_CAPTION || tag == GUMBO_TAG_TH || tag == GUMBO_TAG_THEAD || tag == GUMBO_TAG_TFOOT)
        return true;
      if (tag == GUMBO_TAG_TR) {
        ++rows;
        int cells = 0;
        for (const int c : nodes_[k].children) cells += nodes_[c].tag == GUMBO_TAG_TD;
        columns = std::max(columns, cells);
      }
    }
    return rows >= 10 || columns > 4 || rows * columns > 10;
  }

  void clean(const std::vector<int>& roots) {
    for (const int root : roots) {
      if (root < 0) continue;
      root_paragraph_chars_ = nodes_[root].paragraph_chars;
      // Children before parents: a parent is judged on what is left of it.
      for (int k = nodes_[root].end - 1; k > root; --k) {
        Node& node = nodes_[k];
        if (node.is_text || node.removed) continue;
        const std::string s = class_and_id(node);
        if (s.find("embed") != std::string::npos && node.text_chars > 0) continue;  // a quoted post
        // Share bars and similar small tool blocks.
        if (node.text_chars < 500 && has_token(s, {"share", "sharing", "sharedaddy", "social", "print", "email"})) {
          remove(k);
          continue;
        }
        if (is_heading(node.tag)) {
          if (flags_.weight_classes && class_weight(node) < 0)
            remove(k);
          else if (link_density(node) > 0.5 && node.text_chars > 0)
            remove(k);
          continue;
        }
        if (node.tag == GUMBO_TAG_P && node.text_chars == 0 && node.images == 0) {
          remove(k);
          continue;
        }
        if (!flags_.clean_conditionally) continue;
        // A paragraph that is only a link, or mostly one, points elsewhere ("Related: ...", "Read more: ...").
        if (node.tag == GUMBO_TAG_P && node.text_chars < 300 &&
            link_density(node) >= (node.text_chars < 120 ? 0.6 : 0.9)) {
          remove(k);
          continue;
        }
        // Inside a paragraph, a block of image and links is a pop-up card, not prose.
        if (node.tag != GUMBO_TAG_A && node.images > 0 && link_density(node) > 0.5 && inside(k, GUMBO_TAG_P)) {
          remove(k);
          continue;
        }
        switch (node.tag) {
          case GUMBO_TAG_TABLE:
          case GUMBO_TAG_UL:
          case GUMBO_TAG_OL:
          case GUMBO_TAG_DIV:
          case GUMBO_TAG_SECTION:
          case GUMBO_TAG_FIGURE:
          case GUMBO_TAG_DL:
          case GUMBO_TAG_FORM:
          case GUMBO_TAG_ASIDE:
            if (should_remove(k)) remove(k);
            break;
          default: break;
        }
      }
    }
  }

  bool should_remove(int index) const {
    const Node& node = nodes_[index];
    if (node.tag == GUMBO_TAG_TABLE && is_data_table(index)) return false;
    if (inside(index, GUMBO_TAG_CODE) || inside(index, GUMBO_TAG_PRE)) return false;
    bool is_list = node.tag == GUMBO_TAG_UL || node.tag == GUMBO_TAG_OL;
    if (!is_list && node.text_chars > 0) {
      // Removed subtrees are skipped whole, so the scan costs the subtree's size once.
      std::uint32_t list_chars = 0;
      for (int k = index + 1; k < node.end; ++k)
        if (nodes_[k].removed || nodes_[k].tag == GUMBO_TAG_LI) {
          if (!nodes_[k].removed) list_chars += nodes_[k].text_chars;
          k = nodes_[k].end - 1;
        }
      is_list = list_chars > 0.9 * node.text_chars;
    }
    // A block that holds most of the article's paragraph text is the article, whatever else it holds.
    if (node.paragraph_chars > 200 && node.paragraph_chars * 2 > root_paragraph_chars_) return false;
    const std::string s = class_and_id(node);
    if (s.find("embed") != std::string::npos && node.tag != GUMBO_TAG_UL && node.tag != GUMBO_TAG_OL)
      return node.text_chars == 0;
    const int weight = flags_.weight_classes ? class_weight(node) : 0;
    if (weight < 0) return true;
    if (node.commas >= 10) return false;
    const double p = node.paragraphs;
    const double img = node.images;
    const double li = static_cast<double>(node.list_items) - 100;
    const std::uint32_t length = node.text_chars;
    const double density = link_density(node);
    const bool in_figure = node.tag == GUMBO_TAG_FIGURE || inside(index, GUMBO_TAG_FIGURE);
    std::uint32_t heading_chars = 0;
    for (int k = index + 1; k < node.end; ++k)
      if (nodes_[k].removed || is_heading(nodes_[k].tag)) {
        if (!nodes_[k].removed) heading_chars += nodes_[k].text_chars;
        k = nodes_[k].end - 1;
      }
    const double heading_density = length == 0 ? 0 : static_cast<double>(heading_chars) / length;
    const bool remove = (img > 1 && p / img < 0.5 && !in_figure) || (!is_list && li > p) ||
                        (node.inputs > std::floor(p / 3)) ||
                        (!is_list && heading_density < 0.9 && length < 25 && (img == 0 || img > 2) && !in_figure) ||
                        (!is_list && weight < 25 && density > 0.2) || (weight >= 25 && density > 0.5) ||
                        (is_list && density > 0.5);  // a list of links is navigation or "related"
    if (is_list && remove) {
      // A list of images (a gallery) stays.
      if (node.list_items == node.images && node.images > 0) return false;
    }
    return remove;
  }

  Dom& dom_;
  std::vector<Node>& nodes_;
  Flags flags_;
  std::uint32_t root_paragraph_chars_ = 0;
};

// ---- The JSON-LD articleBody hint ----

void words_of(std::string_view text, std::vector<std::string>& out) {
  std::string word;
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || u >= 0x80) {
      word.push_back(static_cast<char>(std::tolower(u)));
    } else if (!word.empty()) {
      out.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) out.push_back(std::move(word));
}

struct Match {
  double f1 = 0;
  int node = -1;
};

// The element whose words best match the hint's (F1 over word occurrences, each hint word counted once).
Match best_match(const Dom& dom, const std::string& hint) {
  std::vector<std::string> hint_words;
  words_of(hint, hint_words);
  if (hint_words.size() < 40) return {};
  const std::unordered_set<std::string> vocabulary(hint_words.begin(), hint_words.end());
  const auto& nodes = dom.nodes;
  std::vector<double> hits(nodes.size(), 0), total(nodes.size(), 0);
  std::vector<std::string> words;
  for (std::size_t k = nodes.size(); k-- > 0;) {
    const Node& node = nodes[k];
    if (node.removed) continue;
    if (node.is_text) {
      words.clear();
      words_of(node.text(), words);
      total[k] = static_cast<double>(words.size());
      for (const std::string& w : words) hits[k] += static_cast<double>(vocabulary.count(w));
    }
    if (node.parent >= 0) {
      hits[node.parent] += hits[k];
      total[node.parent] += total[k];
    }
  }
  Match best;
  const double wanted = static_cast<double>(hint_words.size());
  for (std::size_t k = 0; k < nodes.size(); ++k) {
    if (nodes[k].is_text || total[k] == 0) continue;
    const double precision = hits[k] / total[k];
    const double recall = std::min(1.0, hits[k] / wanted);
    const double f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
    if (f1 > best.f1) best = {f1, static_cast<int>(k)};
  }
  return best;
}

double roots_f1(const Dom& dom, const std::vector<int>& roots, const std::string& hint) {
  std::vector<std::string> hint_words, got;
  words_of(hint, hint_words);
  for (const int root : roots)
    for (int k = root; k >= 0 && k < dom.nodes[root].end; ++k) {
      bool skip = false;
      for (int a = k; a >= root && !skip; a = dom.nodes[a].parent) skip = dom.nodes[a].removed;
      if (!skip && dom.nodes[k].is_text) words_of(dom.nodes[k].text(), got);
    }
  if (hint_words.empty() || got.empty()) return 0;
  const std::unordered_set<std::string> vocabulary(hint_words.begin(), hint_words.end());
  double hits = 0;
  for (const std::string& w : got) hits += static_cast<double>(vocabulary.count(w));
  const double precision = hits / static_cast<double>(got.size());
  const double recall = std::min(1.0, hits / static_cast<double>(hint_words.size()));
  return precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
}

std::uint32_t roots_chars(const Dom& dom, const std::vector<int>& roots) {
  std::uint32_t chars = 0;
  for (const int root : roots)
    if (root >= 0 && !dom.nodes[root].removed) chars += dom.nodes[root].text_chars;
  return chars;
}

}  // namespace

std::vector<int> extract_content(Dom& dom, const std::vector<std::string>& hints) {
  if (dom.nodes.size() <= 1) return {};
  Extractor extractor(dom);
  // Readability's retries: when the strict pass finds little, relax one rule at a time and keep
  // the longest result.
  constexpr std::uint32_t kEnough = 400;
  constexpr std::uint32_t kMinArticleChars = 30;
  const std::array<Flags, 3> attempts = {Flags{true, true, true}, Flags{false, true, true}, Flags{false, false, false}};
  std::vector<int> best_roots;
  std::uint32_t best_chars = 0;
  std::size_t best_attempt = 0, last_attempt = 0;
  for (std::size_t a = 0; a < attempts.size(); ++a) {
    last_attempt = a;
    std::vector<int> roots = extractor.run(attempts[a]);
    const std::uint32_t chars = roots_chars(dom, roots);
    if (chars > best_chars || best_roots.empty()) {
      best_roots = roots;
      best_chars = chars;
      best_attempt = a;
    }
    if (chars >= kEnough) break;
  }
  // The nodes' marks are those of the last run; the best one may be an earlier run.
  if (best_attempt != last_attempt) best_roots = extractor.run(attempts[best_attempt]);

  // The JSON-LD hint: only when it is clearly better than the scored choice.
  for (const std::string& hint : hints) {
    const double scored = roots_f1(dom, best_roots, hint);
    if (scored >= 0.9) break;
    const Match match = best_match(dom, hint);
    if (match.node >= 0 && match.f1 >= 0.8 && match.f1 > scored + 0.1) {
      best_roots = {match.node};
      break;
    }
  }
  // Menus and link lists are no article: without a sentence's worth of text outside links there is none.
  std::uint32_t plain_chars = 0;
  for (const int root : best_roots)
    if (root >= 0 && !dom.nodes[root].removed)  // link text can be over-counted after removals inside links
      plain_chars += dom.nodes[root].text_chars - std::min(dom.nodes[root].text_chars, dom.nodes[root].link_chars);
  if (plain_chars < kMinArticleChars) return {};
  return best_roots;
}

}  // namespace newsnorm::html_page_detail
