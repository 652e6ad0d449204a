#include "newsnorm/normalize/related_dedupe.hpp"

#include <algorithm>
#include <numeric>
#include <unordered_map>

#include <fmt/format.h>

#include "newsnorm/model/record_fields.hpp"
#include "newsnorm/normalize/url_choice.hpp"
#include "newsnorm/normalize/url_normalize.hpp"

namespace newsnorm {
namespace {

std::string describe(const Related& r, std::size_t index) {
  const std::string_view list = key_of(&Article::related);
  return r.title ? fmt::format("{}[{}] (\"{}\")", list, index, *r.title) : fmt::format("{}[{}]", list, index);
}

// Fills a gap in the head with the other entry's value; what the head has stays.
template <typename T>
void fill(T& into, const T& from) {
  if constexpr (std::is_same_v<T, Json>) {
    for (const auto& [key, value] : from.items())
      if (!into.contains(key)) into[key] = value;
  } else if constexpr (requires { into.has_value(); }) {
    if (!into && from) into = from;
  } else if constexpr (requires { into.empty(); }) {
    if (into.empty()) into = from;
  }
}

template <typename T>
void keep_highest(T& into, const T& from) {
  if constexpr (requires { *into < *from; })
    if (from && (!into || *into < *from)) into = from;
}

// Folds `other` into `head` by each field's merge rule; the address is URL choice's: a non-AMP
// one wins over an AMP one.
void merge_into(Related& head, const Related& other) {
  const bool head_amp = !head.url || is_amp_url(*head.url);
  if (head_amp && other.url && !is_amp_url(*other.url)) {
    head.url = other.url;
    head.dedupe_key = other.dedupe_key;
  }
  for (const Field<Related>& field : fields_of<Related>()) {
    std::visit(
        [&](auto member) {
          switch (field.merge) {
            case Merge::fill:
            case Merge::chosen: fill(head.*member, other.*member); break;
            case Merge::highest: keep_highest(head.*member, other.*member); break;
          }
        },
        field.member);
  }
}

std::size_t find_root(std::vector<std::size_t>& parent, std::size_t i) {
  while (parent[i] != i) i = parent[i] = parent[parent[i]];
  return i;
}

}  // namespace

void dedupe_related(Article& article) {
  if (article.related.empty()) return;
  const std::vector<std::string> own_keys = all_dedupe_keys(article);
  const std::size_t count = article.related.size();
  std::vector<bool> self(count, false);
  std::vector<std::size_t> parent(count);
  std::iota(parent.begin(), parent.end(), 0);
  std::unordered_map<std::string, std::size_t> first_with_key;

  for (std::size_t i = 0; i < count; ++i) {
    for (const std::string& key : all_dedupe_keys(article.related[i])) {
      if (std::find(own_keys.begin(), own_keys.end(), key) != own_keys.end()) self[i] = true;
      const auto [found, inserted] = first_with_key.emplace(key, i);
      if (!inserted) {
        // Union by smallest index, so every group's root is its first entry.
        const std::size_t a = find_root(parent, found->second), b = find_root(parent, i);
        parent[std::max(a, b)] = std::min(a, b);
      }
    }
  }

  std::vector<Related> kept;
  std::vector<std::size_t> kept_index(count, count);  // input index of a root -> position in `kept`
  for (std::size_t i = 0; i < count; ++i) {
    const std::size_t root = find_root(parent, i);
    if (self[root] || self[i]) {
      if (self[i])
        article.warn(code::normalize_related, {},
                     fmt::format("{} links to the article itself; dropped", describe(article.related[i], i)));
      else
        article.warn(code::normalize_related, {},
                     fmt::format("{} is the same story as {}, which links to the article itself; dropped",
                                 describe(article.related[i], i), describe(article.related[root], root)));
      continue;
    }
    if (root == i) {
      kept_index[i] = kept.size();
      kept.push_back(std::move(article.related[i]));
      continue;
    }
    article.warn(code::normalize_related, {},
                 fmt::format("{} is the same story as {}; merged into it", describe(article.related[i], i),
                             describe(kept[kept_index[root]], root)));
    merge_into(kept[kept_index[root]], article.related[i]);
  }
  article.related = std::move(kept);
}

}  // namespace newsnorm
