#pragma once
// Which of an entry's addresses becomes its `url`: the best non-AMP one among webUrl, originalUrl,
// ampWebUrl and cdnAmpWebUrl, in canonical form, with its dedupe key.
#include <string>
#include <vector>

#include "newsnorm/model/article.hpp"

namespace newsnorm {

// Sets article.url and article.dedupe_key; warns about every change and every unusable address.
// A site-relative address is resolved against `base_url` when one is given.
void choose_article_url(Article& article, const std::string& base_url = {});

// The same for a related entry; `where` ("related[2]") names it in warnings on `article`.
void choose_related_url(Article& article, Related& related, const std::string& where, const std::string& base_url = {});

// The dedupe keys of every usable address an entry has, in field order, without repeats.
std::vector<std::string> all_dedupe_keys(const Article& article);
std::vector<std::string> all_dedupe_keys(const Related& related);

}  // namespace newsnorm
