#pragma once
// What the XML and JSON feed readers share: resolving links and reading RSS's author strings.
#include <optional>
#include <string>
#include <string_view>

#include "newsnorm/parse/feed.hpp"

namespace newsnorm::feed_detail {

// `reference` resolved against `base` (an xml:base, else the feed's link, else its URL); as given
// when there is no absolute base or it cannot be resolved.
std::string resolve(std::string_view base, std::string_view reference);

// RSS's author forms: "me@example.com (Name)", "Name <me@example.com>", "me@example.com", "Name".
FeedPerson person_from_text(std::string_view text);

// Whether text would be read as HTML markup: a tag, or a character reference.
bool looks_like_html(std::string_view text);

// `markup` with the relative addresses of its URI attributes (href, src, cite, poster...) resolved
// against `base`, as feedparser does for HTML content.
std::string resolve_markup_uris(std::string_view markup, std::string_view base);

// Base64 as Atom carries binary content; nullopt when it is not base64.
std::optional<std::string> decode_base64(std::string_view text);

// Windows-1252's characters where a feed declared ISO-8859-1 but meant Windows-1252 (U+0080-U+009F,
// control characters nobody writes, become the curly quotes and dashes they were).
void fix_c1_controls(std::string& text);

}  // namespace newsnorm::feed_detail
