#include "newsnorm/export/record_scan.hpp"

#include <algorithm>
#include <bitset>

#include "newsnorm/core/format.hpp"
#include "newsnorm/core/json_cursor.hpp"
#include "newsnorm/export/exporter.hpp"

namespace newsnorm {
namespace {

// The same values read_record takes, from the cursor instead of a tree (record_reader.cpp).
template <typename S>
void scan_object(JsonCursor& in, S& out, std::span<const Member<S>> wanted = {}, bool all = true);

void scan_value(JsonCursor& in, std::string& out) { in.string(&out); }
void scan_value(JsonCursor& in, Json&) { in.skip(); }  // the tree is what this reader avoids
void scan_value(JsonCursor& in, std::int64_t& out) { out = in.integer(); }
void scan_value(JsonCursor& in, std::uint64_t& out) {
  const std::int64_t value = in.integer();
  if (value < 0) return in.fail("a negative size");
  out = static_cast<std::uint64_t>(value);
}
void scan_value(JsonCursor& in, bool& out) { out = in.boolean(); }
void scan_value(JsonCursor& in, Format& out) {
  std::string name;
  in.string(&name);
  out = format_from_name(name).value_or(Format::text);
}
void scan_value(JsonCursor& in, Source& out) { scan_object(in, out); }
void scan_value(JsonCursor& in, Provider& out) { scan_object(in, out); }
void scan_value(JsonCursor& in, std::vector<Diagnostic>& out) {
  in.array([&] {
    std::string message;
    in.string(&message);
    out.push_back(Diagnostic{Severity::warning, nullptr, {}, std::move(message), nullptr});
  });
}
template <typename T>
void scan_value(JsonCursor& in, std::optional<T>& out) {
  if (in.null()) return out.reset();
  T value{};
  scan_value(in, value);
  out = std::move(value);
}
template <typename Item>
void scan_value(JsonCursor& in, std::vector<Item>& out) {
  out.clear();
  in.array([&] {
    if constexpr (std::is_same_v<Item, std::string>)
      in.string(&out.emplace_back());
    else
      scan_object(in, out.emplace_back());
  });
}

template <typename S>
void scan_object(JsonCursor& in, S& out, std::span<const Member<S>> wanted, bool all) {
  const auto fields = fields_of<S>();
  std::bitset<128> seen;
  if (fields.size() > seen.size()) return in.fail("scan_object: more fields than it can track");
  in.object([&](std::string_view key) {
    if (key == kDeletedKey || key == kMergedStoryKey) return in.fail("not an article record");
    std::size_t index = 0;
    while (index < fields.size() && fields[index].key != key) ++index;
    if (index == fields.size()) return in.skip();  // read_record ignores it too
    seen.set(index);
    const Member<S>& member = fields[index].member;
    if (!all && std::find(wanted.begin(), wanted.end(), member) == wanted.end()) return in.skip();
    std::visit([&](auto pointer) { scan_value(in, out.*pointer); }, member);
  });
  // As read_record: only fields left out when empty may be absent.
  if (in.failed()) return;
  for (std::size_t index = 0; index < fields.size(); ++index)
    if (!seen[index] && !fields[index].omit_when_empty) return in.fail("a record key is missing");
}

}  // namespace

std::optional<Article> scan_record(std::string_view line, std::span<const Member<Article>> wanted) {
  JsonCursor in(line);
  Article article;
  scan_object(in, article, wanted, false);
  in.finish();
  if (in.failed()) return std::nullopt;
  return article;
}

}  // namespace newsnorm
