#include "newsnorm/normalize/url_normalize.hpp"

#include "newsnorm/core/ascii.hpp"

#include <algorithm>
#include <array>
#include <exception>
#include <tuple>

#include <boost/url.hpp>

namespace newsnorm {
namespace {

namespace urls = boost::urls;

// The parser hands out boost::core::string_view; the rest of the code speaks std::string_view.
template <class View>
std::string_view sv(const View& view) {
  return {view.data(), view.size()};
}

using ascii::is_space;

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return lower(x) == lower(y); });
}

bool istarts_with(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && iequals(text.substr(0, prefix.size()), prefix);
}

// Lower-cases letters, except the hex digits of percent-escapes: RFC 3986 prefers those upper-case,
// and the canonical form must not rewrite an escape it was not asked to touch.
std::string lower_outside_escapes(std::string_view text) {
  std::string out(text);
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (out[i] == '%') {
      i += 2;
      continue;
    }
    out[i] = lower(out[i]);
  }
  return out;
}

bool is_unreserved(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
         c == '_' || c == '~';
}

// RFC 3986 6.2.2.2: escapes of unreserved characters decoded, every other escape upper-cased.
// Not Boost.URL's normalize(): in 1.81 it decodes every character its component allows, so
// "%2F" becomes a path separator and "%26" or "%3D" split a query value, which changes the URL.
std::string normalize_percent_encoding(std::string_view text) {
  static constexpr std::array<char, 16> digits = {'0', '1', '2', '3', '4', '5', '6', '7',
                                                  '8', '9', 'A', 'B', 'C', 'D', 'E', 'F'};
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const int high = text[i] == '%' && i + 2 < text.size() ? ascii::digit_value(text[i + 1]) : -1;
    const int low = high >= 0 ? ascii::digit_value(text[i + 2]) : -1;
    if (low < 0) {
      out += text[i];
      continue;
    }
    const char decoded = static_cast<char>(high * 16 + low);
    if (is_unreserved(decoded)) {
      out += decoded;
    } else {
      out += '%';
      out += digits[static_cast<std::size_t>(high)];
      out += digits[static_cast<std::size_t>(low)];
    }
    i += 2;
  }
  return out;
}

// Parameters that only say where a click came from, never which page it is.
bool is_tracking_parameter(std::string_view key) {
  static constexpr std::array<std::string_view, 11> names = {"fbclid", "gclid", "dclid",  "msclkid", "mc_cid", "mc_eid",
                                                             "ocid",   "cmpid", "igshid", "yclid",   "_ga"};
  return istarts_with(key, "utm_") ||
         std::any_of(names.begin(), names.end(), [&](std::string_view name) { return iequals(key, name); });
}

bool is_amp_segment(std::string_view normalized_segment) {
  return iequals(normalized_segment, "amp") || iequals(normalized_segment, "google-amp");
}

// outputType=amp, amp=1, and amp with no or an empty value: the switches that ask for the AMP page.
bool is_amp_parameter(std::string_view key, std::string_view value, bool has_value) {
  if (iequals(key, "outputType")) return has_value && iequals(value, "amp");
  if (iequals(key, "amp")) return !has_value || value.empty() || value == "1";
  return false;
}

constexpr std::string_view amp_cache_suffix = ".cdn.ampproject.org";

bool is_amp_cache_host(std::string_view lower_host) {
  return lower_host.size() > amp_cache_suffix.size() && lower_host.ends_with(amp_cache_suffix);
}

std::optional<urls::url_view> parse_absolute(std::string_view text) {
  auto parsed = urls::parse_uri(urls::string_view(text.data(), text.size()));
  if (!parsed.has_value()) return std::nullopt;
  // Boost.URL 1.81 accepts a path that does not begin with "/" right after the authority
  // (boostorg/url#636): "http://x.com:80a/" parses as port 80 and path "a/", and dropping that
  // port would make the host "x.coma". RFC 3986 forbids it, so it is rejected here.
  const urls::url_view url = parsed.value();
  if (url.has_authority() && !url.encoded_path().empty() && url.encoded_path().front() != '/') return std::nullopt;
  return url;
}

