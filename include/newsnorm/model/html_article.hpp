#pragma once
// From a read web page to the typed Article.
#include "newsnorm/html/page.hpp"
#include "newsnorm/model/article.hpp"

namespace newsnorm {

// title, excerpt; body = the cleaned article markup, text = its plain text; webUrl = the canonical
// address (else og:url), ampWebUrl = the AMP one; publishedDateTime in UTC (unreadable: null, a
// warning, and the page's value under extra); provider = the site name and the url's host; topics =
// keywords; images. Fields the model lacks go under extra: authors, language, updatedDateTime, section.
Article build_html_article(const HtmlPage& page, Source source);

}  // namespace newsnorm
