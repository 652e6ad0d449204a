#pragma once
// The character encoding an HTML page declares for itself, and decoding by it.
#include <optional>
#include <string>
#include <string_view>

namespace newsnorm {

// The charset named by <meta charset=...> or <meta http-equiv="Content-Type" content="...; charset=...">
// in the first 4 KiB of `bytes`, lower-cased ("windows-1252", "iso-8859-2", "shift_jis"); "" when none.
std::string declared_html_charset(std::string_view bytes);

// `bytes` decoded from `charset` into UTF-8 (glibc's iconv); nullopt when the charset is unknown or
// the bytes are not valid in it.
std::optional<std::string> decode_charset(std::string_view bytes, const std::string& charset);

// Whether a charset label means UTF-8 or a subset of it (ASCII).
bool is_utf8_label(std::string_view charset);

}  // namespace newsnorm
