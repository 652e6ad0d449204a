#pragma once
// Cleaning the text of a record: titles and excerpts (one line, no markup), bodies (lines kept,
// mojibake repaired) and the plain text of HTML bodies. Each step that changes what a reader sees
// says so, because the record's warnings must list every repair.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "newsnorm/html/text.hpp"

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

// Body: line endings to \n and a leading byte-order mark dropped everywhere. Outside code, trailing
// spaces/tabs are removed from each line (not the two spaces of a markdown hard break), runs of blank
// lines collapse to one, leading and trailing blank lines go (no final newline). Code -- fenced (```
// and ~~~) and indented blocks, <pre> -- is kept as written. Mojibake is repaired (reported in
// changes) only when the whole body is consistently misread and never inside code spans or blocks.
// No other change.
std::string clean_body(std::string_view body, Changes& changes);

// What a body is, by its content (not its file's format): HTML when it opens with a block-level tag
// (or, without markdown structure, holds three or more tags), markdown when it has markdown structure
// (headings, lists, quotes, fences, rules, links, emphasis, code spans, entities), else plain text.
enum class BodyKind { empty, html, markdown, plain };
BodyKind classify_body(std::string_view body);

// Plain text of a markdown body, parsed by cmark-gfm (CommonMark): paragraphs, headings and lists
// separated like HTML's blocks, code kept line by line, raw HTML read as HTML, marks removed.
std::string markdown_to_text(std::string_view markdown);

// The record's `text`: the plain text of a body by its kind (HTML via gumbo, markdown via cmark-gfm,
// plain text as it is); nullopt for an empty body.
std::optional<std::string> body_text(std::string_view body);

}  // namespace newsnorm
