#pragma once
// Article URLs: one canonical form per address, and one dedupe key per story, so that the plain,
// AMP and AMP-cache addresses of the same article are recognised as the same article.
// Parsing is Boost.URL's (RFC 3986); nothing here throws, whatever the input.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "newsnorm/core/url.hpp"  // resolve_url

namespace newsnorm {

struct CanonicalUrl {
  std::string url;                   // the canonical form
  std::vector<std::string> changes;  // one short human sentence per change made, e.g.
                                     // "removed tracking parameter utm_source"
  bool unwrapped = false;            // an AMP cache address: `url` is the address inside it, not a cleaned form
};

// Lower-cases the scheme and host, removes a default port (:80 for http, :443 for https), the
// fragment and tracking parameters (utm_*, fbclid, gclid, ...), and unwraps AMP cache addresses
// (https://x-com.cdn.ampproject.org/c/s/x.com/a is https://x.com/a). Everything else, including
// "www.", the trailing slash and every percent-escape, stays byte for byte as given, so an
// already canonical URL comes back identical with no changes.
// nullopt when the text is not an absolute http or https URL with a host.
std::optional<CanonicalUrl> canonicalize_url(std::string_view input);

// The dedupe key of a canonical URL: no scheme, no "www." or "amp." host label, no AMP path
// segments or AMP query parameters, no trailing slash, percent-encoding normalized and query
// parameters sorted. The plain, AMP and AMP-cache URLs of one story share a key.
// Text that is not an http(s) URL is its own key (trimmed), so it never merges with another.
std::string dedupe_key(std::string_view canonical_url);

// True when the URL is an AMP form: an AMP cache host (*.cdn.ampproject.org), a host beginning
// "amp.", a path segment "amp" or "google-amp" anywhere, outputType=amp, or amp=1 (or bare amp).
bool is_amp_url(std::string_view url);

// The lower-case host of an absolute URL ("[::1]" keeps its brackets), or "" when it has none.
std::string url_host(std::string_view url);

}  // namespace newsnorm