bool is_default_port(std::string_view scheme, std::string_view port) {
  while (port.size() > 1 && port.front() == '0') port.remove_prefix(1);
  return (scheme == "http" && port == "80") || (scheme == "https" && port == "443");
}

// The address inside an AMP cache URL (https://x-com.cdn.ampproject.org/c/s/x.com/a?q#f is
// https://x.com/a?q#f): "/c/", "/v/" (viewer) or "/i/" (image), then "s/" when the origin is https.
std::optional<std::string> amp_cache_target(const urls::url_view& url) {
  std::string_view path = sv(url.encoded_path());
  if (!(path.starts_with("/c/") || path.starts_with("/v/") || path.starts_with("/i/"))) return std::nullopt;
  path.remove_prefix(3);
  std::string target = "http://";
  if (path.starts_with("s/")) {
    target = "https://";
    path.remove_prefix(2);
  }
  if (path.empty() || path.front() == '/') return std::nullopt;
  target += path;
  if (url.has_query()) target.append("?").append(sv(url.encoded_query()));
  if (url.has_fragment()) target.append("#").append(sv(url.encoded_fragment()));
  return target;
}

// A cache address inside a cache address is legal but pointless; a few levels are enough, and the
// bound keeps a crafted input from recursing once per "/c/" it holds.
constexpr int max_amp_cache_unwraps = 4;

std::optional<CanonicalUrl> canonicalize(std::string_view text, int unwraps) {
  const auto parsed = parse_absolute(text);
  if (!parsed) return std::nullopt;
  const urls::url_view& url = *parsed;

  const std::string scheme = lower_outside_escapes(sv(url.scheme()));
  if (scheme != "http" && scheme != "https") return std::nullopt;
  if (!url.has_authority() || url.encoded_host().empty()) return std::nullopt;
  const std::string host = lower_outside_escapes(sv(url.encoded_host()));

  if (unwraps < max_amp_cache_unwraps && url.host_type() == urls::host_type::name && is_amp_cache_host(host)) {
    if (const auto target = amp_cache_target(url)) {
      if (auto inner = canonicalize(*target, unwraps + 1)) {
        inner->changes.insert(inner->changes.begin(), "unwrapped the AMP cache address");
        inner->unwrapped = true;
        return inner;
      }
    }
  }

  CanonicalUrl result;
  if (scheme != sv(url.scheme())) result.changes.emplace_back("lower-cased the scheme");
  result.url = scheme + "://";
  if (url.has_userinfo()) result.url.append(sv(url.encoded_userinfo())).append("@");
  result.url += host;
  if (host != sv(url.encoded_host())) result.changes.emplace_back("lower-cased the host");
  if (url.has_port()) {
    const std::string_view port = sv(url.port());
    if (port.empty()) {
      result.changes.emplace_back("removed the empty port");
    } else if (is_default_port(scheme, port)) {
      result.changes.emplace_back("removed the default port");
    } else {
      result.url.append(":").append(port);
    }
  }
  result.url += sv(url.encoded_path());

  if (url.has_query()) {
    std::string query;
    bool removed = false;
    for (const auto& param : url.encoded_params()) {
      const std::string key = param.key.decode();
      if (is_tracking_parameter(key)) {
        removed = true;
        std::string note = "removed tracking parameter " + key;
        if (std::find(result.changes.begin(), result.changes.end(), note) == result.changes.end()) {
          result.changes.push_back(std::move(note));
        }
        continue;
      }
      // Once a parameter goes, the query is rebuilt; empty "&&" slots go with it.
      if (param.key.empty() && !param.has_value) continue;
      if (!query.empty()) query += '&';
      query.append(sv(param.key));
      if (param.has_value) query.append("=").append(sv(param.value));
    }
    if (!removed) {
      result.url.append("?").append(sv(url.encoded_query()));
    } else if (!query.empty()) {
      result.url.append("?").append(query);
    }
  }
  if (url.has_fragment()) result.changes.emplace_back("removed the fragment");
  return result;
}

