#pragma once
// From a parsed header (or bare text) to the typed Article. Values of the wrong type are never
// guessed at silently: each moves to `extra` under its own key, with a warning that says so.
#include <string_view>
#include <variant>

#include "newsnorm/core/limits.hpp"
#include "newsnorm/model/article.hpp"
#include "newsnorm/model/vocabulary.hpp"
#include "newsnorm/parse/header_tree.hpp"

namespace newsnorm {

// What a project configuration (newsnorm.toml) changes in how an input becomes an Article.
struct ModelOptions {
  const Vocabulary* vocabulary = nullptr;  // the header aliases; null: the built-in table
  // The type of an article whose header names none (a [types] glob's); empty: "article".
  std::string_view default_type;
};

// Rejects a header that is not a mapping (a list, a scalar), since none of it can be trusted.
Result<Article> build_article(const HeaderTree& header, std::string_view body, Source source, const Limits& limits,
                              const ModelOptions& model = {});

// Text with no front matter: the first line is the title when a blank line follows it and it has
// at most 200 characters; otherwise there is no title and all of the text is the body.
Article build_text_article(std::string_view text, Source source);

}  // namespace newsnorm
