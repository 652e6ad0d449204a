#include "newsnorm/model/document_parser.hpp"

#include <fmt/format.h>

#include "newsnorm/html/page.hpp"
#include "newsnorm/model/article_builder.hpp"
#include "newsnorm/model/html_article.hpp"
#include "newsnorm/parse/front_matter.hpp"
#include "newsnorm/parse/header_tree.hpp"
#include "newsnorm/read/html_charset.hpp"
#include "newsnorm/read/text_decoding.hpp"

namespace newsnorm {
namespace {

// A web page that is not UTF-8 says what it is in its first bytes: decode by that rather than guess
// Windows-1252 (binary files were rejected already, whatever their name). Null when it does not.
std::optional<DecodedText> decode_declared_charset(std::string_view bytes, const DecodedText& guessed,
                                                   std::string& page_bytes, std::string& scratch) {
  if (is_valid_utf8(bytes) || !looks_like_html_document(guessed.text)) return std::nullopt;
  const std::string charset = declared_html_charset(bytes);
  if (charset.empty() || is_utf8_label(charset)) return std::nullopt;
  auto converted = decode_charset(bytes, charset);
  if (!converted) return std::nullopt;
  page_bytes = std::move(*converted);
  std::string page_scratch;
  Result<DecodedText> redecoded = decode_text(page_bytes, page_scratch);
  if (!redecoded) return std::nullopt;
  scratch = page_scratch.empty() ? std::string(redecoded->text) : std::move(page_scratch);
  DecodedText replaced{scratch, redecoded->warnings};
  replaced.warnings.insert(
      replaced.warnings.begin(),
      make_warning(code::read_encoding, {1, 1},
                   fmt::format("not valid UTF-8; decoded as {}, the charset the page declares", charset)));
  return replaced;
}

}  // namespace

ParseResult parse_document(std::string_view bytes, std::string path, const Limits& limits, const ModelOptions& model,
                           HeaderTree* header_out) {
  Source source{std::move(path), Format::text, bytes.size()};
  if (bytes.size() > limits.max_bytes)
    return make_error(code::limit_bytes, {},
                      fmt::format("file is {} bytes, over the {}-byte limit; raise it with --max-bytes", bytes.size(),
                                  limits.max_bytes));
  std::string scratch, page_bytes, page_scratch;
  Result<DecodedText> decoded = decode_text(bytes, scratch);
  if (!decoded) return std::move(decoded.error());
  if (auto page = decode_declared_charset(bytes, decoded.value(), page_bytes, page_scratch)) decoded = std::move(*page);
  const std::string_view text = decoded->text;
  if (text.find_first_not_of(" \t\n\r\f\v") == std::string_view::npos)
    return make_error(code::read_empty, {}, text.empty() ? "the file is empty" : "the file holds only white space");

  Result<FrontMatter> split = split_document(text, source.path);
  if (!split) return std::move(split.error());
  const FrontMatter& front = split.value();
  source.format = front.format;

  ParseResult result = [&]() -> ParseResult {
    // Pages and bare text name no type: the configuration's applies as it is.
    const auto typed = [&](Article article) {
      if (!model.default_type.empty()) article.type = std::string(model.default_type);
      return article;
    };
    if (front.format == Format::text && looks_like_html_document(text)) {
      // Without front matter, a whole web page is read as a page: its metadata and its article.
      source.format = Format::html;
      return typed(build_html_article(parse_html_page(text), std::move(source)));
    }
    if (front.format == Format::text) return typed(build_text_article(front.body, std::move(source)));
    HeaderResult header = parse_header(front, limits);
    if (!header) return std::move(header.error());
    ParseResult article = build_article(header.value(), front.body, std::move(source), limits, model);
    if (header_out) *header_out = std::move(header.value());
    return article;
  }();
  if (result.ok())
    result->warnings.insert(result->warnings.begin(), decoded->warnings.begin(), decoded->warnings.end());
  return result;
}

}  // namespace newsnorm
