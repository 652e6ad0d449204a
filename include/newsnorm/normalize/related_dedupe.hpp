#pragma once
// Related links: one entry per story, none pointing back at the article itself.
#include "newsnorm/model/article.hpp"

namespace newsnorm {

// Drops related entries that share a dedupe key with the article, and merges entries whose URLs
// (webUrl, originalUrl, ampWebUrl, cdnAmpWebUrl) share a dedupe key into the first of them: its
// title stays, a non-AMP url wins where any exists, missing fields are filled from the others, the
// highest quality is kept. Each drop and merge is a warning. Call after the urls are chosen.
void dedupe_related(Article& article);

}  // namespace newsnorm
