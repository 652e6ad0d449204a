#include "newsnorm/model/identity.hpp"

#include <fmt/format.h>
#include <xxhash.h>

namespace newsnorm {

std::string stable_id(std::string_view key) {
  return fmt::format("{:0{}x}", XXH64(key.data(), key.size(), 0), kRecordIdDigits);
}

std::string article_id(const Article& article) {
  // The same story has the same id wherever it is found, whichever of its addresses was given.
  if (article.dedupe_key) return stable_id(*article.dedupe_key);
  // The separator keeps ("ab", "c") and ("a", "bc") apart.
  // Without one, the same title and body under other headers (a snippet published in 17 languages,
  // people and organizations with no title) are other articles: the header counts too.
  std::string key = article.title.value_or("");
  key.push_back('\0');
  key += article.body;
  key.push_back('\0');
  key += article.header_digest;
  return stable_id(key);
}

}  // namespace newsnorm
