#include "newsnorm/model/html_article.hpp"

#include <fmt/format.h>

#include "newsnorm/model/datetime.hpp"

namespace newsnorm {
namespace {

std::optional<std::string> non_empty(const std::string& text) {
  if (text.empty()) return std::nullopt;
  return text;
}

// The host of an absolute http(s) address, lower-cased and without port or user; "" otherwise.
std::string host_of(std::string_view url) {
  const std::size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return {};
  std::string_view rest = url.substr(scheme + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (const std::size_t at = rest.rfind('@'); at != std::string_view::npos) rest.remove_prefix(at + 1);
  if (!rest.starts_with('[')) rest = rest.substr(0, rest.find(':'));
  std::string host(rest);
  for (char& c : host) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return host;
}

// A page date in UTC, as the header path reads dates: a change is a warning, an unreadable value
// is null with a warning and stays under extra.
std::optional<std::string> page_date(Article& article, const std::string& value, const std::string& key) {
  if (value.empty()) return std::nullopt;
  std::optional<std::string> utc = to_utc_timestamp(value);
  if (!utc) {
    article.warn({}, fmt::format("the page's {} \"{}\" is not a date this tool reads; it is null here and kept under "
                                 "extra.{}",
                                 key, value, key));
    article.extra[key] = value;
  } else if (*utc != value) {
    article.warn({}, fmt::format("{} \"{}\" was written in UTC as \"{}\"", key, value, *utc));
  }
  return utc;
}

}  // namespace

Article build_html_article(const HtmlPage& page, Source source) {
  Article article;
  article.source = std::move(source);
  article.title = non_empty(page.title);
  article.excerpt = non_empty(page.excerpt);
  article.body = page.article_html;
  article.text = page.article_text;
  article.web_url = non_empty(page.canonical_url.empty() ? page.og_url : page.canonical_url);
  article.amp_web_url = non_empty(page.amp_url);
  article.url = article.web_url ? article.web_url : article.amp_web_url;
  article.published_date_time = page_date(article, page.published, "publishedDateTime");

  const std::string host = host_of(article.url.value_or(""));
  if (!page.site_name.empty() || !host.empty()) {
    Provider provider;
    provider.name = non_empty(page.site_name);
    provider.domain = non_empty(host);
    article.provider = std::move(provider);
  }
  article.topics = page.keywords;
  for (const HtmlImage& image : page.images) {
    Image out;
    out.url = image.url;
    out.width = image.width;
    out.height = image.height;
    article.images.push_back(std::move(out));
  }

  // Not in the model yet: kept under extra until it has fields for them.
  if (!page.authors.empty()) {
    Json authors = Json::array();
    for (const HtmlAuthor& author : page.authors) {
      Json entry = Json::object();
      entry["name"] = author.name.empty() ? Json(nullptr) : Json(author.name);
      if (!author.url.empty()) entry["url"] = author.url;
      authors.push_back(std::move(entry));
    }
    article.extra["authors"] = std::move(authors);
  }
  if (!page.language.empty()) article.extra["language"] = page.language;
  if (!page.modified.empty()) {
    if (const auto updated = to_utc_timestamp(page.modified)) article.extra["updatedDateTime"] = *updated;
    else {
      article.warn({}, fmt::format("the page's dateModified \"{}\" is not a date this tool reads; it is kept as "
                                   "written under extra.updatedDateTime",
                                   page.modified));
      article.extra["updatedDateTime"] = page.modified;
    }
  }
  if (!page.section.empty()) article.extra["section"] = page.section;
  for (const std::string& note : page.notes) article.warn({}, note);
  if (page.article_text.empty()) article.warn({}, "no article text was found in the page");
  return article;
}

}  // namespace newsnorm
