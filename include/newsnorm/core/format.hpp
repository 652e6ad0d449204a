#pragma once
// What an input is: a header format, or text without one. Every stage names formats (the parser
// finds one, the model records it in `source.format`, the exporter writes it), so it lives here.
#include <optional>
#include <string_view>

namespace newsnorm {

enum class Format { yaml, toml, json, text, html };  // html: a saved web page, no header
inline constexpr Format kAllFormats[] = {Format::yaml, Format::toml, Format::json, Format::text, Format::html};
const char* format_name(Format format);
std::optional<Format> format_from_name(std::string_view name);

}  // namespace newsnorm
