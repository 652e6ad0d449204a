#include "newsnorm/model/identity.hpp"

#include <fmt/format.h>
#include <xxhash.h>

namespace newsnorm {

std::string stable_id(std::string_view key) {
  return fmt::format("{:016x}", XXH64(key.data(), key.size(), 0));
}

std::string article_id(const Article& article) {
  // The same story has the same id wherever it is found, whichever of its addresses was given.
  if (article.dedupe_key) return stable_id(*article.dedupe_key);
  // The separator keeps ("ab", "c") and ("a", "bc") apart.
  std::string key = article.title.value_or("");
  key.push_back('\0');
  key += article.body;
  // Records with neither (people, organizations) are identified by the rest of their header,
  // or every one of them would share the id of the empty string.
  if (key.size() == 1) key += article.extra.dump();
  return stable_id(key);
}

}  // namespace newsnorm
