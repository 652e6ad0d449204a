#pragma once
// Plain text of HTML, for the page reader and the body clean-up alike.
#include <string>
#include <string_view>

namespace newsnorm {

// True when the body is HTML: it starts, after white space, with a tag of an HTML element (<p>, <div>,
// <h1>, <ul>, <table>, <span>, <br>, <img>, <a ...>, ...) or <!DOCTYPE, or it holds at least three such tags.
bool looks_like_html(std::string_view body);

// Plain text of an HTML fragment or document, via gumbo: text nodes concatenated, block elements
// separated by a newline (div, li, tr, br, section, article, header, footer, ...) or a blank line (p,
// h1-h6, blockquote, pre, ul, ol, table), script/style/template/head/noscript content skipped, white
// space inside a block collapsed (U+00A0 too), kept inside <pre>, entities decoded, blank-line runs
// collapsed, trimmed. Never throws; markup nested too deeply for gumbo's quadratic worst case is read
// by a linear tag scanner instead, so the cost stays bounded for any input.
std::string html_to_text(std::string_view html);

}  // namespace newsnorm
