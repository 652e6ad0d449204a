#pragma once
// Stable record ids: the same article gets the same id on every run and every machine.
#include <cstddef>
#include <string>
#include <string_view>

#include "newsnorm/model/article.hpp"

namespace newsnorm {

// How many lower-case hex digits every record id has (the field table's Rule::record_id).
inline constexpr std::size_t kRecordIdDigits = 16;

// kRecordIdDigits lower-case hex digits of XXH64(key, seed 0).
std::string stable_id(std::string_view key);

// The id of an article: a hash of its dedupe key (set by the normalizer), else of its title, body
// and whole header: two records share an id only when they are the same article.
std::string article_id(const Article& article);

}  // namespace newsnorm
