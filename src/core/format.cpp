#include "newsnorm/core/format.hpp"

namespace newsnorm {

const char* format_name(Format format) {
  switch (format) {
    case Format::yaml: return "yaml";
    case Format::toml: return "toml";
    case Format::json: return "json";
    case Format::text: return "text";
    case Format::html: return "html";
  }
  return "text";
}

std::optional<Format> format_from_name(std::string_view name) {
  for (const Format format : kAllFormats)
    if (name == format_name(format)) return format;
  return std::nullopt;
}

}  // namespace newsnorm
