// A saved web page in memory: bounded input, gumbo's tree, metadata, then the main article.
#include "newsnorm/html/page.hpp"

#include "detail/page_tree.hpp"
#include "newsnorm/core/ascii.hpp"
#include "newsnorm/core/utf8.hpp"
#include "newsnorm/html/markup.hpp"
#include "newsnorm/html/text.hpp"

namespace newsnorm {
namespace {

using namespace html_page_detail;

bool starts_with_ci(std::string_view text, std::size_t at, std::string_view prefix) {
  if (text.size() - at < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    char c = text[at + i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != prefix[i]) return false;
  }
  return true;
}

bool find_ci(std::string_view text, std::string_view needle) {
  for (std::size_t at = text.find('<'); at != std::string_view::npos; at = text.find('<', at + 1))
    if (starts_with_ci(text, at, needle)) return true;
  return false;
}

constexpr bool is_space(char c) { return ascii::is_html_space(c); }

// Frees gumbo's tree on every path out.
struct GumboParse {
  GumboOptions options = kGumboDefaultOptions;
  GumboOutput* output = nullptr;
  ~GumboParse() {
    if (output != nullptr) gumbo_destroy_output(&options, output);
  }
};

}  // namespace

bool looks_like_html_document(std::string_view text) {
  std::size_t at = 0;
  if (text.starts_with("\xEF\xBB\xBF")) at = 3;
  // White space, comments and an XML declaration may come first.
  for (int guard = 0; guard < 100; ++guard) {
    while (at < text.size() && is_space(text[at])) ++at;
    if (starts_with_ci(text, at, "<!--")) {
      const std::size_t end = text.find("-->", at + 4);
      if (end == std::string_view::npos) return false;
      at = end + 3;
    } else if (starts_with_ci(text, at, "<?xml")) {
      const std::size_t end = text.find("?>", at);
      if (end == std::string_view::npos) return false;
      at = end + 2;
    } else {
      break;
    }
  }
  if (at >= text.size() || text[at] != '<') return false;
  for (const std::string_view opening : {"<!doctype html", "<html", "<head"}) {
    if (starts_with_ci(text, at, opening)) {
      const std::size_t after = at + opening.size();
      // "<html" must be the whole name: "<htmlfoo>" is not a document.
      if (after >= text.size() || is_space(text[after]) || text[after] == '>' || text[after] == '/') return true;
    }
  }
  // A page saved without <html>: it opens with a document-level tag and has a body or an end.
  for (const std::string_view opening : {"<meta", "<title", "<link", "<base", "<body", "<script", "<style"}) {
    if (starts_with_ci(text, at, opening)) {
      const std::string_view head = text.substr(at, 1u << 16);
      return starts_with_ci(text, at, "<body") || find_ci(head, "<body") || find_ci(text.substr(at), "</html");
    }
  }
  return false;
}

HtmlPage parse_html_page(std::string_view html, const HtmlLimits& limits) {
  HtmlPage page;
  if (html.size() > limits.max_bytes) {
    std::size_t cut = html.rfind('>', limits.max_bytes);
    cut = cut == std::string_view::npos ? limits.max_bytes : cut + 1;
    html = html.substr(0, cut);
    page.notes.push_back("the page is longer than " + std::to_string(limits.max_bytes) +
                         " bytes; only that much of it was read");
  }
  std::string repaired;  // gumbo reads UTF-8 only
  if (!is_valid_utf8(html)) {
    repaired = repair_utf8(html);
    html = repaired;
  }
  bool has_tags = false;
  if (!html::fits_gumbo(html, has_tags, limits.max_depth, true)) {
    // Markup this deep is no real page; a linear reading of its text is the bounded answer.
    page.notes.push_back("the page's markup nests too deeply to find its article; its text is all of the page's");
    page.article_text = html_to_text(html);
    return page;
  }
  GumboParse parse;
  parse.options.max_errors = 0;  // nobody reads them, and broken markup would fill memory with them
  parse.output = gumbo_parse_with_options(&parse.options, html.data(), html.size());
  if (parse.output == nullptr || parse.output->root == nullptr) return page;
  Dom dom = build_dom(*parse.output);
  std::vector<std::string> article_bodies;
  read_metadata(dom.collected, page, article_bodies, limits);
  const std::vector<int> roots = extract_content(dom, article_bodies);
  page.article_text = render_text(dom, roots);
  if (!page.article_text.empty()) page.article_html = render_html(dom, roots);
  return page;
}

}  // namespace newsnorm
