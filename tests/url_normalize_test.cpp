// URL canonicalization and dedupe keys: each rule, the AMP forms of real seed stories, hostile
// input, and every URL of the real corpus.
#include <catch2/catch.hpp>

#include <map>

#include "newsnorm/normalize/url_normalize.hpp"
#include "test_support.hpp"

using namespace newsnorm;
using namespace newsnorm::test;

namespace {

using Changes = std::vector<std::string>;

// The canonical form, or a marker that fails any comparison with a real URL.
std::string canonical(std::string_view input) {
  const auto result = canonicalize_url(input);
  return result ? result->url : "<nullopt>";
}

Changes changes_of(std::string_view input) {
  const auto result = canonicalize_url(input);
  return result ? result->changes : Changes{"<nullopt>"};
}

void check_unchanged(const std::string& url) {
  INFO(url);
  const auto result = canonicalize_url(url);
  REQUIRE(result);
  CHECK(result->url == url);
  CHECK(result->changes.empty());
}

void check_same_key(const std::vector<std::string>& urls) {
  const std::string first = dedupe_key(urls.front());
  for (const auto& url : urls) {
    INFO(url);
    CHECK(dedupe_key(url) == first);
  }
}

}  // namespace

TEST_CASE("url canonicalization removes tracking parameters and keeps the others in order", "[url]") {
  const auto result = canonicalize_url("https://x.com/a?utm_source=tw&id=7&utm_medium=social&b=2&fbclid=abc");
  REQUIRE(result);
  CHECK(result->url == "https://x.com/a?id=7&b=2");
  CHECK(result->changes == Changes{"removed tracking parameter utm_source", "removed tracking parameter utm_medium",
                                   "removed tracking parameter fbclid"});

  for (const std::string name : {"utm_source", "utm_campaign", "utm_id", "utm_whatever_else", "fbclid", "gclid",
                                 "dclid", "msclkid", "mc_cid", "mc_eid", "ocid", "cmpid", "igshid", "yclid", "_ga"}) {
    INFO(name);
    CHECK(canonical("https://x.com/a?z=1&" + name + "=v&a=2") == "https://x.com/a?z=1&a=2");
    CHECK(canonical("https://x.com/a?" + name) == "https://x.com/a");
  }

  // Near misses are real parameters.
  check_unchanged("https://x.com/a?utm=1&myutm_source=2&gclidx=3&_gac=4&ocids=5&utmsource=6");
  // Repeated keys keep their order, values keep their bytes.
  CHECK(canonical("https://x.com/a?tag=b&utm_source=x&tag=a&q=a%2fb+c%7E") ==
        "https://x.com/a?tag=b&tag=a&q=a%2fb+c%7E");
  // A query left empty loses its "?", whether the path ends in a slash or there is no path.
  CHECK(canonical("https://x.com/a/?utm_source=x&utm_medium=y") == "https://x.com/a/");
  CHECK(canonical("https://x.com?gclid=1") == "https://x.com");
  CHECK(canonical("https://x.com/a?&utm_source=x&") == "https://x.com/a");
  // Keys are compared as the server reads them: decoded, in any case.
  CHECK(canonical("https://x.com/a?utm%5Fsource=x&k=1") == "https://x.com/a?k=1");
  CHECK(changes_of("https://x.com/a?utm%5Fsource=x&k=1") == Changes{"removed tracking parameter utm_source"});
  CHECK(canonical("https://x.com/a?UTM_Source=x&FBCLID=y&k=1") == "https://x.com/a?k=1");
  // A parameter repeated is reported once.
  CHECK(changes_of("https://x.com/?utm_source=a&utm_source=b") == Changes{"removed tracking parameter utm_source"});
}

TEST_CASE("url canonicalization removes only default ports", "[url]") {
  CHECK(canonical("http://x.com:80/a") == "http://x.com/a");
  CHECK(changes_of("http://x.com:80/a") == Changes{"removed the default port"});
  CHECK(canonical("https://x.com:443/a?b=1") == "https://x.com/a?b=1");
  CHECK(canonical("https://x.com:443") == "https://x.com");
  CHECK(canonical("http://x.com:080/") == "http://x.com/");
  CHECK(canonical("http://x.com:/a") == "http://x.com/a");
  CHECK(changes_of("http://x.com:/a") == Changes{"removed the empty port"});
  check_unchanged("http://x.com:443/a");
  check_unchanged("https://x.com:80/a");
  check_unchanged("https://x.com:8443/a");
  check_unchanged("http://x.com:8080/a");
}

