// The provider registry: registrable domains through libpsl, the built-in list, and loading more.
#include <catch2/catch.hpp>

#include <atomic>
#include <map>
#include <set>
#include <thread>

#include "newsnorm/config/provider_files.hpp"
#include "newsnorm/model/document_parser.hpp"
#include "newsnorm/normalize/provider_registry.hpp"
#include "test_support.hpp"

using namespace newsnorm;
using namespace newsnorm::test;

namespace {

std::filesystem::path organizations_dir() { return corpus_dir() / "_data" / "organizations"; }

// domain -> name of every organization file, read by line (an oracle independent of the parser).
std::map<std::string, std::string> corpus_organizations() {
  std::map<std::string, std::string> organizations;
  for (const auto& path : files_under(organizations_dir())) {
    const std::string text = read_file(path);
    const auto domain = header_line_value(text, "domain");
    const auto name = header_line_value(text, "name");
    REQUIRE(domain);
    REQUIRE(name);
    organizations.emplace(*domain, *name);
  }
  return organizations;
}

// The message of the std::runtime_error that `action` throws; "" when it throws none.
template <typename Action>
std::string error_of(Action&& action) {
  const FatalStatus status = action();
  return status ? std::string() : status.error().what();
}

}  // namespace

TEST_CASE("provider: registrable_domain reduces a host to its eTLD+1", "[provider]") {
  CHECK(registrable_domain("www.zdnet.com") == "zdnet.com");
  CHECK(registrable_domain("mobile.reuters.com") == "reuters.com");
  CHECK(registrable_domain("www.bbc.co.uk") == "bbc.co.uk");
  CHECK(registrable_domain("someone.github.io") == "someone.github.io");
  CHECK(registrable_domain("a.b.c.example.com") == "example.com");
  CHECK(registrable_domain("zdnet.com") == "zdnet.com");

  SECTION("upper case and a trailing dot") {
    CHECK(registrable_domain("WWW.ZDNet.COM") == "zdnet.com");
    CHECK(registrable_domain("www.zdnet.com.") == "zdnet.com");
    CHECK(registrable_domain("Someone.GitHub.IO.") == "someone.github.io");
  }
  SECTION("internationalized names, in UTF-8 or punycode as given") {
    CHECK(registrable_domain("www.bücher.de") == "bücher.de");
    CHECK(registrable_domain("WWW.BÜCHER.DE") == "bücher.de");
    CHECK(registrable_domain("www.xn--bcher-kva.de") == "xn--bcher-kva.de");
    CHECK(registrable_domain("news.例え.jp") == "例え.jp");
  }
  SECTION("a public suffix or a single label is its own owner") {
    CHECK(registrable_domain("github.io") == "github.io");
    CHECK(registrable_domain("co.uk") == "co.uk");
    CHECK(registrable_domain("localhost") == "localhost");
  }
  SECTION("IP literals are returned as they are, lower-cased") {
    CHECK(registrable_domain("192.168.0.1") == "192.168.0.1");
    CHECK(registrable_domain("2001:DB8::1") == "2001:db8::1");
    CHECK(registrable_domain("[::1]") == "[::1]");
  }
  SECTION("garbage is no domain") {
    for (const char* garbage :
         {"", ".", "..", "zdnet .com", " zdnet.com", "zdnet.com ", "https://zdnet.com/x", "zdnet.com:443",
          "user@zdnet.com", "a..com", ".com", "zdnet.com..", "1.2.3", "\xff\xfe.com", "zdnet\n.com", "[zdnet.com]"}) {
      INFO(garbage);
      CHECK(registrable_domain(garbage).empty());
    }
    CHECK(registrable_domain(std::string(64, 'a') + ".com").empty());
    CHECK(registrable_domain(std::string(63, 'a') + ".com") == std::string(63, 'a') + ".com");
  }
  SECTION("public_suffix gives the longest public suffix") {
    CHECK(public_suffix("someone.github.io") == "github.io");
    CHECK(public_suffix("x.blogspot.com") == "blogspot.com");
    CHECK(public_suffix("www.bbc.co.uk") == "co.uk");
    CHECK(public_suffix("WWW.ZDNET.COM.") == "com");
    CHECK(public_suffix("10.0.0.1").empty());
    CHECK(public_suffix("not a host").empty());
  }
}

TEST_CASE("provider: built-in registry names every organization of the corpus as its file does", "[provider]") {
  const ProviderRegistry registry = ProviderRegistry::builtin();
  const auto organizations = corpus_organizations();
  CHECK(organizations.size() == 70);
  for (const auto& [domain, name] : organizations) {
    INFO(domain);
    const ProviderInfo* info = registry.find(domain);
    REQUIRE(info != nullptr);
    CHECK(info->name == name);
  }
}

