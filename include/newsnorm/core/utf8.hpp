#pragma once
// UTF-8 checks and conversions every stage needs: the reader, the JSON writer, messages.
#include <cstddef>
#include <string>
#include <string_view>

namespace newsnorm {

// True when `text` is well-formed UTF-8 (no overlongs, surrogates or code points past U+10FFFF).
bool is_valid_utf8(std::string_view text);

// Byte offset of the first ill-formed sequence, or npos.
std::size_t find_invalid_utf8(std::string_view text);

// Decodes the well-formed UTF-8 sequence at text[i] into `code_point`; returns its length, or 0
// when the bytes there are ill-formed (overlong, surrogate, truncated, past U+10FFFF).
std::size_t decode_utf8(std::string_view text, std::size_t i, char32_t& code_point);

// Replaces each ill-formed sequence with U+FFFD.
std::string repair_utf8(std::string_view text);

// The longest prefix of `text` of at most `max_bytes` bytes that does not end inside a UTF-8
// sequence: a shortened quote in a message must stay valid UTF-8, or the record that carries it
// is not valid JSON text.
std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes);

// Appends the UTF-8 encoding of `code_point`.
void append_utf8(std::string& out, char32_t code_point);

}  // namespace newsnorm