TEST_CASE("url canonicalization removes the fragment", "[url]") {
  CHECK(canonical("https://x.com/a#top") == "https://x.com/a");
  CHECK(changes_of("https://x.com/a#top") == Changes{"removed the fragment"});
  CHECK(canonical("https://x.com/a?b=1#") == "https://x.com/a?b=1");
  // What follows "#" is not query, even when it looks like one.
  CHECK(canonical("https://x.com/a?b=1#c?utm_source=x") == "https://x.com/a?b=1");
  CHECK(changes_of("https://x.com/a?b=1#c?utm_source=x") == Changes{"removed the fragment"});
}

TEST_CASE("url canonicalization lower-cases the scheme and host but nothing else", "[url]") {
  CHECK(canonical("HTTPS://WWW.Example.COM/Path/To?Q=V") == "https://www.example.com/Path/To?Q=V");
  CHECK(changes_of("HTTPS://WWW.Example.COM/Path/To?Q=V") == Changes{"lower-cased the scheme", "lower-cased the host"});
  CHECK(changes_of("Http://x.com/") == Changes{"lower-cased the scheme"});
  CHECK(canonical("http://[2001:DB8::1]/P") == "http://[2001:db8::1]/P");
  // Percent-escapes in a host keep their hex as written.
  CHECK(canonical("http://EX%C3%A9.com/") == "http://ex%C3%A9.com/");
  // Several changes at once, in the order of the URL.
  CHECK(changes_of("HTTP://X.COM:80/a?utm_source=x#f") ==
        Changes{"lower-cased the scheme", "lower-cased the host", "removed the default port",
                "removed tracking parameter utm_source", "removed the fragment"});
}

TEST_CASE("url canonicalization keeps www, slashes and escapes, and trims whitespace silently", "[url]") {
  check_unchanged("https://www.x.com/a/");
  check_unchanged("https://www.x.com/a//b/");
  check_unchanged("https://x.com");
  check_unchanged("https://x.com/a%2fb/%7Euser?q=%41%26b&r=a+b");
  check_unchanged("https://x.com/?");
  check_unchanged("https://x.com/a?b=1&&c&d=");
  check_unchanged("https://user:pw@x.com:8443/p?a=1");
  check_unchanged("http://[2001:db8::1]:8080/p");
  check_unchanged("http://127.0.0.1/p");
  check_unchanged("https://youtube.com/watch?v=WJk-Y8LQlfE");
  check_unchanged("https://www.zdnet.com/google-amp/article/x/");  // AMP forms are folded in keys only
  check_unchanged("https://venturebeat.com/ai/x/amp/");
  const auto trimmed = canonicalize_url("  \t https://x.com/a \r\n");
  REQUIRE(trimmed);
  CHECK(trimmed->url == "https://x.com/a");
  CHECK(trimmed->changes.empty());
}

TEST_CASE("url canonicalization unwraps AMP cache addresses", "[url]") {
  const auto https_form = canonicalize_url("https://venturebeat-com.cdn.ampproject.org/c/s/venturebeat.com/x/");
  REQUIRE(https_form);
  CHECK(https_form->url == "https://venturebeat.com/x/");
  CHECK(https_form->changes == Changes{"unwrapped the AMP cache address"});
  CHECK(canonical("https://x-com.cdn.ampproject.org/c/x.com/a") == "http://x.com/a");
  CHECK(canonical("https://x-com.cdn.ampproject.org/v/s/x.com/a/amp/") == "https://x.com/a/amp/");
  CHECK(canonical("https://x-com.cdn.ampproject.org/v/x.com/a") == "http://x.com/a");
  CHECK(canonical("https://x-com.cdn.ampproject.org/i/s/x.com/img.png") == "https://x.com/img.png");
  CHECK(canonical("https://X-COM.CDN.AMPPROJECT.ORG/c/s/x.com/a") == "https://x.com/a");
  // The cache's query and fragment belong to the page, and the page's own rules then apply.
  CHECK(canonical("https://x-com.cdn.ampproject.org/c/s/x.com/a/?amp") == "https://x.com/a/?amp");
  CHECK(canonical("https://x-com.cdn.ampproject.org/c/s/X.com:443/a?utm_source=x&k=1#f") == "https://x.com/a?k=1");
  CHECK(changes_of("https://x-com.cdn.ampproject.org/c/s/X.com/a#f") ==
        Changes{"unwrapped the AMP cache address", "lower-cased the host", "removed the fragment"});
  // Not a cache path, or nothing usable inside: the cache address stays as it is.
  check_unchanged("https://x-com.cdn.ampproject.org/c/s/");
  check_unchanged("https://x-com.cdn.ampproject.org/c/s//a");
  check_unchanged("https://x-com.cdn.ampproject.org/x/s/x.com/a");
  check_unchanged("https://cdn.ampproject.org/c/s/x.com/a");
  check_unchanged("https://x-com.cdn.ampproject.org.evil.com/c/s/x.com/a");
}

