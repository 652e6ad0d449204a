#pragma once
// The whole parse of one input, in memory: bytes -> decoded text -> front matter -> typed Article.
#include <string>
#include <string_view>
#include "newsnorm/core/result.hpp"

#include "newsnorm/core/limits.hpp"
#include "newsnorm/model/article.hpp"
#include "newsnorm/model/article_builder.hpp"

namespace newsnorm {

using ParseResult = Result<Article>;

// `path` is only carried into the record's source; nothing here touches the file system. `model`
// is what the project's configuration says of types, required fields and aliases. With `header`,
// the parsed front matter is kept there too (`newsnorm fix` edits it); a file without one leaves
// it as it was.
class HeaderTree;
ParseResult parse_document(std::string_view bytes, std::string path, const Limits& limits = {},
                           const ModelOptions& model = {}, HeaderTree* header = nullptr);

}  // namespace newsnorm
