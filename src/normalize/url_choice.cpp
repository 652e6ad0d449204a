#include "newsnorm/normalize/url_choice.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "newsnorm/core/value_fix.hpp"
#include "newsnorm/model/record_fields.hpp"
#include "newsnorm/normalize/url_normalize.hpp"

namespace newsnorm {
namespace {

struct Choice {
  const UrlCandidate* from = nullptr;
  CanonicalUrl canonical;
  bool resolved = false;  // a site-relative address, made absolute with --base-url
};

// Canonical forms of the usable candidates, in field order; unusable ones are reported.
// A site-relative address ("/2013/11/post/", as Jekyll's permalink is) is resolved against the
// --base-url when one is given.
std::vector<Choice> canonical_candidates(const std::vector<UrlCandidate>& candidates, Article& article,
                                         const std::string& where, const std::string& base_url) {
  std::vector<Choice> usable;
  for (const UrlCandidate& candidate : candidates) {
    if (!*candidate.value) continue;
    std::optional<CanonicalUrl> canonical = canonicalize_url(**candidate.value);
    const bool relative = !canonical && !base_url.empty() && (*candidate.value)->starts_with('/');
    if (relative) {
      if (const auto resolved = resolve_url(base_url, **candidate.value)) {
        canonical = canonicalize_url(*resolved);
        if (canonical)
          canonical->changes.insert(canonical->changes.begin(),
                                    fmt::format("resolved against --base-url as \"{}\"", *resolved));
      }
    }
    if (canonical) {
      usable.push_back(Choice{&candidate, std::move(*canonical), relative});
    } else {
      article.warn(code::normalize_url, {},
                   fmt::format("{}{} \"{}\" is not an absolute http(s) URL; it is not used as the address", where,
                               candidate.key, **candidate.value));
    }
  }
  return usable;
}

// The first non-AMP candidate, else the first one.
const Choice* best(const std::vector<Choice>& usable) {
  for (const Choice& choice : usable)
    if (!is_amp_url(choice.canonical.url)) return &choice;
  return usable.empty() ? nullptr : &usable.front();
}

void choose(Article& article, Links& entry, const std::string& where, const UrlCandidate* default_field,
            const std::string& base_url) {
  const std::vector<UrlCandidate> candidates = url_candidates(entry);
  const std::vector<Choice> usable =
      canonical_candidates(candidates, article, where.empty() ? "" : where + ".", base_url);
  const Choice* chosen = best(usable);
  const std::string label =
      where.empty() ? std::string(key_of(&Links::url)) : where + "." + std::string(key_of(&Links::url));
  if (!chosen) {
    if (entry.url)
      article.warn(code::normalize_url, {}, fmt::format("{} is null: none of the addresses given is usable", label));
    entry.url.reset();
    entry.dedupe_key.reset();
    return;
  }
  std::vector<std::string> reasons = chosen->canonical.changes;
  const bool other_field = default_field && chosen->from->key != default_field->key;
  if (other_field)
    reasons.insert(reasons.begin(),
                   fmt::format("took the non-AMP {} rather than {}", chosen->from->key, default_field->key));
  if (!reasons.empty()) {
    article.warn(code::normalize_url, {},
                 fmt::format("{}: {} (was \"{}\")", label, fmt::join(reasons, ", "), **chosen->from->value));
    // The cleaned address can replace the one given in its field, but not an address of another
    // kind: an AMP cache's target, a site-relative permalink's absolute form, another field's choice.
    const std::string* pointer = entry.origins.find(chosen->from->key);
    if (pointer && !other_field && !chosen->resolved && !chosen->canonical.unwrapped)
      article.warnings.back().fix = make_value_fix(*pointer, **chosen->from->value, chosen->canonical.url);
  }
  entry.url = chosen->canonical.url;
  entry.dedupe_key = dedupe_key(chosen->canonical.url);
}

std::vector<std::string> keys_of(const Links& entry) {
  std::vector<std::string> keys;
  for (const UrlCandidate& candidate : url_candidates(entry)) {
    if (!*candidate.value) continue;
    if (auto canonical = canonicalize_url(**candidate.value)) {
      std::string key = dedupe_key(canonical->url);
      if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(std::move(key));
    }
  }
  return keys;
}

}  // namespace

void choose_article_url(Article& article, const std::string& base_url) {
  // Without the normalizer the address is the first candidate given; a warning says when it is not.
  const std::vector<UrlCandidate> candidates = url_candidates(article);
  const auto given =
      std::find_if(candidates.begin(), candidates.end(), [](const auto& c) { return c.value->has_value(); });
  choose(article, article, "", given == candidates.end() ? nullptr : &*given, base_url);
}

void choose_related_url(Article& article, Related& related, const std::string& where, const std::string& base_url) {
  choose(article, related, where, nullptr, base_url);
}

std::vector<std::string> all_dedupe_keys(const Article& article) { return keys_of(article); }
std::vector<std::string> all_dedupe_keys(const Related& related) { return keys_of(related); }

}  // namespace newsnorm
