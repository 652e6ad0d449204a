#pragma once
// A saved web page, read in memory: its metadata (JSON-LD, OpenGraph, article:*, Twitter, <link>,
// <time>, <html lang>) and its main article, found by a readability-style scoring of gumbo's tree.
// Nothing here touches the file system, and nothing depends on the page's host or file name.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace newsnorm {

struct HtmlLimits {
  // Pages past this many bytes are read only up to it (cut at a tag boundary).
  std::size_t max_bytes = 16u << 20;
  // Elements nested deeper than this (in gumbo's tree) are read as a flat text dump instead:
  // gumbo's cost grows with nesting depth, and real pages nest a few dozen levels.
  std::size_t max_depth = 1000;
  // JSON-LD scripts longer than this are not parsed.
  std::size_t max_json_ld_bytes = 1u << 20;
};

struct HtmlAuthor {
  std::string name;
  std::string url;  // empty when unknown
};

struct HtmlImage {
  std::string url;
  std::optional<std::int64_t> width;
  std::optional<std::int64_t> height;
};

struct HtmlPage {
  std::string title;
  std::string excerpt;        // description
  std::string canonical_url;  // <link rel=canonical>
  std::string og_url;         // og:url
  std::string amp_url;        // <link rel=amphtml>
  std::string published;      // as written on the page; not yet a timestamp
  std::string modified;
  std::vector<HtmlAuthor> authors;
  std::string site_name;
  std::string language;
  std::vector<std::string> keywords;  // keywords, tags and sections, deduplicated, in page order
  std::string section;
  std::vector<HtmlImage> images;
  std::string article_html;        // the cleaned main-article markup
  std::string article_text;        // its plain text: paragraphs separated by blank lines; "" when none
  std::vector<std::string> notes;  // doubts worth a warning (deep markup, cut page, broken JSON-LD)
};

HtmlPage parse_html_page(std::string_view html, const HtmlLimits& limits = {});

// Whether a text is an HTML document by its content: a doctype, an <html> or <head> tag, or markup
// that opens with a document-level tag (<meta>, <title>, <body>, <!-- ... --> then one of these).
bool looks_like_html_document(std::string_view text);

}  // namespace newsnorm
