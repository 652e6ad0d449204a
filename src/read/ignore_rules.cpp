#include "newsnorm/read/ignore_rules.hpp"

#include <fmt/format.h>

namespace newsnorm {

std::string IgnoreRule::describe() const { return fmt::format("ignored by {}:{} ({})", source, line, glob.text()); }

std::vector<IgnoreRule> parse_ignore_text(std::string_view text, const std::string& source) {
  std::vector<IgnoreRule> rules;
  int number = 0;
  while (!text.empty()) {
    const std::size_t end = std::min(text.find('\n'), text.size());
    std::string_view line = text.substr(0, end);
    text.remove_prefix(std::min(end + 1, text.size()));
    ++number;
    if (line.ends_with('\r')) line.remove_suffix(1);
    // Trailing spaces are not part of the pattern unless the last one is escaped ("a\ ").
    while (line.ends_with(' ') && !(line.size() >= 2 && line[line.size() - 2] == '\\')) line.remove_suffix(1);
    if (line.empty() || line.starts_with('#')) continue;
    Result<PathGlob> glob = PathGlob::parse(line);
    if (!glob) continue;  // a pattern git would let match nothing: the same here
    rules.push_back({std::move(glob).value(), source, number});
  }
  return rules;
}

void IgnoreStack::push(std::string walked, std::string relative, std::vector<IgnoreRule> rules) {
  if (!walked.ends_with('/')) walked += '/';
  if (!relative.empty() && !relative.ends_with('/')) relative += '/';
  levels_.push_back({std::move(walked), std::move(relative), std::move(rules)});
}

const IgnoreRule* IgnoreStack::ignoring(std::string_view path, bool is_folder) const {
  std::string relative;
  for (auto level = levels_.rbegin(); level != levels_.rend(); ++level) {
    if (!path.starts_with(level->walked)) continue;
    relative = level->relative;
    relative.append(path.substr(level->walked.size()));
    for (auto rule = level->rules.rbegin(); rule != level->rules.rend(); ++rule)
      if (rule->glob.matches(relative, is_folder)) return rule->glob.negated() ? nullptr : &*rule;
  }
  return nullptr;
}

}  // namespace newsnorm
