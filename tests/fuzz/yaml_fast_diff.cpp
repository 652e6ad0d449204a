#include "yaml_fast_diff.hpp"

#include <fmt/format.h>

#include "newsnorm/parse/header_yaml_fast.hpp"

namespace newsnorm::test {
namespace {

std::string show(Position where) { return fmt::format("{}:{}", where.line, where.column); }

// Every pointer of `value` (keys and list indexes, depth first) with a probe that is none.
void pointers(const Json& value, const std::string& pointer, std::vector<std::string>& out) {
  out.push_back(pointer);
  if (value.is_object()) {
    for (const auto& item : value.items()) {
      std::string child = pointer;
      append_pointer_token(child, item.key());
      pointers(item.value(), child, out);
    }
  } else if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i) pointers(value[i], pointer + "/" + std::to_string(i), out);
  }
}

std::string compare(const HeaderTree& fast, const HeaderTree& slow) {
  const std::string fast_dump = fast.value.dump(), slow_dump = slow.value.dump();
  if (fast_dump != slow_dump) return fmt::format("value: fast {} but yaml-cpp {}", fast_dump, slow_dump);
  if (fast.warnings.size() != slow.warnings.size())
    return fmt::format("warnings: fast {} but yaml-cpp {}", fast.warnings.size(), slow.warnings.size());
  for (std::size_t i = 0; i < fast.warnings.size(); ++i) {
    const Diagnostic &a = fast.warnings[i], &b = slow.warnings[i];
    if (a.code_id() != b.code_id() || a.severity != b.severity || a.message != b.message ||
        show(a.position) != show(b.position))
      return fmt::format("warning {}: fast {} {} '{}' but yaml-cpp {} {} '{}'", i, a.code_id(), show(a.position),
                         a.message, b.code_id(), show(b.position), b.message);
  }
  std::vector<std::string> all;
  pointers(fast.value, "", all);
  all.push_back("/no such key");
  for (const std::string& pointer : all)
    if (show(fast.position(pointer)) != show(slow.position(pointer)))
      return fmt::format("position of '{}': fast {} but yaml-cpp {}", pointer, show(fast.position(pointer)),
                         show(slow.position(pointer)));
  return {};
}

}  // namespace

YamlFastDiff compare_yaml_paths(std::string_view header, int first_line, const Limits& limits) {
  YamlFastDiff diff;
  if (!check_header_limits(header, first_line, limits)) return diff;  // parse_yaml_header asks no path then
  const std::optional<HeaderTree> fast = parse_yaml_fast(header, first_line, limits);
  if (!fast) return diff;
  diff.taken = true;
  const HeaderResult slow = parse_yaml_header_by_yaml_cpp(header, first_line, limits);
  if (!slow) {
    diff.difference = fmt::format("the fast path read it but yaml-cpp's path says {}: {} at {}", slow.error().code_id(),
                                  slow.error().message, show(slow.error().position));
    return diff;
  }
  diff.difference = compare(*fast, slow.value());
  return diff;
}

}  // namespace newsnorm::test
