#include "newsnorm/article.hpp"

namespace newsnorm {

const char* format_name(Format format) {
  switch (format) {
    case Format::yaml: return "yaml";
    case Format::toml: return "toml";
    case Format::json: return "json";
    case Format::text: return "text";
  }
  return "text";
}

}  // namespace newsnorm
