#include "newsnorm/normalize/url_choice.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "newsnorm/normalize/url_normalize.hpp"

namespace newsnorm {
namespace {

struct Candidate {
  const char* field;
  const std::optional<std::string>* value;
};
using Candidates = std::array<Candidate, 4>;

Candidates candidates_of(const Links& e) {
  return {{{"webUrl", &e.web_url}, {"originalUrl", &e.original_url}, {"ampWebUrl", &e.amp_web_url},
           {"cdnAmpWebUrl", &e.cdn_amp_web_url}}};
}

struct Choice {
  const Candidate* from = nullptr;
  CanonicalUrl canonical;
};

// Canonical forms of the usable candidates, in field order; unusable ones are reported.
std::vector<Choice> canonical_candidates(const Candidates& candidates, Article& article, const std::string& where) {
  std::vector<Choice> usable;
  for (const Candidate& candidate : candidates) {
    if (!*candidate.value) continue;
    if (auto canonical = canonicalize_url(**candidate.value)) {
      usable.push_back(Choice{&candidate, std::move(*canonical)});
    } else {
      article.warn({}, fmt::format("{}{} \"{}\" is not an absolute http(s) URL; it is not used as the address",
                                   where, candidate.field, **candidate.value));
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

void choose(Article& article, Links& entry, const std::string& where, const char* default_field) {
  const Candidates candidates = candidates_of(entry);
  const std::vector<Choice> usable = canonical_candidates(candidates, article, where.empty() ? "" : where + ".");
  const Choice* chosen = best(usable);
  const std::string label = where.empty() ? "url" : where + ".url";
  if (!chosen) {
    if (entry.url) article.warn({}, fmt::format("{} is null: none of the addresses given is usable", label));
    entry.url.reset();
    entry.dedupe_key.reset();
    return;
  }
  std::vector<std::string> reasons = chosen->canonical.changes;
  if (default_field && std::string_view(chosen->from->field) != default_field)
    reasons.insert(reasons.begin(), fmt::format("took the non-AMP {} rather than {}", chosen->from->field, default_field));
  if (!reasons.empty())
    article.warn({}, fmt::format("{}: {} (was \"{}\")", label, fmt::join(reasons, ", "), **chosen->from->value));
  entry.url = chosen->canonical.url;
  entry.dedupe_key = dedupe_key(chosen->canonical.url);
}

std::vector<std::string> keys_of(const Links& entry) {
  std::vector<std::string> keys;
  for (const Candidate& candidate : candidates_of(entry)) {
    if (!*candidate.value) continue;
    if (auto canonical = canonicalize_url(**candidate.value)) {
      std::string key = dedupe_key(canonical->url);
      if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(std::move(key));
    }
  }
  return keys;
}

// The field issue #2's rule took the address from (webUrl, else originalUrl, else ampWebUrl).
const char* default_field(const Article& a) {
  if (a.web_url) return "webUrl";
  if (a.original_url) return "originalUrl";
  if (a.amp_web_url) return "ampWebUrl";
  return nullptr;
}

}  // namespace

void choose_article_url(Article& article) { choose(article, article, "", default_field(article)); }

void choose_related_url(Article& article, Related& related, const std::string& where) {
  choose(article, related, where, nullptr);
}

std::vector<std::string> all_dedupe_keys(const Article& article) { return keys_of(article); }
std::vector<std::string> all_dedupe_keys(const Related& related) { return keys_of(related); }

}  // namespace newsnorm
