#include "newsnorm/core/text_diff.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace newsnorm {

std::string apply_edits(std::string_view bytes, const std::vector<ByteEdit>& edits) {
  std::string out;
  out.reserve(bytes.size() + 64);
  std::size_t at = 0;
  for (const ByteEdit& edit : edits) {
    out.append(bytes.substr(at, edit.begin - at));
    out += edit.text;
    at = edit.end;
  }
  out.append(bytes.substr(at));
  return out;
}

std::string unified_diff(std::string_view before, const std::vector<ByteEdit>& edits, const std::string& label) {
  if (edits.empty() || before.empty()) return {};
  // Lines of the old file, each with its line break.
  std::vector<std::size_t> starts;
  for (std::size_t at = 0; at < before.size();
       at = before.find('\n', at) == std::string_view::npos ? before.size() : before.find('\n', at) + 1)
    starts.push_back(at);
  const std::size_t lines = starts.size();
  starts.push_back(before.size());
  const auto line_of = [&](std::size_t offset) {
    return static_cast<std::size_t>(std::upper_bound(starts.begin(), starts.end() - 1, offset) - starts.begin()) - 1;
  };
  // Changed runs of old lines, with the lines that replace them.
  struct Change {
    std::size_t first, last;  // old lines, inclusive
    std::vector<std::string> added;
  };
  std::vector<Change> changes;
  for (std::size_t i = 0; i < edits.size();) {
    Change change{
        line_of(edits[i].begin), line_of(edits[i].end > edits[i].begin ? edits[i].end - 1 : edits[i].begin), {}};
    std::size_t j = i + 1;
    for (; j < edits.size() && line_of(edits[j].begin) <= change.last + 1; ++j)
      change.last = std::max(change.last, line_of(edits[j].end > edits[j].begin ? edits[j].end - 1 : edits[j].begin));
    std::string text;
    std::size_t at = starts[change.first];
    for (std::size_t k = i; k < j; ++k) {
      text.append(before.substr(at, edits[k].begin - at));
      text += edits[k].text;
      at = edits[k].end;
    }
    text.append(before.substr(at, starts[change.last + 1] - at));
    for (std::size_t from = 0; from < text.size();) {
      const std::size_t eol = text.find('\n', from);
      const std::size_t next = eol == std::string::npos ? text.size() : eol + 1;
      change.added.push_back(text.substr(from, next - from));
      from = next;
    }
    changes.push_back(std::move(change));
    i = j;
  }

  constexpr std::size_t kContext = 3;
  std::string out = fmt::format("--- a/{}\n+++ b/{}\n", label, label);
  const auto line = [&](std::string& hunk, char sign, std::string_view text) {
    hunk += sign;
    hunk.append(text);
    if (!text.ends_with('\n')) hunk += "\n\\ No newline at end of file\n";
  };
  long shift = 0;  // new line numbers minus old ones, before the hunk
  for (std::size_t c = 0; c < changes.size();) {
    std::size_t d = c + 1;  // changes [c, d) share a hunk when their context would touch
    while (d < changes.size() && changes[d].first - changes[d - 1].last - 1 <= 2 * kContext) ++d;
    const std::size_t first = changes[c].first > kContext ? changes[c].first - kContext : 0;
    const std::size_t last = std::min(lines - 1, changes[d - 1].last + kContext);
    std::string hunk;
    std::size_t added = 0, removed = 0;
    std::size_t at = first;
    for (std::size_t k = c; k < d; ++k) {
      for (; at < changes[k].first; ++at) line(hunk, ' ', before.substr(starts[at], starts[at + 1] - starts[at]));
      for (; at <= changes[k].last; ++at, ++removed)
        line(hunk, '-', before.substr(starts[at], starts[at + 1] - starts[at]));
      for (const std::string& text : changes[k].added) line(hunk, '+', text), ++added;
    }
    for (; at <= last; ++at) line(hunk, ' ', before.substr(starts[at], starts[at + 1] - starts[at]));
    const std::size_t old_count = last - first + 1;
    const std::size_t new_count = old_count - removed + added;
    const auto start = [](std::size_t from, std::size_t count) { return count == 0 ? from : from + 1; };
    out += fmt::format("@@ -{},{} +{},{} @@\n", start(first, old_count), old_count,
                       start(static_cast<std::size_t>(static_cast<long>(first) + shift), new_count), new_count);
    out += hunk;
    shift += static_cast<long>(added) - static_cast<long>(removed);
    c = d;
  }
  return out;
}

}  // namespace newsnorm
