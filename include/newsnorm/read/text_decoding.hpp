#pragma once
// Turns a file's bytes into UTF-8 text with LF line endings, or says why it is not text.
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "newsnorm/core/result.hpp"
#include "newsnorm/core/utf8.hpp"

namespace newsnorm {

struct DecodedText {
  std::string_view text;             // points into the input bytes, or into the caller's scratch
  std::vector<Diagnostic> warnings;  // e.g. "not valid UTF-8; decoded as Windows-1252"
};

// Strips a UTF-8 byte-order mark, turns CRLF into LF, decodes invalid UTF-8 as Windows-1252.
// Rejects binary data (NUL bytes or mostly control characters in the first 8 KiB) and UTF-16.
// Copies into `scratch` only when the text must change, so clean files cost a validation pass.
Result<DecodedText> decode_text(std::string_view bytes, std::string& scratch);

}  // namespace newsnorm
