// WARC: warcio's own test files with the records each holds (established by reading them with
// zcat and grep -a: offsets of `WARC/1.0` lines, and of gzip members), archives made here from
// the extraction pages whose payloads must come back byte for byte, damage, and memory that stays
// flat over a large file.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <unistd.h>
#include <fstream>
#include <map>

#include "compress_support.hpp"
#include "newsnorm/read/warc.hpp"
#include "test_support.hpp"
#include "warc_support.hpp"

using namespace newsnorm;
namespace fs = std::filesystem;

namespace {

// "offset type kind" per record, "error offset code" per error.
std::vector<std::string> summarize(ByteSource& source, std::vector<WarcRecord>* records = nullptr,
                                   WarcLimits limits = {}) {
  WarcReader reader(source, limits);
  std::vector<std::string> out;
  for (int guard = 0; guard < 100000; ++guard) {
    auto next = reader.next();
    if (!next) return out;
    if (!next->ok()) {
      out.push_back(fmt::format("error {} {}", reader.last_offset(), next->error().code_id()));
      continue;
    }
    const auto& record = next->value();
    out.push_back(fmt::format("{} {} {}", record.offset, record.type, kind_name(classify(record))));
    if (records) records->push_back(record);
  }
  FAIL("the reader does not end");
  return out;
}

std::vector<std::string> summarize_file(const fs::path& path, std::vector<WarcRecord>* records = nullptr) {
  const std::string bytes = test::read_file(path);
  MemorySource source(bytes);
  return summarize(source, records);
}

using Lines = std::vector<std::string>;

}  // namespace

TEST_CASE("warc: every file of warcio's test data", "[warc]") {
  const std::string arc = "error 0 read.format";
  const Lines example = {"0 warcinfo warcinfo",  "488 warcinfo warcinfo", "1197 response html-page",
                         "2566 request request", "3370 revisit revisit",  "4316 request request"};
  // One gzip member for the whole file: every record is in the member at 0.
  const Lines whole_file = {"0 warcinfo warcinfo", "0 warcinfo warcinfo", "0 response html-page",
                            "0 request request",   "0 revisit revisit",   "0 request request"};
  const std::map<std::string, Lines> expected = {
      {"bad.arc", {arc}},
      {"example.arc", {arc}},
      {"example.arc.gz", {arc}},
      {"example-space-in-url.arc", {arc}},
      {"example.warc", example},
      {"example.warc.gz",
       {"0 warcinfo warcinfo", "353 warcinfo warcinfo", "784 response html-page", "2012 request request",
        "2621 revisit revisit", "3207 request request"}},
      {"example-bad-non-chunked.warc.gz", whole_file},
      {"example-bad.warc.gz.bad",
       {"0 warcinfo warcinfo", "0 response html-page", "0 request request", "0 revisit revisit", "0 request request",
        "0 response non-200"}},
      {"example-digest.warc",
       {"0 request request", "922 request request", "1840 request request", "2758 request request"}},
      {"example-iana.org-chunked.warc", {"0 warcinfo warcinfo", "405 response html-page", "8379 request request"}},
      {"example-resource.warc.gz", {"0 warcinfo warcinfo", "361 warcinfo warcinfo", "802 resource html-page"}},
      {"example-space-in-target-uri.warc.gz", {"0 warcinfo warcinfo", "241 resource non-html"}},
      // The response's Content-Length is 973 where 971 bytes are: its block runs into the next record.
      {"example-trunc.warc",
       {"0 warcinfo warcinfo", "488 warcinfo warcinfo", "error 1197 warc.record", "2566 request request"}},
      {"example-wget-bad-target-uri.warc.gz",
       {"0 warcinfo warcinfo", "410 request request", "824 response html-page", "1978 metadata metadata",
        "2295 resource non-html", "2681 resource non-html"}},
      // Members cut across records; the response's block is a byte short of what follows it.
      {"example-wrong-chunks.warc.gz", {"0 response html-page", "1130 request request"}},
      {"post-test.warc.gz",
       {"0 response non-html", "720 request request", "1196 response non-html", "1919 request request",
        "2395 response non-html", "3118 request request"}},
  };
  const fs::path folder = test::shared_dir() / "warc" / "warcio-test-data";
  int files = 0;
  for (const auto& path : test::files_under(folder)) {
    if (path.filename() == "LICENSE") continue;
    CAPTURE(path.filename().string());
    ++files;
    const auto found = expected.find(path.filename().string());
    REQUIRE(found != expected.end());  // a new file in the folder needs its expectation here
    CHECK(summarize_file(path) == found->second);
  }
  CHECK(files == static_cast<int>(expected.size()));
}

