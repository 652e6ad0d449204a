#include "newsnorm/model/html_article.hpp"

#include <fmt/format.h>

#include "newsnorm/model/datetime.hpp"
#include "newsnorm/model/record_fields.hpp"

namespace newsnorm {
namespace {

std::optional<std::string> non_empty(const std::string& text) {
  if (text.empty()) return std::nullopt;
  return text;
}

// A page date in UTC, as the header path reads dates: a change is a warning, an unreadable value
// is null with a warning and stays under extra.
std::optional<std::string> page_date(Article& article, const std::string& value, std::string_view field) {
  if (value.empty()) return std::nullopt;
  std::optional<std::string> utc = to_utc_timestamp(value);
  const std::string key(field);
  if (!utc) {
    article.warn(code::field_date, {},
                 fmt::format("the page's {} \"{}\" is not a date this tool reads; it is null here and kept under "
                             "extra.{}",
                             key, value, key));
    article.extra[key] = value;
  } else if (*utc != value) {
    article.warn(code::field_date, {}, fmt::format("{} \"{}\" was written in UTC as \"{}\"", key, value, *utc));
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
  article.published_date_time = page_date(article, page.published, key_of(&Links::published_date_time));
  article.updated_date_time = page_date(article, page.modified, key_of(&Article::updated_date_time));
  article.language = non_empty(page.language);
  for (const HtmlAuthor& author : page.authors)
    article.authors.push_back(Author{non_empty(author.name), non_empty(author.url), {}, {}, Json::object(), {}});
  // The site's name; the normalizer derives the domain from the url, as for any provider without one.
  if (!page.site_name.empty())
    article.provider = Provider{page.site_name, std::nullopt, nullptr, nullptr, Json::object(), {}};
  article.topics = page.keywords;
  for (const HtmlImage& image : page.images) {
    Image out;
    out.url = image.url;
    out.width = image.width;
    out.height = image.height;
    article.images.push_back(std::move(out));
  }
  if (!page.section.empty()) article.category = page.section;
  for (const std::string& note : page.notes) article.warn(code::normalize_text, {}, note);
  if (page.article_text.empty()) article.warn(code::normalize_text, {}, "no article text was found in the page");
  return article;
}

}  // namespace newsnorm
