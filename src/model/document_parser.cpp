#include "newsnorm/model/document_parser.hpp"

#include <fmt/format.h>

#include "newsnorm/model/article_builder.hpp"
#include "newsnorm/parse/front_matter.hpp"
#include "newsnorm/parse/header_tree.hpp"
#include "newsnorm/read/text_decoding.hpp"

namespace newsnorm {

ParseResult parse_document(std::string_view bytes, std::string path, const Limits& limits) {
  Source source{std::move(path), Format::text, bytes.size()};
  if (bytes.size() > limits.max_bytes)
    return make_error(code::limit_bytes, {},
                      fmt::format("file is {} bytes, over the {}-byte limit; raise it with --max-bytes",
                                  bytes.size(), limits.max_bytes));
  std::string scratch;
  Result<DecodedText> decoded = decode_text(bytes, scratch);
  if (!decoded) return std::move(decoded.error());
  const std::string_view text = decoded->text;
  if (text.find_first_not_of(" \t\n\r\f\v") == std::string_view::npos)
    return make_error(code::read_empty, {}, text.empty() ? "the file is empty" : "the file holds only white space");

  Result<FrontMatter> split = split_document(text, source.path);
  if (!split) return std::move(split.error());
  const FrontMatter& front = split.value();
  source.format = front.format;

  ParseResult result = [&]() -> ParseResult {
    if (front.format == Format::text) return build_text_article(front.body, std::move(source));
    HeaderResult header = parse_header(front, limits);
    if (!header) return std::move(header.error());
    return build_article(header.value(), front.body, std::move(source), limits);
  }();
  if (result.ok())
    result->warnings.insert(result->warnings.begin(), decoded->warnings.begin(), decoded->warnings.end());
  return result;
}

}  // namespace newsnorm