TEST_CASE("url canonicalization is idempotent", "[url]") {
  for (const std::string input :
       {"HTTP://WWW.X.COM:80/A/?utm_source=x&b=1#f", "https://x-com.cdn.ampproject.org/c/s/x.com/a?gclid=1",
        "https://x.com/?utm_source=1", "http://x.com:/", "https://x.com/a?&&b&utm_medium=2"}) {
    INFO(input);
    const std::string once = canonical(input);
    check_unchanged(once);
  }
}

TEST_CASE("url dedupe keys: the plain, AMP and AMP cache addresses of each seed story share a key", "[url]") {
  check_same_key({
      "https://venturebeat.com/ai/microsoft-and-nvidia-extend-partnership-to-build-ai-supercomputer-in-the-cloud/",
      "https://venturebeat.com/ai/microsoft-and-nvidia-extend-partnership-to-build-ai-supercomputer-in-the-cloud/amp/",
      "https://venturebeat-com.cdn.ampproject.org/c/s/venturebeat.com/ai/"
      "microsoft-and-nvidia-extend-partnership-to-build-ai-supercomputer-in-the-cloud/amp/",
  });
  check_same_key({
      "https://www.zdnet.com/article/microsoft-builds-a-supercomputer-for-openai-for-training-massive-ai-models/",
      "https://www.zdnet.com/google-amp/article/"
      "microsoft-builds-a-supercomputer-for-openai-for-training-massive-ai-models/",
      "https://www-zdnet-com.cdn.ampproject.org/c/s/www.zdnet.com/google-amp/article/"
      "microsoft-builds-a-supercomputer-for-openai-for-training-massive-ai-models/",
  });
  check_same_key({
      "https://www.engadget.com/sony-microsoft-team-up-ai-powered-cameras-091449976.html",
      "https://www.engadget.com/amp/sony-microsoft-team-up-ai-powered-cameras-091449976.html",
      "https://www-engadget-com.cdn.ampproject.org/c/s/www.engadget.com/amp/"
      "sony-microsoft-team-up-ai-powered-cameras-091449976.html",
  });
  check_same_key({"https://www.albawaba.com/amp/business/x", "https://www.albawaba.com/business/x"});
  CHECK(dedupe_key("https://www.zdnet.com/article/x/") == "zdnet.com/article/x");
}

TEST_CASE("url dedupe keys differ for different stories", "[url]") {
  const std::vector<std::string> urls = {
      "https://venturebeat.com/ai/microsoft-and-nvidia-extend-partnership-to-build-ai-supercomputer-in-the-cloud/",
      "https://www.zdnet.com/article/microsoft-builds-a-supercomputer-for-openai-for-training-massive-ai-models/",
      "https://www.engadget.com/sony-microsoft-team-up-ai-powered-cameras-091449976.html",
      "https://www.engadget.com/sony-microsoft-team-up-ai-powered-cameras-091449977.html",
      "https://www.engadget.com/",
      "https://engadget.co.uk/sony-microsoft-team-up-ai-powered-cameras-091449976.html",
      "https://youtube.com/watch?v=WJk-Y8LQlfE",
      "https://youtube.com/watch?v=WJk-Y8LQlfe",
      "https://youtube.com/watch",
      "https://x.com/a/b",
      "https://x.com/a%2Fb",
      "https://x.com/ab",
      "https://x.com:8080/a/b",
      "https://x.com/a?q=a%26b",
      "https://x.com/a?q=a&b",
      "https://x.com/a?q=a=b",
      "https://x.com/a?q=a%3Db",
      "https://x.com/a?q",
      "https://x.com/a?q=",
      "https://x.com/a?amp=0",
      "https://x.com/tags/ampersand",
      "https://www.com/a",
      "https://amp.com/a",
  };
  std::map<std::string, std::string> seen;
  for (const auto& url : urls) {
    const auto [where, inserted] = seen.emplace(dedupe_key(url), url);
    INFO(url << " and " << where->second << " share the key " << where->first);
    CHECK(inserted);
  }
}

