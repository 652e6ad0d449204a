#include "newsnorm/fix/fix.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "newsnorm/core/text_diff.hpp"
#include "newsnorm/core/utf8.hpp"
#include "newsnorm/parse/front_matter.hpp"
#include "newsnorm/parse/header_edit.hpp"
#include "newsnorm/parse/header_tree.hpp"
#include "newsnorm/read/text_decoding.hpp"

namespace newsnorm {
namespace {

// Where the reader's text is in the file's bytes: it dropped a byte-order mark and the CR of every
// CRLF (and, for a file that is not UTF-8, more: such a file is not edited).
class ByteMap {
 public:
  explicit ByteMap(std::string_view bytes) : bom_(bytes.starts_with("\xEF\xBB\xBF") ? 3 : 0) {
    for (std::size_t i = bom_; i + 1 < bytes.size(); ++i)
      if (bytes[i] == '\r' && bytes[i + 1] == '\n') crs_.push_back(i - bom_ - crs_.size());
  }
  // The byte offset of the text's offset `at`; a line's end maps to its CR, which stays with it.
  std::size_t byte_offset(std::size_t at) const {
    return bom_ + at + static_cast<std::size_t>(std::lower_bound(crs_.begin(), crs_.end(), at) - crs_.begin());
  }
  // Whether the text's line break at `at` is a CRLF in the file.
  bool crlf_at(std::size_t at) const { return std::binary_search(crs_.begin(), crs_.end(), at); }

