#pragma once
// Bare text (no front matter) as pages are copied: the byline, the author's title and bio, image
// captions and credits, "Published …"/"Updated …" lines and the site footer sit inside the text.
// This module finds them by position and shape -- the start or the end of the text, short lines,
// "By <Name>", "<Name> is a <role> at <Site>", "(Image credit: …)", "©", "All Rights Reserved" --
// never by site, and takes them out of the body into fields. Pure and in memory.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "newsnorm/model/article.hpp"

namespace newsnorm {

// Something the text says about who published it: a copyright line, a masthead, a bio "… at <Site>".
struct ProviderClue {
  std::string evidence;            // "the copyright line", "the footer masthead", "the author's bio"
  std::string text;                // the line or sentence, as in the text
  std::vector<std::string> names;  // the names it may mean, longest first: look each up, first match wins
};

struct BareTextParts {
  std::string body;  // what is left of the body
  std::vector<Author> authors;
  std::vector<Image> images;
  std::optional<std::string> published;  // the date as written, e.g. "November 16, 2022"
  std::optional<std::string> updated;
  std::optional<std::string> published_line;  // the whole line it came from
  std::optional<std::string> updated_line;
  std::optional<std::string> footer;  // the site footer or copyright block taken out
  std::vector<std::string> removals;  // one message per part taken out, saying what and why
  std::vector<ProviderClue> clues;
};

// Splits a cleaned body (lines separated by '\n', no trailing spaces) into the article's text and the
// parts around it. A body with none of them comes back as it was, with no removals.
BareTextParts split_bare_text(std::string_view body);

// For an article read from bare text: takes the parts out of `article.body` into authors, images,
// publishedDateTime and updatedDateTime (fields already set are left alone, and the part stays in
// the body), one warning per removal. Returns what the text says about the provider, for the caller
// with a registry to match. Does nothing to an article with front matter.
std::vector<ProviderClue> take_out_bare_text_parts(Article& article);

// A human date as news pages write it -- "November 16, 2022", "16 Nov 2022 10:32 am ET",
// "2022-11-16T10:00:00Z" -- in UTC as RFC 3339, with whether the zone was assumed (UTC). nullopt when
// the whole text is not one date.
struct ReadDate {
  std::string utc;
  bool zone_assumed = false;
};
std::optional<ReadDate> read_human_date(std::string_view text);

}  // namespace newsnorm