TEST_CASE("url dedupe keys fold scheme, www, AMP forms and trailing slashes, and keep other parameters", "[url]") {
  check_same_key({"https://x.com/a", "http://x.com/a", "https://www.x.com/a/", "HTTP://WWW.X.COM:80/a#f",
                  "https://amp.x.com/a", "https://x.com/amp/a", "https://x.com/a/amp", "https://x.com/a/amp/",
                  "https://x.com/google-amp/a/", "https://x.com/AMP/a", "https://x.com/a?outputType=amp",
                  "https://x.com/a?amp=1", "https://x.com/a?amp", "https://x.com/a/?amp=",
                  "https://x.com/a?utm_source=x", "https://x-com.cdn.ampproject.org/c/s/www.x.com/a/amp/?amp=1"});
  CHECK(dedupe_key("https://x.com/a") == "x.com/a");
  CHECK(dedupe_key("https://www.x.com/") == "x.com");
  CHECK(dedupe_key("https://youtube.com/watch?v=WJk-Y8LQlfE") == "youtube.com/watch?v=WJk-Y8LQlfE");
  CHECK(dedupe_key("https://x.com/a?outputType=amp&page=2") == "x.com/a?page=2");
  CHECK(dedupe_key("https://x.com/a?amp=0") == "x.com/a?amp=0");
  CHECK(dedupe_key("https://x.com:8080/a/") == "x.com:8080/a");
  CHECK(dedupe_key("http://[2001:DB8::1]/a/") == "[2001:db8::1]/a");
  // Text that is not an http(s) URL is its own key.
  CHECK(dedupe_key("  not a url ") == "not a url");
  CHECK(dedupe_key("/assets/x.jpg") != dedupe_key("/assets/y.jpg"));
}

TEST_CASE("url dedupe keys normalize percent-encoding", "[url]") {
  // Escapes of unreserved characters decode; every other escape gets upper-case hex.
  check_same_key(
      {"https://x.com/%7Euser/caf%c3%a9", "https://x.com/~user/caf%C3%A9", "https://x.com/%7euser/caf%C3%a9/"});
  check_same_key({"https://x.com/%61%6D%70/a", "https://x.com/a"});  // "%61%6D%70" is "amp"
  check_same_key({"https://x.com/a?q=%41%2d%2e%5f%7e", "https://x.com/a?q=A-._~"});
  check_same_key({"https://x.com/a?q=a%2fb%3d", "https://x.com/a?q=a%2Fb%3D"});
  check_same_key({"https://x.com/a?%6B=1", "https://x.com/a?k=1"});
  CHECK(dedupe_key("https://x.com/caf%c3%a9?q=%2f%7e") == "x.com/caf%C3%A9?q=%2F~");
  // Reserved characters keep their escapes: "%2F" is not a separator, "%26" does not split a value.
  CHECK(dedupe_key("https://x.com/a%2fb") == "x.com/a%2Fb");
  CHECK(dedupe_key("https://x.com/?q=a%26b%3Dc") == "x.com?q=a%26b%3Dc");
}

TEST_CASE("url dedupe keys sort query parameters by key then value", "[url]") {
  check_same_key({"https://x.com/a?b=2&a=1", "https://x.com/a?a=1&b=2", "https://x.com/a?b=2&utm_source=x&a=1&"});
  check_same_key({"https://x.com/a?a=2&a=1", "https://x.com/a?a=1&a=2"});
  CHECK(dedupe_key("https://x.com/a?c=3&b=2&a=1&b=1") == "x.com/a?a=1&b=1&b=2&c=3");
  CHECK(dedupe_key("https://x.com/a?b&a=&a") == "x.com/a?a&a=&b");
  CHECK(dedupe_key("https://x.com/a?a=1") != dedupe_key("https://x.com/a?a=2"));
}

