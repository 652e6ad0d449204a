#pragma once
// Between the model and the exporter: canonical URLs and dedupe keys, deduplicated related links,
// providers resolved against a registry, clean text. Every change to a value the input gave is
// recorded in the article's warnings (pure white-space and line-ending clean-up excepted).
#include <memory>

#include "newsnorm/model/article.hpp"
#include "newsnorm/normalize/provider_registry.hpp"

namespace newsnorm {

struct NormalizeOptions {
  // The registry names come from; null means the built-in one.
  std::shared_ptr<const ProviderRegistry> registry;
  // --base-url: what site-relative addresses (a Jekyll permalink) are relative to; empty for none.
  std::string base_url;
};

// The built-in registry, parsed once and shared by every thread.
std::shared_ptr<const ProviderRegistry> builtin_registry();

void normalize(Article& article, const NormalizeOptions& options);

}  // namespace newsnorm