TEST_CASE("provider: built-in registry knows every provider domain of the seeds", "[provider]") {
  const ProviderRegistry registry = ProviderRegistry::builtin();
  std::set<std::string> domains;
  for (const auto& path : files_under(seeds_dir())) {
    ParseResult parsed = parse_document(read_file(path), path.string());
    REQUIRE((parsed).ok());
    const Article& article = (parsed).value();
    if (article.provider && article.provider->domain) domains.insert(*article.provider->domain);
    for (const Related& related : article.related)
      if (related.provider && related.provider->domain) domains.insert(*related.provider->domain);
  }
  CHECK(domains.size() >= 12);
  for (const auto& domain : domains) {
    INFO(domain);
    CHECK(registry.find(domain) != nullptr);
  }
  const std::pair<const char*, const char*> expected[] = {
      {"venturebeat.com", "VentureBeat"},
      {"entrepreneur.com", "Entrepreneur"},
      {"techspot.com", "TechSpot"},
      {"albawaba.com", "Al Bawaba News"},
      {"nasdaq.com", "Nasdaq"},
      {"onmsft.com", "On MSFT"},
      {"techwireasia.com", "Tech Wire Asia"},
      {"techcentral.ie", "TechCentral.ie"},
      {"zdnet.com", "ZDNet"},
      {"techcrunch.com", "TechCrunch"},
      {"engadget.com", "Engadget"},
      {"siliconangle.com", "SiliconANGLE"},
      {"thenextweb.com", "The Next Web"},
      {"windowscentral.com", "Windows Central"},
      {"mozilla.org", "Mozilla"},
      {"microsoft.com", "Microsoft"},
      {"powerapps911.com", "PowerApps911"},
      {"pragmaticworks.com", "Pragmatic Works"},
      {"aprildunnam.com", "April Dunnam"},
  };
  for (const auto& [domain, name] : expected) {
    INFO(domain);
    REQUIRE(registry.find(domain) != nullptr);
    CHECK(registry.find(domain)->name == name);
    CHECK_FALSE(registry.is_platform(domain));
  }
}

TEST_CASE("provider: load() of the corpus's organization folder gives the files' names", "[provider]") {
  ProviderRegistry registry;
  REQUIRE(load_providers(registry, organizations_dir().string(), real_config_files()));
  const auto organizations = corpus_organizations();
  CHECK(registry.size() == organizations.size());
  for (const auto& [domain, name] : organizations) {
    INFO(domain);
    REQUIRE(registry.find(domain) != nullptr);
    CHECK(registry.find(domain)->name == name);
  }
  // On top of the built-in list it adds no domain: the built-in list has them all already.
  ProviderRegistry combined = ProviderRegistry::builtin();
  const std::size_t builtin_size = combined.size();
  REQUIRE(load_providers(combined, organizations_dir().string(), real_config_files()));
  CHECK(combined.size() == builtin_size);
  // Organization files give names only: medium.com (one of them) stays a platform.
  CHECK(combined.is_platform("medium.com"));
  CHECK(combined.find("medium.com")->name == "Medium");
}

TEST_CASE("provider: load() of a YAML file overrides built-in names", "[provider]") {
  TempDir dir;
  write_file(dir / "providers.yaml",
             "# mine\n"
             "zdnet.com: ZDNet Overridden\n"
             "www.example.org: Example\n"
             "video.example.net:\n"
             "  name: Example Video\n"
             "  platform: true\n"
             "youtube.com: {name: YouTube, platform: false}\n"
             "medium.com: Medium Corporation\n");
  ProviderRegistry registry = ProviderRegistry::builtin();
  const std::size_t builtin_size = registry.size();
  REQUIRE(load_providers(registry, (dir / "providers.yaml").string(), real_config_files()));
  CHECK(registry.size() == builtin_size + 2);
  REQUIRE(registry.find("www.zdnet.com") != nullptr);
  CHECK(registry.find("www.zdnet.com")->name == "ZDNet Overridden");
  CHECK(registry.find("example.org")->name == "Example");
  CHECK(registry.is_platform("video.example.net"));
  CHECK_FALSE(registry.is_platform("youtube.com"));
  CHECK(registry.is_platform("medium.com"));  // a bare name keeps the platform flag
  CHECK(registry.find("medium.com")->name == "Medium Corporation");
  CHECK(registry.domain_of_name("zdnet overridden") == "zdnet.com");
  CHECK_FALSE(registry.domain_of_name("ZDNet"));
  // builtin() hands out copies: the override stays in `registry`.
  CHECK(ProviderRegistry::builtin().find("zdnet.com")->name == "ZDNet");

  SECTION("a file of comments only adds nothing") {
    write_file(dir / "empty.yaml", "# nothing yet\n");
    REQUIRE(load_providers(registry, (dir / "empty.yaml").string(), real_config_files()));
    CHECK(registry.size() == builtin_size + 2);
  }
}

