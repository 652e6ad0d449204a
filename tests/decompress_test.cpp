// Compressed input in memory: each format by its magic, gzip members and their offsets, the budget
// on decompressed bytes, and damaged data as an error with its offset (never a crash or a hang).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "compress_support.hpp"
#include "newsnorm/read/decompress.hpp"

using namespace newsnorm;

namespace {

std::string sample_text(std::size_t size) {
  std::string text;
  for (std::size_t i = 0; text.size() < size; ++i) text += "line " + std::to_string(i * 7919 % 1000) + " of news\n";
  text.resize(size);
  return text;
}

// Everything the decompressor yields, reading in small chunks to cross every boundary.
Result<std::string> drain(Decompressor& d, std::size_t chunk = 1000) {
  std::string out;
  std::string buffer(chunk, '\0');
  for (int guard = 0; guard < 1'000'000; ++guard) {
    auto n = d.read(buffer);
    if (!n) return n.error();
    if (n.value() == 0) return out;
    out.append(buffer.data(), n.value());
  }
  FAIL("the decompressor does not end");
  return out;
}

}  // namespace

TEST_CASE("decompress: every format by its magic bytes, whatever the chunk sizes", "[decompress]") {
  const std::string text = sample_text(300'000);
  struct Case {
    Compression kind;
    std::string bytes;
  };
  const std::vector<Case> cases = {{Compression::gzip, test::gzip(text)},
                                   {Compression::zstd, test::zstd(text)},
                                   {Compression::bzip2, test::bzip2(text)},
                                   {Compression::xz, test::xz(text)},
                                   {Compression::none, text}};
  for (const auto& c : cases) {
    CAPTURE(compression_name(c.kind));
    CHECK(detect_compression(c.bytes) == c.kind);
    for (std::size_t chunk : {std::size_t{16}, std::size_t{4096}, std::size_t{1} << 20}) {
      MemorySource source(c.bytes);
      Decompressor d(source, {.chunk_bytes = chunk});
      auto out = drain(d, chunk == 16 ? 7 : 65536);
      REQUIRE(out.ok());
      CHECK(out.value() == text);
      CHECK(d.decompressed_bytes() == text.size());
    }
  }
}

TEST_CASE("decompress: the inner name decides the format later", "[decompress]") {
  CHECK(inner_name("CC-MAIN-1.warc.gz") == "CC-MAIN-1.warc");
  CHECK(inner_name("page.html.zst") == "page.html");
  CHECK(inner_name("feed.xml.BZ2") == "feed.xml");
  CHECK(inner_name("a.json.xz") == "a.json");
  CHECK(inner_name("a.md") == "a.md");
  CHECK(inner_name(".gz") == ".gz");
}

TEST_CASE("decompress: gzip members, each with its compressed offset", "[decompress]") {
  const std::vector<std::string> parts = {"first record\n", "", "second, longer record\n", sample_text(5000)};
  std::string file;
  std::vector<std::uint64_t> offsets;
  for (const auto& part : parts) {
    offsets.push_back(file.size());
    file += test::gzip(part);
  }
  MemorySource source(file);
  Decompressor d(source, {.chunk_bytes = 64});
  std::string out;
  std::vector<CompressedMember> seen;
  std::string buffer(100, '\0');
  for (;;) {
    auto n = d.read(buffer);
    REQUIRE(n.ok());
    if (n.value() == 0) break;
    if (seen.empty() || seen.back().index != d.member().index) seen.push_back(d.member());
    out.append(buffer.data(), n.value());
  }
  CHECK(out == parts[0] + parts[1] + parts[2] + parts[3]);
  // The empty member yields no bytes, so it is never the member of a read.
  REQUIRE(seen.size() == 3);
  CHECK(seen[0].compressed_offset == offsets[0]);
  CHECK(seen[1].compressed_offset == offsets[2]);
  CHECK(seen[1].uncompressed_offset == parts[0].size());
  CHECK(seen[1].index == 2);
  CHECK(seen[2].compressed_offset == offsets[3]);
}

TEST_CASE("decompress: past the budget is an error naming the limit", "[decompress]") {
  const std::string zeros(10u << 20, '\0');  // 10 MiB of zeros packs to a few kilobytes: a small bomb
  for (const std::string& packed : {test::gzip(zeros), test::zstd(zeros), test::bzip2(zeros), test::xz(zeros)}) {
    MemorySource source(packed);
    Decompressor d(source, {.max_bytes = 1u << 20});
    auto out = drain(d, 65536);
    REQUIRE_FALSE(out.ok());
    CHECK(out.error().code_id() == "limit.bytes");
    CHECK(out.error().message == "decompresses to more than 1048576 bytes (--max-bytes); a decompression bomb?");
    CHECK(d.decompressed_bytes() <= (1u << 20) + 1);
  }
  auto exact = decompress_all(test::gzip(std::string(1000, 'a')), 1000);
  CHECK(exact.ok());
  CHECK_FALSE(decompress_all(test::gzip(std::string(1001, 'a')), 1000).ok());
  CHECK_FALSE(decompress_all(std::string(1001, 'a'), 1000).ok());  // plain input is under the budget too
}

TEST_CASE("decompress: cut short or corrupt data is an error with its offset", "[decompress]") {
  const std::string text = sample_text(100'000);
  for (const std::string& packed : {test::gzip(text), test::zstd(text), test::bzip2(text), test::xz(text)}) {
    CAPTURE(compression_name(detect_compression(packed)));
    for (std::size_t cut : {std::size_t{6}, std::size_t{20}, packed.size() / 2, packed.size() - 1}) {
      auto out = decompress_all(std::string_view(packed).substr(0, cut), 1u << 30);
      REQUIRE_FALSE(out.ok());
      CHECK(out.error().code_id() == "read.corrupt");
      CHECK_THAT(out.error().message, Catch::Contains("offset"));
    }
    // Flipped bytes in the middle: an error or (for formats whose checks miss it) other bytes,
    // never a crash or a hang.
    for (std::size_t at : {packed.size() / 3, packed.size() / 2, packed.size() - 6}) {
      std::string broken = packed;
      broken[at] = static_cast<char>(broken[at] ^ 0x55);
      broken[at + 1] = static_cast<char>(broken[at + 1] ^ 0xaa);
      auto out = decompress_all(broken, 1u << 30);
      if (!out.ok()) CHECK(out.error().code_id() == "read.corrupt");
      if (out.ok()) CHECK(out.value() != text);
    }
  }
}

TEST_CASE("decompress: garbage after the last gzip member, and resync at the next one", "[decompress]") {
  const std::string a = test::gzip("alpha\n"), b = test::gzip("beta\n"), c = test::gzip("gamma\n");
  auto trailing = decompress_all(a + "not gzip", 1000);
  REQUIRE_FALSE(trailing.ok());
  CHECK_THAT(trailing.error().message, Catch::Contains(std::to_string(a.size())));

  std::string broken = b;
  for (std::size_t i = 10; i < broken.size() - 4; ++i) broken[i] = '\x7f';
  const std::string file = a + broken + c;
  MemorySource source(file);
  Decompressor d(source, {.chunk_bytes = 8});
  std::string out, buffer(64, '\0');
  int errors = 0;
  for (int guard = 0; guard < 1000; ++guard) {
    auto n = d.read(buffer);
    if (!n) {
      ++errors;
      CHECK_THAT(n.error().message, Catch::Contains("member at offset " + std::to_string(a.size())));
      if (!d.resync()) break;
      continue;
    }
    if (n.value() == 0) break;
    out.append(buffer.data(), n.value());
  }
  CHECK(errors == 1);
  CHECK(out == "alpha\ngamma\n");
}

TEST_CASE("decompress: empty input and a failing source", "[decompress]") {
  auto empty = decompress_all("", 10);
  REQUIRE(empty.ok());
  CHECK(empty.value().empty());

  struct Failing final : ByteSource {
    Result<std::size_t> read(std::span<char>) override { return make_error(code::read_failed, {}, "disk on fire"); }
  } failing;
  Decompressor d(failing);
  std::string buffer(16, '\0');
  auto n = d.read(buffer);
  REQUIRE_FALSE(n.ok());
  CHECK(n.error().message == "disk on fire");
}