TEST_CASE("warc: payloads of warcio's files, chunked and gzip-encoded, decoded to the same page", "[warc]") {
  const fs::path folder = test::shared_dir() / "warc" / "warcio-test-data";
  std::vector<WarcRecord> plain, encoded, chunked, wget;
  summarize_file(folder / "example-bad.warc.gz.bad", &plain);  // the page as sent, no coding
  summarize_file(folder / "example.warc.gz", &encoded);        // Content-Encoding: gzip
  summarize_file(folder / "example-iana.org-chunked.warc", &chunked);
  summarize_file(folder / "example-wget-bad-target-uri.warc.gz", &wget);
  REQUIRE(plain.size() == 6);
  REQUIRE(encoded.size() == 6);
  const auto& page = plain[1].payload;
  CHECK(page.size() == 1270);
  CHECK(page.starts_with("<!doctype html>"));
  CHECK(encoded[2].payload == page);
  CHECK(encoded[2].http->status == 200);
  CHECK(header_value(encoded[2].http->headers, "content-encoding") == "gzip");
  CHECK(encoded[2].target_uri == "http://example.com/");
  CHECK(encoded[2].record_id.starts_with("<urn:uuid:"));
  CHECK(encoded[2].date.starts_with("20"));
  CHECK(plain[5].http->status == 302);
  CHECK(plain[5].charset == "iso-8859-1");
  REQUIRE(chunked.size() == 3);
  CHECK(chunked[1].charset == "utf-8");
  CHECK(chunked[1].payload.starts_with("<!doctype html>"));
  CHECK(chunked[1].payload.ends_with("</html>\n"));
  CHECK_FALSE(test::mentions(chunked[1].payload, "\r\n1000\r\n"));
  REQUIRE(wget.size() == 6);
  CHECK(wget[2].target_uri == "http://example.com/");  // wget 1.x's <...> taken off
  CHECK(wget[2].payload == page);
}