 private:
  std::size_t bom_;
  std::vector<std::size_t> crs_;  // the text offset of each dropped CR, which is that of its LF
};

// The header as the reader saw it.
struct ReadHeader {
  std::string scratch;
  std::string_view text;  // the decoded file
  FrontMatter front;
  HeaderTree tree;
};

// Where the header the reader parsed into `tree` is in the text; null when there is none (bare
// text, a web page).
std::unique_ptr<ReadHeader> find_header(std::string_view bytes, const std::string& path, HeaderTree tree) {
  auto header = std::make_unique<ReadHeader>();
  Result<DecodedText> decoded = decode_text(bytes, header->scratch);
  if (!decoded) return nullptr;
  header->text = decoded->text;
  Result<FrontMatter> split = split_document(header->text, path);
  if (!split || split->format == Format::text || split->format == Format::html) return nullptr;
  header->front = split.value();
  header->tree = std::move(tree);
  return header;
}

// Equal and of the same kind all the way down: JSON's == takes 6.0 for 6, and a file that says 6.0
// where 6 was meant is not fixed.
bool identical(const Json& a, const Json& b) {
  // 3 is a signed or an unsigned integer, as the reader that made it prefers: the same number.
  if (a.is_number_integer() && b.is_number_integer()) return a == b;
  if (a.type() != b.type() || a.size() != b.size()) return false;
  if (a.is_object()) {
    for (auto x = a.begin(), y = b.begin(); x != a.end(); ++x, ++y)
      if (x.key() != y.key() || !identical(x.value(), y.value())) return false;
    return true;
  }
  if (a.is_array()) return std::equal(a.begin(), a.end(), b.begin(), identical);
  return a == b;
}

// The changes the warnings ask of one header value, composed: each must start from the value the
// one before it made ("Microsoft Learn" -> "Microsoft", a cleaned name -> the registry's).
struct PlannedValue {
  std::string pointer;
  Json from;
  Json to;
  Position where;
  bool conflict = false;
};

std::vector<PlannedValue> plan_values(const std::vector<Diagnostic>& warnings) {
  std::vector<PlannedValue> planned;
  for (const Diagnostic& warning : warnings) {
    if (!warning.fix) continue;
    const ValueFix& fix = *warning.fix;
    const auto same =
        std::find_if(planned.begin(), planned.end(), [&](const auto& p) { return p.pointer == fix.pointer; });
    if (same == planned.end())
      planned.push_back({fix.pointer, fix.from, fix.to, {}, false});
    else if (identical(same->to, fix.from))
      same->to = fix.to;
    else
      same->conflict = true;
  }
  return planned;
}

Diagnostic not_fixed(const PlannedValue& value, const std::string& why) {
  return make_warning(code::fix_unsupported, value.where,
                      fmt::format("{}: not fixed: {}", display_pointer(value.pointer), why));
}

// Turns an edit of the reader's text into an edit of the file's bytes, with the file's line breaks.
ByteEdit to_bytes(const ByteMap& map, std::string_view text, std::size_t begin, std::size_t end, std::string value) {
  const std::size_t line_end = std::min(text.find('\n', end), text.size());
  if (value.find('\n') != std::string::npos && map.crlf_at(line_end)) {
    std::string crlf;
    for (const char c : value) {
      if (c == '\n') crlf.push_back('\r');
      crlf.push_back(c);
    }
    value = std::move(crlf);
  }
  return {map.byte_offset(begin), map.byte_offset(end), std::move(value)};
}

// What reading the edited file back found.
struct EditCheck {
  std::vector<std::string> unstable;  // values that would be changed again (text encoded twice)
  std::vector<Diagnostic> remaining;  // the warnings it still gives
};

// The edit is not the file intended: nothing is written.
Diagnostic refused(const std::string& why) {
  return make_error(code::fix_refused, {},
                    fmt::format("not fixed, the file is left as it was: {}; please report this file", why));
}

// Reads the edited file back: its header must be `expected`, its body the same as before, and
// nothing more may be asked of the values just written.
Result<EditCheck> check_edit(std::string_view fixed, const std::string& path, const IngestOptions& options,
                             const ReadHeader& before, const Json& expected, const std::vector<ValueFix>& written) {
  EditCheck check;
  std::string scratch;
  Result<DecodedText> decoded = decode_text(fixed, scratch);
  Result<FrontMatter> split = decoded ? split_document(decoded->text, path) : Result<FrontMatter>(decoded.error());
  if (!split || split->format != before.front.format || split->header_line != before.front.header_line)
    return refused("the edited file's front matter is not where it was");
  if (split->body != before.front.body) return refused("the body would change");
  HeaderTree tree;
  ParseResult again = ingest_bytes(fixed, path, options, &tree);
  if (!again) return refused(fmt::format("the edited file is rejected ({})", again.error().message));
  if (!identical(tree.value, expected))
    return refused("the edited header does not read as the old one with the new values");
  for (const Diagnostic& warning : again->warnings)
    if (warning.fix && std::any_of(written.begin(), written.end(),
                                   [&](const ValueFix& value) { return value.pointer == warning.fix->pointer; }))
      check.unstable.push_back(warning.fix->pointer);
  check.remaining = std::move(again->warnings);
  return check;
}

// One value's new text, ready to go in.
struct PreparedValue {
  const PlannedValue* value;
  Json::json_pointer pointer;
  ByteEdit edit;
};

// The new text of one value, or why it cannot be written in place (a fix.unsupported warning).
Result<PreparedValue> prepare(const PlannedValue& value, const ReadHeader& header, const HeaderValues& values,
                              const ByteMap& map, const Limits& limits) {
  if (value.conflict) return not_fixed(value, "the changes asked of it disagree");
  std::optional<Json::json_pointer> pointer = json_pointer_of(value.pointer);
  if (!pointer) return not_fixed(value, "it has no place in the header");
  if (!header.tree.value.contains(*pointer) || !identical(header.tree.value.at(*pointer), value.from))
    return not_fixed(value, "the header holds another value there");
  Result<ValueSpan> span = values.find(value.pointer, value.from);
  if (!span) return not_fixed(value, span.error().message);
  std::optional<std::string> text =
      write_value(header.front.format, value.to, span.value(), header.front.header, limits);
  if (!text) return not_fixed(value, "no way to write the new value reads back as it");
  const auto at = static_cast<std::size_t>(header.front.header.data() - header.text.data());
  return PreparedValue{&value, std::move(*pointer),
                       to_bytes(map, header.text, at + span->begin, at + span->end, std::move(*text))};
}

}  // namespace

FileFix fix_document(std::string_view bytes, std::string path, const IngestOptions& options) {
  FileFix out;
  out.bytes = std::string(bytes);
  HeaderTree tree;
  ParseResult read = ingest_bytes(bytes, path, options, &tree);
  if (!read) {
    out.error = std::move(read.error());
    return out;
  }
  out.remaining = read->warnings;
  std::vector<PlannedValue> planned = plan_values(read->warnings);
  if (planned.empty()) return out;

  const std::unique_ptr<ReadHeader> header = find_header(bytes, path, std::move(tree));
  if (header)
    for (PlannedValue& value : planned) value.where = header->tree.position(value.pointer);
  const auto refuse_all = [&](const std::string& why) {
    for (const PlannedValue& value : planned) out.problems.push_back(not_fixed(value, why));
    return out;
  };
  if (!is_valid_utf8(bytes.starts_with("\xEF\xBB\xBF") ? bytes.substr(3) : bytes))
    return refuse_all("the file is not UTF-8; convert it first (iconv -f WINDOWS-1252 -t UTF-8)");
  if (!header) return refuse_all("the header could not be read again");
  const FrontMatter& front = header->front;
  Result<HeaderValues> values = HeaderValues::read(front.format, front.header, front.header_line, options.limits);
  if (!values) return refuse_all(values.error().message);

  const ByteMap map(bytes);
  std::vector<PreparedValue> prepared;
  for (const PlannedValue& value : planned) {
    if (identical(value.from, value.to) && !value.conflict) continue;
    Result<PreparedValue> ready = prepare(value, *header, values.value(), map, options.limits);
    if (ready)
      prepared.push_back(std::move(ready).value());
    else
      out.problems.push_back(std::move(ready).error());
  }
  std::sort(prepared.begin(), prepared.end(), [](const auto& a, const auto& b) { return a.edit.begin < b.edit.begin; });
  for (std::size_t i = 1; i < prepared.size(); ++i)
    if (prepared[i].edit.begin < prepared[i - 1].edit.end) return refuse_all("two values' texts overlap");

  // A value whose new text would be changed again on the next read (text with its entities encoded
  // twice: "&amp;quot;") is left as it is, so that a second fix changes nothing; the rest go in.
  while (!prepared.empty()) {
    std::vector<ByteEdit> edits;
    std::vector<ValueFix> written;
    Json expected = header->tree.value;
    for (const PreparedValue& p : prepared) {
      edits.push_back(p.edit);
      written.push_back({p.value->pointer, p.value->from, p.value->to});
      expected.at(p.pointer) = p.value->to;
    }
    std::string fixed = apply_edits(bytes, edits);
    Result<EditCheck> checked = check_edit(fixed, path, options, *header, expected, written);
    if (!checked) {
      out.problems.push_back(std::move(checked).error());
      return out;
    }
    EditCheck& check = checked.value();
    if (!check.unstable.empty()) {
      std::erase_if(prepared, [&](const PreparedValue& p) {
        if (std::find(check.unstable.begin(), check.unstable.end(), p.value->pointer) == check.unstable.end())
          return false;
        out.problems.push_back(not_fixed(*p.value,
                                         "its new value would be changed again when read (is it encoded twice?); "
                                         "write it as it should read by hand"));
        return true;
      });
      continue;
    }
    out.changed = true;
    out.bytes = std::move(fixed);
    out.edits = std::move(edits);
    out.values = std::move(written);
    out.remaining = std::move(check.remaining);
    break;
  }
  return out;
}

}  // namespace newsnorm