TEST_CASE("url is_amp_url recognises each AMP form and nothing else", "[url]") {
  for (const std::string url : {
           "https://venturebeat-com.cdn.ampproject.org/c/s/venturebeat.com/x/",
           "https://www.engadget.com/amp/sony-microsoft-team-up-ai-powered-cameras-091449976.html",
           "https://venturebeat.com/ai/x/amp/",
           "https://www.technotification.com/2021/08/x.html/amp",
           "https://www.zdnet.com/google-amp/article/x/",
           "https://www.theregister.com/AMP/2022/03/10/x/",
           "https://x.com/a?outputType=amp",
           "https://x.com/a?page=2&amp=1",
           "https://x.com/a/?amp",
           "https://amp.x.com/a",
           "https://AMP.x.com/a",
       }) {
    INFO(url);
    CHECK(is_amp_url(url));
  }
  for (const std::string url : {
           "https://venturebeat.com/ai/x/",
           "https://x.com/ampersand/camp/example",
           "https://x.com/a.amp.html",
           "https://x.com/a?amp=0",
           "https://x.com/a?outputType=html",
           "https://x.com/a?x=amp",
           "https://x.com/a#amp",
           "https://amplify.com/a",
           "https://cdn.ampproject.org/v0.js",
           "https://youtube.com/watch?v=WJk-Y8LQlfE",
           "",
           "amp",
           "/amp/x",
           "not a url",
       }) {
    INFO(url);
    CHECK_FALSE(is_amp_url(url));
  }
}

TEST_CASE("url url_host gives the lower-case host or nothing", "[url]") {
  CHECK(url_host("https://WWW.Example.com:8080/a?b#c") == "www.example.com");
  CHECK(url_host("  http://x.com  ") == "x.com");
  CHECK(url_host("http://user:pw@X.com/") == "x.com");
  CHECK(url_host("ftp://Files.X.com/a") == "files.x.com");
  CHECK(url_host("http://[2001:DB8::1]:80/") == "[2001:db8::1]");
  CHECK(url_host("http://192.168.0.1/") == "192.168.0.1");
  CHECK(url_host("https://venturebeat-com.cdn.ampproject.org/c/s/venturebeat.com/x/") ==
        "venturebeat-com.cdn.ampproject.org");
  CHECK(url_host("").empty());
  CHECK(url_host("http://").empty());
  CHECK(url_host("mailto:a@x.com").empty());
  CHECK(url_host("/assets/images/x.jpg").empty());
  CHECK(url_host("x.com/a").empty());
  CHECK(url_host("not a url").empty());
}