namespace {

struct Archive {
  std::vector<std::string> records;       // each record's bytes
  std::vector<std::string> uris;          // per record; "" for none
  std::vector<const std::string*> pages;  // the page each html record carries, else null
  std::vector<std::string> page_bytes;
};

// Every extraction page as a response record (after its request), HTTP headers and codings
// varying by page: plain with Content-Length, chunked, gzip, deflate, gzip and chunked; a
// warcinfo first, then a 404, a PNG, a metadata and a revisit record.
Archive extraction_archive(std::size_t max_pages = 1000) {
  Archive archive;
  const auto paths = test::files_under(test::shared_dir() / "extraction" / "html");
  archive.page_bytes.reserve(paths.size());
  for (const auto& path : paths) {
    if (archive.page_bytes.size() == max_pages) break;
    archive.page_bytes.push_back(test::read_file(path));
  }
  const auto add = [&](std::string record, std::string uri, const std::string* page) {
    archive.records.push_back(std::move(record));
    archive.uris.push_back(std::move(uri));
    archive.pages.push_back(page);
  };
  add(test::warc_record("warcinfo", "", "application/warc-fields", "software: newsnorm tests\r\n"), "", nullptr);
  for (std::size_t i = 0; i < archive.page_bytes.size(); ++i) {
    const std::string& page = archive.page_bytes[i];
    const std::string uri = fmt::format("https://news.example/{}/article.html", i);
    add(test::warc_record("request", uri, "application/http; msgtype=request",
                          "GET /article.html HTTP/1.1\r\nHost: news.example\r\n\r\n"),
        uri, nullptr);
    std::string fields = i % 2 ? "Content-Type: text/html; charset=UTF-8\r\n" : "Content-Type: text/html\r\n";
    std::string body;
    switch (i % 5) {
      case 0: body = page, fields += fmt::format("Content-Length: {}\r\n", page.size()); break;
      case 1: body = test::chunked(page), fields += "Transfer-Encoding: chunked\r\n"; break;
      case 2: body = test::gzip(page), fields += "Content-Encoding: gzip\r\n"; break;
      case 3:
        body = i % 2 ? test::deflate_raw(page) : test::deflate_zlib(page), fields += "Content-Encoding: deflate\r\n";
        break;
      default:
        body = test::chunked(test::gzip(page)), fields += "Content-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n";
    }
    // Every third page names its type only in WARC-Identified-Payload-Type, as some crawlers do.
    if (i % 3 == 2) fields = fields.substr(fields.find("\r\n") + 2);
    add(test::warc_record("response", uri, "application/http; msgtype=response", test::http_response(200, fields, body),
                          "WARC-Identified-Payload-Type: text/html\r\n"),
        uri, &page);
  }
  add(test::warc_record("response", "https://news.example/gone", "application/http; msgtype=response",
                        test::http_response(404, "Content-Type: text/html\r\n", "<html>gone</html>")),
      "https://news.example/gone", nullptr);
  add(test::warc_record("response", "https://news.example/a.png", "application/http; msgtype=response",
                        test::http_response(200, "Content-Type: image/png\r\n", "\x89PNG\r\n")),
      "https://news.example/a.png", nullptr);
  add(test::warc_record("metadata", "https://news.example/0/article.html", "application/warc-fields",
                        "fetchTimeMs: 5\r\n"),
      "https://news.example/0/article.html", nullptr);
  add(test::warc_record("revisit", "https://news.example/0/article.html", "application/http; msgtype=response",
                        "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n",
                        "WARC-Profile: http://netpreserve.org/warc/1.0/revisit/identical-payload-digest\r\n"),
      "https://news.example/0/article.html", nullptr);
  return archive;
}

void check_archive(const Archive& archive, const std::string& file, const std::vector<std::uint64_t>& offsets) {
  MemorySource source(file);
  WarcReader reader(source);
  std::size_t index = 0;
  std::map<std::string, int> kinds;
  while (auto next = reader.next()) {
    REQUIRE(next->ok());
    const auto& record = next->value();
    REQUIRE(index < archive.records.size());
    CHECK(record.offset == offsets[index]);
    CHECK(record.target_uri == archive.uris[index]);
    const auto kind = classify(record);
    ++kinds[std::string(kind_name(kind))];
    CHECK((kind == WarcRecordKind::html_page) == (archive.pages[index] != nullptr));
    if (archive.pages[index]) CHECK(record.payload == *archive.pages[index]);  // byte for byte
    ++index;
  }
  CHECK(index == archive.records.size());
  const int pages = static_cast<int>(archive.page_bytes.size());
  CHECK(kinds == std::map<std::string, int>{{"html-page", pages},
                                            {"request", pages},
                                            {"warcinfo", 1},
                                            {"non-200", 1},
                                            {"non-html", 1},
                                            {"metadata", 1},
                                            {"revisit", 1}});
}

}  // namespace

TEST_CASE("warc: the extraction pages come back byte-identical, plain, gzip per record and whole-file", "[warc]") {
  const Archive archive = extraction_archive();
  REQUIRE(archive.page_bytes.size() >= 90);
  std::string plain, per_record;
  std::vector<std::uint64_t> plain_offsets, member_offsets, zeros(archive.records.size(), 0);
  for (const auto& record : archive.records) {
    plain_offsets.push_back(plain.size());
    plain += record;
    member_offsets.push_back(per_record.size());
    per_record += test::gzip(record);
  }
  SECTION("plain") { check_archive(archive, plain, plain_offsets); }
  SECTION("one gzip member per record, as Common Crawl writes") { check_archive(archive, per_record, member_offsets); }
  SECTION("the whole file in one gzip member") { check_archive(archive, test::gzip(plain), zeros); }
  SECTION("zstd, one frame") { check_archive(archive, test::zstd(plain), zeros); }
}

