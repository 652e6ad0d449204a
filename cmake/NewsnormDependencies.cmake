# Every third-party library comes from a Debian package (see cmake/install-deps.sh); nothing downloads.
find_package(PkgConfig REQUIRED)
find_package(yaml-cpp REQUIRED)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(CLI11 REQUIRED)
find_package(spdlog REQUIRED)
find_package(fmt REQUIRED)
find_package(tomlplusplus REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(Threads REQUIRED)
find_package(boost_url 1.81 REQUIRED CONFIG)
pkg_check_modules(PSL REQUIRED IMPORTED_TARGET libpsl)
pkg_check_modules(UTF8PROC REQUIRED IMPORTED_TARGET libutf8proc)
pkg_check_modules(XXHASH REQUIRED IMPORTED_TARGET libxxhash)
pkg_check_modules(GUMBO REQUIRED IMPORTED_TARGET gumbo)
pkg_check_modules(CMARK_GFM REQUIRED IMPORTED_TARGET libcmark-gfm)
pkg_check_modules(LZ4 REQUIRED IMPORTED_TARGET liblz4)
# The readers of published news: gzip/zstd/bzip2/xz input, feeds through libxml2, CLD2 for language.
find_package(ZLIB REQUIRED)
find_package(BZip2 REQUIRED)
find_package(LibLZMA REQUIRED)
find_package(LibXml2 REQUIRED)
pkg_check_modules(ZSTD REQUIRED IMPORTED_TARGET libzstd)
# Debian's libcld2-dev ships no .pc file and no CMake package.
find_path(CLD2_INCLUDE_DIR cld2/public/compact_lang_det.h REQUIRED)
find_library(CLD2_LIBRARY cld2 REQUIRED)
add_library(newsnorm_cld2 INTERFACE)
target_include_directories(newsnorm_cld2 INTERFACE ${CLD2_INCLUDE_DIR})
target_link_libraries(newsnorm_cld2 INTERFACE ${CLD2_LIBRARY})

# What the library links privately; nlohmann_json is public (it is in core/json.hpp).
add_library(newsnorm_private_deps INTERFACE)
target_link_libraries(newsnorm_private_deps INTERFACE
  yaml-cpp spdlog::spdlog fmt::fmt tomlplusplus::tomlplusplus
  SQLite::SQLite3 Threads::Threads Boost::url
  PkgConfig::PSL PkgConfig::UTF8PROC PkgConfig::XXHASH PkgConfig::GUMBO PkgConfig::CMARK_GFM PkgConfig::LZ4
  ZLIB::ZLIB BZip2::BZip2 LibLZMA::LibLZMA LibXml2::LibXml2 PkgConfig::ZSTD newsnorm_cld2)
# spdlog and fmt are Debian's shared builds; use them rather than spdlog's bundled copy.
target_compile_definitions(newsnorm_private_deps INTERFACE SPDLOG_FMT_EXTERNAL)
