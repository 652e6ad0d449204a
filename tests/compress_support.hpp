#pragma once
// Compressors for the readers' tests, which make their compressed inputs in memory.
#include <string>
#include <string_view>

namespace newsnorm::test {

std::string gzip(std::string_view bytes);  // one gzip member
std::string zstd(std::string_view bytes);
std::string bzip2(std::string_view bytes);
std::string xz(std::string_view bytes);
std::string deflate_raw(std::string_view bytes);   // HTTP's "deflate" as most servers send it
std::string deflate_zlib(std::string_view bytes);  // HTTP's "deflate" as RFC 9110 defines it

}  // namespace newsnorm::test
