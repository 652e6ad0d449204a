#pragma once
// Domains as the Public Suffix List sees them, through libpsl. A site's owner is known by its
// registrable domain (eTLD+1): www.bbc.co.uk and news.bbc.co.uk are both bbc.co.uk.
#include <string>
#include <string_view>

namespace newsnorm {

// The registrable domain of a host, lower-cased: "www.zdnet.com" -> "zdnet.com", "www.bbc.co.uk" ->
// "bbc.co.uk", "someone.github.io" -> "someone.github.io" (github.io is a public suffix).
// One trailing dot is dropped. A host that is itself a public suffix ("github.io", "com") or a single
// label ("localhost") is returned whole, since nothing shorter owns it. IP literals (1.2.3.4, ::1,
// [::1]) are returned as they are, lower-cased. Returns "" for anything that is no host name: empty
// text, spaces, URLs, empty labels, ill-formed UTF-8. IDNs stay in the form given (UTF-8 or xn--).
// Thread-safe.
std::string registrable_domain(std::string_view host);

// The longest public suffix of a host, lower-cased: "someone.github.io" -> "github.io",
// "www.zdnet.com" -> "com". "" when `host` is no host name or an IP literal.
std::string public_suffix(std::string_view host);

}  // namespace newsnorm
