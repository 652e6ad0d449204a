#include "newsnorm/model/document_parser.hpp"

#include <fmt/format.h>

#include "newsnorm/model/article_builder.hpp"
#include "newsnorm/model/html_article.hpp"
#include "newsnorm/parse/front_matter.hpp"
#include "newsnorm/parse/header_tree.hpp"
#include "newsnorm/parse/html_page.hpp"
#include "newsnorm/read/html_charset.hpp"
#include "newsnorm/read/text_decoding.hpp"

namespace newsnorm {
namespace {

std::optional<Format> whole_file_format(std::string_view path) {
  if (path.ends_with(".yaml") || path.ends_with(".yml")) return Format::yaml;
  if (path.ends_with(".toml")) return Format::toml;
  return std::nullopt;
}

}  // namespace

ParseResult parse_document(std::string_view bytes, std::string path, const Limits& limits) {
  Source source{std::move(path), Format::text, bytes.size()};
  if (bytes.size() > limits.max_bytes)
    return make_error({}, fmt::format("file is {} bytes, over the {}-byte limit; raise it with --max-bytes",
                                      bytes.size(), limits.max_bytes));
  std::string scratch;
  auto decoded = decode_text(bytes, scratch);
  if (auto* error = std::get_if<Diagnostic>(&decoded)) return std::move(*error);
  // A web page that is not UTF-8 says what it is in its first bytes: decode by that rather than
  // guess Windows-1252 (binary files were rejected above, whatever their name).
  std::string page_bytes;
  if (!is_valid_utf8(bytes) && looks_like_html_document(std::get<DecodedText>(decoded).text)) {
    const std::string charset = declared_html_charset(bytes);
    if (!charset.empty() && !is_utf8_label(charset)) {
      if (auto converted = decode_charset(bytes, charset)) {
        page_bytes = std::move(*converted);
        std::string page_scratch;
        auto redecoded = decode_text(page_bytes, page_scratch);
        if (auto* ok = std::get_if<DecodedText>(&redecoded)) {
          scratch = page_scratch.empty() ? std::string(ok->text) : std::move(page_scratch);
          DecodedText replaced{scratch, ok->warnings};
          replaced.warnings.insert(replaced.warnings.begin(),
                                   make_warning({1, 1}, fmt::format("not valid UTF-8; decoded as {}, the charset the "
                                                                    "page declares",
                                                                    charset)));
          decoded = std::move(replaced);
        }
      }
    }
  }
  auto& [text, decode_warnings] = std::get<DecodedText>(decoded);
  if (text.find_first_not_of(" \t\n\r\f\v") == std::string_view::npos)
    return make_error({}, text.empty() ? "the file is empty" : "the file holds only white space");

  auto split = split_front_matter(text);
  if (auto* error = std::get_if<Diagnostic>(&split)) return std::move(*error);
  FrontMatter front = std::get<FrontMatter>(split);
  // A .yaml, .yml or .toml file without delimiters is all header, as data files like the corpus's
  // _data/topics/*.yaml are: reading it as bare text would bury its fields in the body.
  if (front.format == Format::text) {
    if (const auto whole = whole_file_format(source.path)) front = FrontMatter{*whole, text, {}, 1};
  }
  // Without front matter, a whole web page is read as a page: its metadata and its article.
  if (front.format == Format::text && looks_like_html_document(text)) {
    source.format = Format::html;
    Article article = build_html_article(parse_html_page(text), std::move(source));
    article.warnings.insert(article.warnings.begin(), decode_warnings.begin(), decode_warnings.end());
    return article;
  }
  source.format = front.format;

  ParseResult result = [&]() -> ParseResult {
    if (front.format == Format::text) return build_text_article(front.body, std::move(source));
    HeaderResult header = front.format == Format::yaml ? parse_yaml_header(front.header, front.header_line, limits)
                          : front.format == Format::toml
                              ? parse_toml_header(front.header, front.header_line, limits)
                              : parse_json_header(front.header, front.header_line, limits);
    if (auto* error = std::get_if<Diagnostic>(&header)) return std::move(*error);
    return build_article(std::get<HeaderTree>(header), front.body, std::move(source), limits);
  }();
  if (auto* article = std::get_if<Article>(&result))
    article->warnings.insert(article->warnings.begin(), decode_warnings.begin(), decode_warnings.end());
  return result;
}

}  // namespace newsnorm