TEST_CASE("provider: bad registry files throw with the path and the line", "[provider]") {
  TempDir dir;
  ProviderRegistry registry = ProviderRegistry::builtin();
  const std::size_t size = registry.size();
  auto load_yaml = [&](const std::string& text) {
    const std::string path = (dir / "bad.yaml").string();
    write_file(path, text);
    return error_of([&] { return load_providers(registry, path, real_config_files()); });
  };
  const std::string path = (dir / "bad.yaml").string();

  std::string error = load_yaml("- zdnet.com\n- ZDNet\n");
  CHECK_THAT(error, Catch::StartsWith(path + ":1:1: error: ") && Catch::Contains("mapping"));
  error = load_yaml("# providers\nzdnet.com: ZDNet\nfoo.com: 123\n");
  CHECK_THAT(error, Catch::StartsWith(path + ":3:1: error: ") && Catch::Contains("foo.com"));
  error = load_yaml("zdnet.com: [ZDNet, CNET]\n");
  CHECK_THAT(error, Catch::StartsWith(path + ":1:1: error: ") && Catch::Contains("a list"));
  error = load_yaml("a.com: A\nnot a domain: B\n");
  CHECK_THAT(error, Catch::StartsWith(path + ":2:1: error: ") && Catch::Contains("not a domain name"));
  error = load_yaml("a.com:\n  name: A\n  platform: maybe\n");
  CHECK_THAT(error, Catch::StartsWith(path + ":3:3: error: ") && Catch::Contains("platform"));
  error = load_yaml("a.com:\n  name: A\n  plaform: true\n");
  CHECK_THAT(error, Catch::StartsWith(path + ":3:3: error: ") && Catch::Contains("plaform"));
  error = load_yaml("a.com:\n  platform: true\n");
  CHECK_THAT(error, Catch::StartsWith(path + ":1:1: error: ") && Catch::Contains("no name"));
  error = load_yaml("a.com: A\nb.com: \"\"\n");
  CHECK_THAT(error, Catch::StartsWith(path + ":2:1: error: ") && Catch::Contains("empty"));
  error = load_yaml("zdnet.com: A\nwww.zdnet.com: B\n");
  CHECK_THAT(error, Catch::StartsWith(path + ":2:1: error: ") && Catch::Contains("line 1"));
  error = load_yaml("a.com: A\nb.com: [B\n");
  CHECK_THAT(error, Catch::StartsWith(path + ":3:"));
  error = load_yaml("a.com: A\na.com: B\n");
  CHECK_THAT(error, Catch::StartsWith(path + ":2:1: error: ") && Catch::Contains("duplicate"));
  // A bad file adds nothing, not even its good entries.
  CHECK(registry.size() == size);
  CHECK(registry.find("a.com") == nullptr);

  SECTION("organization files") {
    const auto folder = dir / "organizations";
    write_file(folder / "good.com.md", "---\nname: Good\ndomain: good.com\n---\n");
    write_file(folder / "nodomain.md", "---\ntaxonomy: organization\nname: No Domain\n---\n");
    error = error_of([&] { return load_providers(registry, folder.string(), real_config_files()); });
    CHECK_THAT(error,
               Catch::StartsWith((folder / "nodomain.md").string() + ":2:1: error: ") && Catch::Contains("domain"));
    std::filesystem::remove(folder / "nodomain.md");
    write_file(folder / "listname.md", "---\ntaxonomy: organization\ndomain: list.com\nname: [a, b]\n---\n");
    error = error_of([&] { return load_providers(registry, folder.string(), real_config_files()); });
    CHECK_THAT(error,
               Catch::StartsWith((folder / "listname.md").string() + ":4:1: error: ") && Catch::Contains("name"));
    std::filesystem::remove(folder / "listname.md");
    write_file(folder / "unclosed.md", "---\ndomain: x.com\n");
    error = error_of([&] { return load_providers(registry, folder.string(), real_config_files()); });
    CHECK_THAT(error, Catch::StartsWith((folder / "unclosed.md").string() + ":1"));
    std::filesystem::remove(folder / "unclosed.md");
    REQUIRE(load_providers(registry, folder.string(), real_config_files()));
    CHECK(registry.find("good.com")->name == "Good");
  }
  SECTION("missing paths and empty folders") {
    CHECK_THAT(error_of([&] { return load_providers(registry, (dir / "missing.yaml").string(), real_config_files()); }),
               Catch::Contains((dir / "missing.yaml").string()));
    std::filesystem::create_directories(dir / "empty");
    CHECK_THAT(error_of([&] { return load_providers(registry, (dir / "empty").string(), real_config_files()); }),
               Catch::Contains((dir / "empty").string()) && Catch::Contains("no organization files"));
  }
}

