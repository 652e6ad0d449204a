#include "newsnorm/parse/data_file.hpp"

#include <string>

#include "newsnorm/parse/front_matter.hpp"
#include "newsnorm/read/text_decoding.hpp"

namespace newsnorm {

HeaderResult parse_yaml_data(std::string_view bytes, bool front_matter) {
  std::string scratch;
  Result<DecodedText> decoded = decode_text(bytes, scratch);
  if (!decoded) return std::move(decoded).error();
  Limits limits;
  limits.max_header_bytes = limits.max_line_length = limits.max_bytes;
  FrontMatter front{Format::yaml, decoded->text, {}, 1};
  if (front_matter) {
    Result<FrontMatter> split = split_front_matter(decoded->text);
    if (!split) return std::move(split).error();
    front = split.value();
    if (front.format == Format::text)
      return make_error(code::front_matter_not_mapping, {1, 1}, "the file needs front matter between '---' lines");
  }
  return parse_header(front, limits);
}

}  // namespace newsnorm
