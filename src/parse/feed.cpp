#include "newsnorm/parse/feed.hpp"

#include <algorithm>
#include <iterator>

#include "feed_internal.hpp"
#include "newsnorm/core/ascii.hpp"
#include "newsnorm/core/url.hpp"
#include "newsnorm/read/html_charset.hpp"

namespace newsnorm {

std::string_view feed_format_name(FeedKind kind) {
  switch (kind) {
    case FeedKind::rss20:
    case FeedKind::rss09x: return "rss";
    case FeedKind::rss10:
    case FeedKind::rss090: return "rdf";
    case FeedKind::atom10:
    case FeedKind::atom03: return "atom";
    case FeedKind::jsonfeed: return "jsonfeed";
    case FeedKind::unknown: break;
  }
  return "unknown";
}

std::string_view feed_version_name(FeedKind kind) {
  switch (kind) {
    case FeedKind::rss20: return "rss20";
    case FeedKind::rss09x: return "rss09x";
    case FeedKind::rss10: return "rss10";
    case FeedKind::rss090: return "rss090";
    case FeedKind::atom10: return "atom10";
    case FeedKind::atom03: return "atom03";
    case FeedKind::jsonfeed: return "json";
    case FeedKind::unknown: break;
  }
  return "";
}

std::string_view text_type_name(TextType type) {
  switch (type) {
    case TextType::html: return "html";
    case TextType::xhtml: return "xhtml";
    case TextType::text: break;
  }
  return "text";
}

Feed parse_feed(std::string_view bytes, const FeedOptions& options) {
  std::size_t start = 0;
  if (bytes.starts_with("\xEF\xBB\xBF")) start = 3;
  while (start < bytes.size() && ascii::is_space(bytes[start])) ++start;
  if (start < bytes.size() && (bytes[start] == '{' || bytes[start] == '[')) return parse_json_feed(bytes, options);
  return parse_xml_feed(bytes, options);
}

bool looks_like_feed(std::string_view bytes) {
  const auto head = bytes.substr(0, 4096);
  std::size_t start = head.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  while (start < head.size() && ascii::is_space(head[start])) ++start;
  if (start < head.size() && head[start] == '{') return head.find("jsonfeed.org/version/") != std::string_view::npos;
  // The root element: the first '<' that opens neither a declaration, a comment nor a processing
  // instruction.
  for (auto at = head.find('<', start); at != std::string_view::npos; at = head.find('<', at + 1)) {
    const auto rest = head.substr(at + 1);
    if (rest.starts_with("?") || rest.starts_with("!")) continue;
    const auto name = rest.substr(0, rest.find_first_of(" \t\r\n>/"));
    return name == "rss" || name == "feed" || name == "rdf:RDF" || name.ends_with(":feed") || name == "RDF" ||
           name.ends_with(":rss");
  }
  return false;
}

namespace feed_detail {

std::string resolve(std::string_view base, std::string_view reference) {
  reference = ascii::trim(reference);
  if (base.empty() || reference.empty()) return std::string(reference);
  auto resolved = resolve_url(base, reference);
  return resolved ? *resolved : std::string(reference);
}

FeedPerson person_from_text(std::string_view text) {
  text = ascii::trim(text);
  FeedPerson person;
  const auto at = text.find('@');
  if (at == std::string_view::npos) {
    person.name = text;
    return person;
  }
  // The address is the word holding '@', without the <> or () around it; the rest is the name.
  auto begin = text.find_last_of(" \t<(", at);
  begin = begin == std::string_view::npos ? 0 : begin + 1;
  auto end = text.find_first_of(" \t>)", at);
  if (end == std::string_view::npos) end = text.size();
  person.email = text.substr(begin, end - begin);
  if (person.email.starts_with("mailto:")) person.email.erase(0, 7);
  std::string rest = std::string(text.substr(0, begin)) + std::string(text.substr(end));
  for (char& c : rest)
    if (c == '(' || c == ')' || c == '<' || c == '>') c = ' ';
  person.name = ascii::trim(rest);
  return person;
}

bool looks_like_html(std::string_view text) {
  for (std::size_t at = text.find('<'); at != std::string_view::npos; at = text.find('<', at + 1)) {
    const char next = at + 1 < text.size() ? text[at + 1] : '\0';
    if (ascii::is_alpha(next) || next == '/' || next == '!') return true;
  }
  for (std::size_t at = text.find('&'); at != std::string_view::npos; at = text.find('&', at + 1)) {
    const auto end = text.find(';', at);
    if (end != std::string_view::npos && end - at <= 10 && end > at + 1) return true;
  }
  return false;
}

std::string resolve_markup_uris(std::string_view markup, std::string_view base) {
  // The attributes that hold addresses in HTML (feedparser's list, by name on any element).
  static constexpr std::string_view kUriAttributes[] = {"href",     "src",     "cite",     "action", "background",
                                                        "codebase", "data",    "longdesc", "lowsrc", "poster",
                                                        "usemap",   "profile", "classid"};
  if (base.empty() || markup.find('<') == std::string_view::npos) return std::string(markup);
  std::string out;
  out.reserve(markup.size());
  std::size_t copied = 0;
  for (std::size_t tag = markup.find('<'); tag != std::string_view::npos; tag = markup.find('<', tag + 1)) {
    const auto tag_end = markup.find('>', tag);
    if (tag_end == std::string_view::npos) break;
    // Each name="value" (or 'value') inside the tag.
    for (std::size_t eq = markup.find('=', tag); eq != std::string_view::npos && eq < tag_end;
         eq = markup.find('=', eq + 1)) {
      std::size_t name_end = eq;
      while (name_end > tag && ascii::is_space(markup[name_end - 1])) --name_end;
      std::size_t name_start = name_end;
      while (name_start > tag && (ascii::is_alnum(markup[name_start - 1]) || markup[name_start - 1] == '-'))
        --name_start;
      std::size_t value_start = eq + 1;
      while (value_start < tag_end && ascii::is_space(markup[value_start])) ++value_start;
      if (value_start >= tag_end || (markup[value_start] != '"' && markup[value_start] != '\'')) continue;
      const char quote = markup[value_start];
      const auto value_end = markup.find(quote, value_start + 1);
      if (value_end == std::string_view::npos || value_end > tag_end) continue;
      const std::string name = ascii::to_lower(markup.substr(name_start, name_end - name_start));
      const bool uri =
          std::find(std::begin(kUriAttributes), std::end(kUriAttributes), name) != std::end(kUriAttributes);
      if (uri) {
        out.append(markup.substr(copied, value_start + 1 - copied));
        out += resolve(base, markup.substr(value_start + 1, value_end - value_start - 1));
        copied = value_end;
      }
      eq = value_end;
    }
    tag = tag_end;
  }
  out.append(markup.substr(copied));
  return out;
}

std::optional<std::string> decode_base64(std::string_view text) {
  std::string out;
  unsigned bits = 0;
  int count = 0;
  for (char c : text) {
    int value = -1;
    if (c >= 'A' && c <= 'Z') value = c - 'A';
    if (c >= 'a' && c <= 'z') value = c - 'a' + 26;
    if (c >= '0' && c <= '9') value = c - '0' + 52;
    if (c == '+' || c == '-') value = 62;
    if (c == '/' || c == '_') value = 63;
    if (c == '=') break;
    if (value < 0) {
      if (ascii::is_space(c)) continue;
      return std::nullopt;
    }
    bits = (bits << 6) | static_cast<unsigned>(value);
    count += 6;
    if (count >= 8) {
      count -= 8;
      out += static_cast<char>((bits >> count) & 0xff);
    }
  }
  return out;
}

void fix_c1_controls(std::string& text) {
  for (auto at = text.find('\xC2'); at != std::string::npos && at + 1 < text.size(); at = text.find('\xC2', at + 1)) {
    const auto byte = static_cast<unsigned char>(text[at + 1]);
    if (byte < 0x80 || byte > 0x9f) continue;
    if (auto meant = decode_charset(std::string(1, static_cast<char>(byte)), "windows-1252");
        meant && *meant != text.substr(at, 2)) {
      text.replace(at, 2, *meant);
    }
  }
}

}  // namespace feed_detail
}  // namespace newsnorm