TEST_CASE("provider: add() reduces the domain and rejects what is no domain", "[provider]") {
  ProviderRegistry registry;
  REQUIRE(registry.add("WWW.Example.COM", {"Example", false}));
  CHECK(registry.size() == 1);
  REQUIRE(registry.find("news.example.com") != nullptr);
  CHECK(registry.find("example.com")->name == "Example");
  REQUIRE(registry.add("example.com", {"Example Two", false}));
  CHECK(registry.size() == 1);
  CHECK_FALSE(registry.domain_of_name("Example"));
  CHECK(registry.domain_of_name("example two") == "example.com");
  CHECK_FALSE(registry.add("not a domain", {"X", false}));
  CHECK_FALSE(registry.add("x.com", {"  ", false}));
  CHECK(registry.find("") == nullptr);
  CHECK(registry.find("nowhere.example") == nullptr);
}

TEST_CASE("provider: domain_of_name answers only when one domain has the name", "[provider]") {
  ProviderRegistry registry = ProviderRegistry::builtin();
  CHECK(registry.domain_of_name("Mozilla") == "mozilla.org");
  CHECK(registry.domain_of_name("  mozilla ") == "mozilla.org");
  CHECK(registry.domain_of_name("ZDNET") == "zdnet.com");
  CHECK_FALSE(registry.domain_of_name("Daily Mail"));  // dailymail.com and dailymail.co.uk
  CHECK_FALSE(registry.domain_of_name("YouTube"));     // youtube.com and youtu.be
  CHECK_FALSE(registry.domain_of_name("No Such Provider"));
  CHECK_FALSE(registry.domain_of_name(""));
  REQUIRE(registry.add("one.example.com", {"Twice", false}));
  CHECK(registry.domain_of_name("twice") == "example.com");
  REQUIRE(registry.add("other.example.org", {"TWICE", false}));
  CHECK_FALSE(registry.domain_of_name("Twice"));
  REQUIRE(registry.add("ÉCOLE.example.net", {"École", false}));
  CHECK(registry.domain_of_name("ÉCOLE") == "example.net");
}

TEST_CASE("provider: hosting platforms, including sites under a platform's public suffix", "[provider]") {
  const ProviderRegistry registry = ProviderRegistry::builtin();
  for (const char* platform : {"youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be", "someone.github.io",
                               "Someone.GitHub.io.", "github.io", "medium.com", "someone.medium.com", "x.blogspot.com",
                               "x.wordpress.com", "vimeo.com", "x.com", "twitch.tv"}) {
    INFO(platform);
    CHECK(registry.is_platform(platform));
  }
  for (const char* site :
       {"zdnet.com", "www.zdnet.com", "microsoft.com", "podcasts.apple.com", "unknown.example", "", "not a host"}) {
    INFO(site);
    CHECK_FALSE(registry.is_platform(site));
  }
  REQUIRE(registry.find("someone.github.io") != nullptr);
  CHECK(registry.find("someone.github.io")->name == "GitHub Pages");
  CHECK(registry.find("www.youtube.com")->name == "YouTube");
}

TEST_CASE("provider: registrable_domain and find from 4 threads agree with one thread", "[provider]") {
  const ProviderRegistry registry = ProviderRegistry::builtin();
  const std::vector<std::string> hosts = {"www.zdnet.com", "mobile.reuters.com", "www.bbc.co.uk", "someone.github.io",
                                          "WWW.BÜCHER.DE", "192.168.0.1",        "bad host",      "x.blogspot.com."};
  std::vector<std::string> expected;
  std::vector<const ProviderInfo*> found;
  for (const auto& host : hosts) {
    expected.push_back(registrable_domain(host));
    found.push_back(registry.find(host));
  }
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      for (int round = 0; round < 2000; ++round)
        for (std::size_t i = 0; i < hosts.size(); ++i) {
          if (registrable_domain(hosts[i]) != expected[i]) ++mismatches;
          if (registry.find(hosts[i]) != found[i]) ++mismatches;
        }
    });
  for (auto& thread : threads) thread.join();
  CHECK(mismatches == 0);
}
