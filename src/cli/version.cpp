#include "version.hpp"

#include <cmark-gfm.h>
#include <fmt/core.h>
#include <libpsl.h>
#include <lz4.h>
#include <spdlog/version.h>
#include <sqlite3.h>
#include <toml++/toml.h>
#include <utf8proc.h>
#include <xxhash.h>
#include <CLI/Version.hpp>
#include <boost/version.hpp>
#include <nlohmann/json.hpp>

// Set by src/cli/CMakeLists.txt from the packages' pkg-config/CMake versions: neither library has a
// version macro or function of its own.
#ifndef NEWSNORM_YAML_CPP_VERSION
#define NEWSNORM_YAML_CPP_VERSION "unknown"
#endif
#ifndef NEWSNORM_GUMBO_VERSION
#define NEWSNORM_GUMBO_VERSION "unknown"
#endif

namespace newsnorm {

std::vector<std::pair<std::string, std::string>> library_versions() {
  const unsigned xxh = XXH_versionNumber();
  return {
      {"yaml-cpp", NEWSNORM_YAML_CPP_VERSION},
      {"nlohmann_json",
       fmt::format("{}.{}.{}", NLOHMANN_JSON_VERSION_MAJOR, NLOHMANN_JSON_VERSION_MINOR, NLOHMANN_JSON_VERSION_PATCH)},
      {"toml++", fmt::format("{}.{}.{}", TOML_LIB_MAJOR, TOML_LIB_MINOR, TOML_LIB_PATCH)},
      {"Boost", fmt::format("{}.{}.{}", BOOST_VERSION / 100000, BOOST_VERSION / 100 % 1000, BOOST_VERSION % 100)},
      {"libpsl", psl_get_version()},
      {"utf8proc", utf8proc_version()},
      {"gumbo", NEWSNORM_GUMBO_VERSION},
      {"cmark-gfm", cmark_version_string()},
      {"xxhash", fmt::format("{}.{}.{}", xxh / 10000, xxh / 100 % 100, xxh % 100)},
      {"SQLite", sqlite3_libversion()},
      {"LZ4", LZ4_versionString()},
      {"CLI11", CLI11_VERSION},
      {"spdlog", fmt::format("{}.{}.{}", SPDLOG_VER_MAJOR, SPDLOG_VER_MINOR, SPDLOG_VER_PATCH)},
      {"fmt", fmt::format("{}.{}.{}", FMT_VERSION / 10000, FMT_VERSION / 100 % 100, FMT_VERSION % 100)},
  };
}

std::string version_text() {
  std::string out = std::string("newsnorm ") + NEWSNORM_VERSION + "\n\nBuilt with:";
  for (const auto& [name, version] : library_versions()) out += fmt::format("\n  {:<14}{}", name, version);
  return out;
}

}  // namespace newsnorm
