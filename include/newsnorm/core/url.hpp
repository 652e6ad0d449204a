#pragma once
// Resolving a URL reference, which the page reader, the feed reader and the normalizer all do.
#include <optional>
#include <string>
#include <string_view>

namespace newsnorm {

// `reference` (such as a site-relative "/2013/11/post/") resolved against the absolute `base` as
// RFC 3986 says (with Boost.URL); nullopt when either cannot be parsed.
std::optional<std::string> resolve_url(std::string_view base, std::string_view reference);

}  // namespace newsnorm