TEST_CASE("warc: a record larger than the limit is an error for it alone", "[warc]") {
  const Archive archive = extraction_archive(12);
  std::string file;
  for (const auto& record : archive.records) file += record;
  MemorySource source(file);
  std::vector<WarcRecord> records;
  const auto lines = summarize(source, &records, {.max_header_bytes = 4096, .max_record_bytes = 60'000});
  int too_big = 0, pages = 0;
  for (const auto& line : lines) too_big += line.ends_with("limit.bytes");
  for (const auto& record : records) pages += classify(record) == WarcRecordKind::html_page;
  CHECK(too_big > 0);
  CHECK(pages > 0);
  CHECK(too_big + pages == 12);
  CHECK(lines.size() == archive.records.size());
}

TEST_CASE("warc: damage costs the damaged record, never a crash or a hang", "[warc]") {
  const Archive archive = extraction_archive(8);
  std::string plain, per_record;
  std::vector<std::size_t> members;
  for (const auto& record : archive.records) {
    members.push_back(per_record.size());
    per_record += test::gzip(record);
    plain += record;
  }
  const auto ok_records = [](const Lines& lines) {
    return std::count_if(lines.begin(), lines.end(), [](const auto& line) { return !line.starts_with("error"); });
  };
  SECTION("cut anywhere") {
    for (const std::string* file : {&plain, &per_record}) {
      for (std::size_t cut = 0; cut < file->size(); cut += file->size() / 97 + 1) {
        const std::string part = file->substr(0, cut);
        MemorySource source(part);
        const auto lines = summarize(source);
        CHECK(lines.size() <= archive.records.size() + 1);
        CHECK(std::count_if(lines.begin(), lines.end(), [](const auto& l) { return l.starts_with("error"); }) <= 1);
      }
    }
  }
  SECTION("a damaged gzip member costs its record alone") {
    for (std::size_t k = 1; k + 1 < members.size(); k += 2) {
      std::string broken = per_record;
      const std::size_t middle = (members[k] + members[k + 1]) / 2;
      for (std::size_t i = middle; i < middle + 8; ++i) broken[i] = static_cast<char>(broken[i] ^ 0x5a);
      MemorySource source(broken);
      const auto lines = summarize(source);
      CAPTURE(k, lines);
      CHECK(ok_records(lines) == static_cast<long>(archive.records.size()) - 1);
      CHECK(std::find(lines.begin(), lines.end(), fmt::format("error {} read.corrupt", members[k])) != lines.end());
    }
  }
  SECTION("a damaged header costs its record alone") {
    std::string broken = plain;
    const auto at = broken.find("Content-Length: ", archive.records[0].size() + archive.records[1].size());
    broken.replace(at + 16, 2, "xy");
    MemorySource source(broken);
    const auto lines = summarize(source);
    CHECK(ok_records(lines) == static_cast<long>(archive.records.size()) - 1);
    CHECK(lines[2] == fmt::format("error {} warc.record", archive.records[0].size() + archive.records[1].size()));
  }
  SECTION("not a WARC file at all is one error") {
    MemorySource source(archive.page_bytes[0]);
    CHECK(summarize(source) == Lines{"error 0 warc.record"});
  }
}

TEST_CASE("warc: HTTP messages as response records hold them", "[warc]") {
  auto response = parse_http_response("HTTP/1.0 200 OK\nContent-Type: text/html;\n charset=utf-8\nX: 1\n\nbody", 100);
  REQUIRE(response.ok());
  CHECK(response->status == 200);
  CHECK(response->version == "HTTP/1.0");
  CHECK(header_value(response->headers, "content-type") == "text/html; charset=utf-8");  // folded line joined
  CHECK(response->body_offset ==
        std::string_view("HTTP/1.0 200 OK\nContent-Type: text/html;\n charset=utf-8\nX: 1\n\n").size());
  CHECK_FALSE(parse_http_response("HTTP/1.1 2x0 OK\r\n\r\n", 100).ok());
  CHECK_FALSE(parse_http_response("<html>", 100).ok());
  CHECK_FALSE(parse_http_response("HTTP/1.1 200 OK\r\nA: b\r\n", 100).ok());

  CHECK(content_type_parameter("text/html; Charset=\"ISO-8859-1\"", "charset") == "iso-8859-1");
  CHECK(content_type_parameter("text/html", "charset").empty());
  CHECK(media_type(" Text/HTML ; charset=x") == "text/html");

  CHECK(dechunk("4\r\nWiki\r\n5;ext=1\r\npedia\r\n0\r\n\r\n") == "Wikipedia");
  CHECK(dechunk("4\nWiki\n0\n") == "Wiki");
  CHECK_FALSE(dechunk("<html>").has_value());
  CHECK_FALSE(dechunk("ffff\r\nshort\r\n").has_value());

  const std::vector<HeaderField> chunked_fields = {{"Transfer-Encoding", "chunked"}};
  auto stored_dechunked = decode_http_body("<html>already plain</html>", chunked_fields, 1000);
  REQUIRE(stored_dechunked.ok());
  CHECK(stored_dechunked->bytes == "<html>already plain</html>");
  CHECK(stored_dechunked->warnings.size() == 1);
  const std::vector<HeaderField> gzip_fields = {{"Content-Encoding", "gzip"}};
  auto bomb = decode_http_body(test::gzip(std::string(5000, 'a')), gzip_fields, 1000);
  REQUIRE_FALSE(bomb.ok());
  CHECK(bomb.error().code_id() == "limit.bytes");
  auto broken = decode_http_body(test::gzip("hello").substr(0, 12), gzip_fields, 1000);
  REQUIRE_FALSE(broken.ok());
  CHECK(broken.error().code_id() == "read.corrupt");
  CHECK_FALSE(decode_http_body("x", {{"Content-Encoding", "br"}}, 1000).ok());
}

namespace {

long resident_kib() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.starts_with("VmRSS:")) return std::stol(line.substr(6));
  return 0;
}

// Writes about `target_bytes` of archive (uncompressed) to `path` by repeating the gzip members
// of the extraction archive, then reads it back from the file descriptor and watches the memory.
void stream_large_archive(const fs::path& path, std::uint64_t target_bytes) {
  const Archive archive = extraction_archive();
  std::vector<std::string> members;
  std::uint64_t round_bytes = 0;
  for (const auto& record : archive.records) {
    members.push_back(test::gzip(record));
    round_bytes += record.size();
  }
  const std::uint64_t rounds = target_bytes / round_bytes + 1;
  {
    std::ofstream out(path, std::ios::binary);
    for (std::uint64_t round = 0; round < rounds; ++round)
      for (const auto& member : members) out.write(member.data(), static_cast<std::streamsize>(member.size()));
  }
  const int fd = ::open(path.c_str(), O_RDONLY);
  REQUIRE(fd >= 0);
  FdSource source(fd, path.string());
  WarcReader reader(source);
  std::uint64_t records = 0, payload_bytes = 0;
  long baseline = 0, peak = 0;
  while (auto next = reader.next()) {
    REQUIRE(next->ok());
    payload_bytes += next->value().payload.size();
    if (++records == archive.records.size()) baseline = resident_kib();  // after one round: warmed up
    if (records % 50 == 0) peak = std::max(peak, resident_kib());
  }
  ::close(fd);
  CHECK(records == rounds * archive.records.size());
  CHECK(payload_bytes >= target_bytes / 2);
  WARN("resident after one round " << baseline << " KiB, peak " << peak << " KiB, over " << rounds * round_bytes
                                   << " bytes");
#ifndef NEWSNORM_SANITIZED
  CHECK(peak - baseline < 24 * 1024);  // flat: one record's buffers, not the file
#endif  // AddressSanitizer's quarantine holds freed blocks: resident memory says nothing there
}

}  // namespace

TEST_CASE("warc: a 200 MB archive streams in flat memory", "[warc]") {
  test::TempDir dir;
#ifdef NEWSNORM_SANITIZED
  stream_large_archive(dir / "large.warc.gz", 20ull << 20);  // instrumented code is several times slower
#else
  stream_large_archive(dir / "large.warc.gz", 200ull << 20);
#endif
}