TEST_CASE("url functions survive hostile input", "[url]") {
  std::vector<std::string> hostile = {
      "",
      "   ",
      "javascript:alert(1)",
      "JavaScript:alert(document.cookie)//http://x.com/",
      "/assets/images/x.jpg",
      "assets/x.jpg",
      "//x.com/a",
      "mailto:someone@example.com",
      "data:text/html,<b>x</b>",
      "ftp://x.com/a",
      "file:///etc/passwd",
      "garbage with spaces",
      "https://x.com/a b",
      "http://",
      "https://",
      "http:///path",
      "http://:80/",
      "http://user@/a",
      "http://[::1",
      "http://[::1]x/",
      "http://[zz::1]/",
      "http://x.com:-1/",
      "http://x.com:80a/",  // Boost.URL 1.81 alone would read port 80 and path "a/"
      "http://[::1]:x/",
      "http://x.com/%",
      "http://x.com/%zz",
      "http://x.com/%4",
      "http://x.com/?q=%G0",
      "http://x.com/#%",
      "http://x.com/\xff\xfe",
      std::string("http://x.com/\0a", 15),
      "http:",
      "https:x.com",
      "://x.com",
      "?utm_source=x",
      "#f",
  };
  for (const auto& input : hostile) {
    INFO(input);
    CHECK_FALSE(canonicalize_url(input));
    CHECK_NOTHROW(dedupe_key(input));
    CHECK_NOTHROW(is_amp_url(input));
    CHECK_NOTHROW(url_host(input));
  }

  // Valid but odd: a sane answer.
  CHECK(canonical("http://[::1]:80/x") == "http://[::1]/x");
  CHECK(canonical("http://x.com/%41") == "http://x.com/%41");
  check_unchanged("http://x.com:99999999999999999999/");  // RFC 3986 puts no bound on a port

  // Huge inputs take linear time and come back whole or not at all.
  const std::string long_path = "https://x.com/" + std::string(4'000'000, 'a');
  CHECK(canonical(long_path) == long_path);
  CHECK(dedupe_key(long_path).size() == long_path.size() - 8);
  std::string many_params = "https://x.com/a?";
  for (int i = 0; i < 100'000; ++i) many_params += "utm_source=" + std::to_string(i) + "&k" + std::to_string(i) + "=v&";
  const auto stripped = canonicalize_url(many_params);
  REQUIRE(stripped);
  CHECK(stripped->url.find("utm_") == std::string::npos);
  CHECK(stripped->changes == Changes{"removed tracking parameter utm_source"});
  CHECK_FALSE(dedupe_key(many_params).empty());
  std::string nested = "https://a.cdn.ampproject.org/";
  for (int i = 0; i < 10'000; ++i) nested += "c/s/a.cdn.ampproject.org/";
  nested += "x";
  CHECK(canonicalize_url(nested));
  CHECK(is_amp_url(nested));
  CHECK_FALSE(canonicalize_url(std::string(1'000'000, '%')));
  CHECK_FALSE(canonicalize_url("https://x.com/" + std::string(1'000'000, ' ') + "a"));
}

namespace {

// The value of a "key: value" line of a corpus header, unquoted; nullopt for other lines.
std::optional<std::string> url_line_value(std::string_view line, std::string_view key) {
  while (!line.empty() && (line.front() == ' ' || line.front() == '-')) line.remove_prefix(1);
  if (!line.starts_with(key) || line.substr(key.size(), 1) != ":") return std::nullopt;
  line.remove_prefix(key.size() + 1);
  while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
  while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.remove_suffix(1);
  if (line.size() >= 2 && (line.front() == '"' || line.front() == '\'') && line.back() == line.front()) {
    line = line.substr(1, line.size() - 2);
  }
  if (line.empty()) return std::nullopt;
  return std::string(line);
}

// An oracle that knows nothing of URL parsing: could canonicalization have anything to change?
bool looks_canonical(const std::string& url) {
  const auto authority_end = url.find('/', url.find("://") + 3);
  const std::string front = url.substr(0, authority_end);
  if (std::any_of(front.begin(), front.end(), [](char c) { return c >= 'A' && c <= 'Z'; })) return false;
  if (front.ends_with(":80") || front.ends_with(":443") || front.ends_with(":")) return false;
  if (url.find('#') != std::string::npos || front.find("cdn.ampproject.org") != std::string::npos) return false;
  for (const char* tracking :
       {"utm_", "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "ocid", "cmpid", "igshid", "yclid", "_ga"}) {
    if (url.find(tracking) != std::string::npos) return false;
  }
  return true;
}

}  // namespace

TEST_CASE("url canonicalization accepts every corpus URL and leaves the clean ones byte-identical", "[url][corpus]") {
  std::size_t urls = 0, untouched = 0, cache_groups = 0;
  for (const auto& path : files_under(corpus_dir())) {
    const std::string text = read_file(path);
    std::map<std::string, std::string> found;
    std::size_t start = 0;
    while (start < text.size()) {
      const std::size_t end = std::min(text.find('\n', start), text.size());
      const std::string_view line(text.data() + start, end - start);
      start = end + 1;
      for (const char* key : {"webUrl", "originalUrl", "ampWebUrl", "cdnAmpWebUrl"}) {
        const auto value = url_line_value(line, key);
        if (!value) continue;
        INFO(path.string() << ": " << key << ": " << *value);
        ++urls;
        found[key] = *value;
        const auto result = canonicalize_url(*value);
        REQUIRE(result);
        check_unchanged(result->url);  // idempotent
        if (looks_canonical(*value)) {
          ++untouched;
          CHECK(result->url == *value);
          CHECK(result->changes.empty());
        }
        const auto cache_path = value->find(".cdn.ampproject.org/c/s/");
        if (cache_path != std::string::npos) {
          CHECK(result->url == "https://" + value->substr(cache_path + 24));
          CHECK(result->changes == Changes{"unwrapped the AMP cache address"});
          CHECK(is_amp_url(*value));
        }
      }
    }
    // The AMP page and its cache copy are the same page; the plain webUrl sometimes is another
    // address altogether (neowin's /news/, infoworld's .amp.html), so it is not compared here.
    if (found.contains("ampWebUrl") && found.contains("cdnAmpWebUrl")) {
      ++cache_groups;
      INFO(path.string());
      CHECK(dedupe_key(found["ampWebUrl"]) == dedupe_key(found["cdnAmpWebUrl"]));
    }
  }
  // Not a snapshot of the corpus's counts: each URL line was checked above; these only make sure
  // the corpus still holds each kind (URL lines, clean ones, AMP cache groups).
  CHECK(urls > 0);
  CHECK(untouched > 0);
  CHECK(cache_groups > 0);
}