// Host labels that name the same site: "www.x.com" and "amp.x.com" are x.com. A label is only
// dropped when a dot remains, so "www.com" keeps its name.
std::string strip_alias_labels(std::string host) {
  for (;;) {
    const bool alias = host.starts_with("www.") || host.starts_with("amp.");
    if (!alias || host.find('.', 4) == std::string::npos) return host;
    host.erase(0, 4);
  }
}

std::string key_of_canonical(const urls::url_view& url) {
  std::string key = lower_outside_escapes(normalize_percent_encoding(sv(url.encoded_host())));
  if (url.host_type() == urls::host_type::name) key = strip_alias_labels(std::move(key));
  if (url.has_port() && !url.port().empty()) key.append(":").append(sv(url.port()));

  std::vector<std::string> segments;
  for (const auto segment : url.encoded_segments()) {
    std::string normalized = normalize_percent_encoding(sv(segment));
    if (!is_amp_segment(normalized)) segments.push_back(std::move(normalized));
  }
  while (!segments.empty() && segments.back().empty()) segments.pop_back();  // the trailing slash
  for (const auto& segment : segments) key.append("/").append(segment);

  struct Param {
    std::string key;
    bool has_value;
    std::string value;
  };
  std::vector<Param> params;
  if (url.has_query()) {
    for (const auto& param : url.encoded_params()) {
      if (param.key.empty() && !param.has_value) continue;
      Param p{normalize_percent_encoding(sv(param.key)), param.has_value, normalize_percent_encoding(sv(param.value))};
      if (is_amp_parameter(p.key, p.value, p.has_value)) continue;
      params.push_back(std::move(p));
    }
  }
  std::sort(params.begin(), params.end(), [](const Param& a, const Param& b) {
    return std::tie(a.key, a.has_value, a.value) < std::tie(b.key, b.has_value, b.value);
  });
  for (std::size_t i = 0; i < params.size(); ++i) {
    key += i == 0 ? '?' : '&';
    key += params[i].key;
    if (params[i].has_value) key.append("=").append(params[i].value);
  }
  return key;
}

}  // namespace

std::optional<CanonicalUrl> canonicalize_url(std::string_view input) {
  try {
    return canonicalize(ascii::trim(input), 0);
  } catch (const std::exception&) {  // allocation or length errors from the parser: not a URL we can use
    return std::nullopt;
  }
}

std::string dedupe_key(std::string_view canonical_url) {
  const std::string_view text = ascii::trim(canonical_url);
  try {
    // Canonicalizing again is cheap and makes the key right even for a URL that was not canonical.
    if (const auto canonical = canonicalize(text, 0)) {
      if (const auto parsed = parse_absolute(canonical->url)) return key_of_canonical(*parsed);
    }
    return std::string(text);
  } catch (const std::exception&) {
    return std::string(text);
  }
}

bool is_amp_url(std::string_view url) {
  try {
    const auto parsed = parse_absolute(ascii::trim(url));
    if (!parsed) return false;
    if (parsed->has_authority() && parsed->host_type() == urls::host_type::name) {
      const std::string host = lower_outside_escapes(sv(parsed->encoded_host()));
      if (is_amp_cache_host(host) || host.starts_with("amp.")) return true;
    }
    for (const auto segment : parsed->encoded_segments()) {
      if (is_amp_segment(normalize_percent_encoding(sv(segment)))) return true;
    }
    if (parsed->has_query()) {
      for (const auto& param : parsed->encoded_params()) {
        if (is_amp_parameter(normalize_percent_encoding(sv(param.key)), normalize_percent_encoding(sv(param.value)),
                             param.has_value)) {
          return true;
        }
      }
    }
    return false;
  } catch (const std::exception&) {
    return false;
  }
}

std::string url_host(std::string_view url) {
  try {
    const auto parsed = parse_absolute(ascii::trim(url));
    if (!parsed || !parsed->has_authority()) return "";
    return lower_outside_escapes(sv(parsed->encoded_host()));
  } catch (const std::exception&) {
    return "";
  }
}

}  // namespace newsnorm
