#include "newsnorm/core/url.hpp"

#include <exception>

#include <boost/url.hpp>

namespace newsnorm {

std::optional<std::string> resolve_url(std::string_view base, std::string_view reference) {
  namespace urls = boost::urls;
  try {
    const auto base_view = urls::parse_uri(urls::string_view(base.data(), base.size()));
    const auto ref_view = urls::parse_uri_reference(urls::string_view(reference.data(), reference.size()));
    if (!base_view || !ref_view) return std::nullopt;
    urls::url resolved;
    if (!urls::resolve(*base_view, *ref_view, resolved)) return std::nullopt;
    const auto buffer = resolved.buffer();
    return std::string(buffer.data(), buffer.size());
  } catch (const std::exception&) {  // Boost.URL's; nothing of it leaves here
    return std::nullopt;
  }
}

}  // namespace newsnorm
