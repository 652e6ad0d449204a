#pragma once
// A small WARC writer for the readers' tests, which make their archives in memory.
#include <string>
#include <string_view>

namespace newsnorm::test {

// One WARC/1.0 record: the header fields given (each "Name: value\r\n") plus WARC-Type,
// Content-Length and the two CRLF after the block.
std::string warc_record(std::string_view type, std::string_view uri, std::string_view content_type,
                        std::string_view block, std::string_view extra_fields = "");
// An HTTP/1.1 response: status line, the fields given (each "Name: value\r\n"), a blank line, the body.
std::string http_response(int status, std::string_view fields, std::string_view body);
// `body` in chunks of the sizes 1, 7, 100, 4096, 1, 7, ... with a chunk extension now and then.
std::string chunked(std::string_view body);

}  // namespace newsnorm::test
