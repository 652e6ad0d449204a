#pragma once
// Cleaning the text of a record: titles and excerpts (one line, no markup), bodies (lines kept,
// mojibake repaired) and the plain text of HTML bodies. Each step that changes what a reader sees
// says so, because the record's warnings must list every repair.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace newsnorm {

// What a cleaning step changed, as short human phrases for the record's warnings, e.g.
// "repaired mojibake (UTF-8 read as Windows-1252)", "decoded HTML entities", "removed HTML tags",
// "normalized Unicode to NFC". Pure white-space and line-ending clean-up is NOT listed.
using Changes = std::vector<std::string>;

// Title and excerpt: invalid UTF-8 replaced with U+FFFD, mojibake repaired (only where unambiguous),
// tags of HTML elements stripped (a "<" that does not open one, as in "a < b" or "<Gallery>", stays),
// HTML entities decoded, Unicode NFC, runs of white space collapsed to one space, trimmed.
// A lone no-break or typographic space between words is kept; any other run becomes ' '.
std::string clean_inline_text(std::string_view text, Changes& changes);

// Repairs text where UTF-8 was decoded as Windows-1252 and re-encoded ("â€™" -> "’", "â€œ" -> "“",
// "Â©" -> "©", "Ã©" -> "é", including the bytes Windows-1252 leaves undefined, e.g. U+009D in "â€\u009d"
// -> "”"), at most twice for text encoded twice. Returns nullopt when there is nothing to repair or the
// repair is not unambiguous; the text stays as it is.
std::optional<std::string> repair_mojibake(std::string_view text);

// Body: line endings to \n, trailing spaces/tabs removed from each line, runs of blank lines collapsed to one,
// leading and trailing blank lines removed (no final newline); mojibake repaired (reported in changes).
// No other change.
std::string clean_body(std::string_view body, Changes& changes);

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
