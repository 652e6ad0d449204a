// JSON headers through nlohmann_json, with duplicate keys and depth checked as for YAML.
#include <map>

#include <fmt/format.h>

#include "header_rejected.hpp"
#include "newsnorm/parse/header_tree.hpp"

namespace newsnorm {
namespace {

enum class Token { key, container };

// nlohmann's callback says what it saw but not where. Its events come in the order of the text, so
// the n-th key (a string followed by ':') or the n-th '{' / '[' outside strings is the one it means.
std::size_t offset_of_nth(std::string_view text, std::size_t n, Token wanted) {
  std::size_t seen = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '{' || c == '[') {
      if (wanted == Token::container && ++seen == n) return i;
    } else if (c == '"') {
      const std::size_t start = i;
      for (++i; i < text.size() && text[i] != '"'; ++i)
        if (text[i] == '\\') ++i;
      std::size_t after = i + 1;
      while (after < text.size() && (text[after] == ' ' || text[after] == '\t' || text[after] == '\n')) ++after;
      if (wanted == Token::key && after < text.size() && text[after] == ':' && ++seen == n) return start;
    }
  }
  return 0;
}

Position file_position(std::string_view header, std::size_t offset, int first_line) {
  Position where = position_of_offset(header, offset);
  where.line += first_line - 1;
  return where;
}

}  // namespace

HeaderResult parse_json_header(std::string_view header, int first_line, const Limits& limits) {
  if (Status limit = check_header_limits(header, first_line, limits); !limit) return limit.error();
  HeaderTree tree(first_line);
  // nlohmann keeps the last of two equal keys without a word; the callback sees each key and says so.
  std::vector<std::map<std::string, std::size_t>> keys_per_object;  // key -> its ordinal among all keys
  std::size_t keys = 0, containers = 0;
  const auto on_event = [&](int depth, Json::parse_event_t event, Json& parsed) {
    // nlohmann reports a container's start at its parent's depth: count the container itself, or an
    // empty list one level past the limit would pass where a list holding a value does not (and
    // where YAML rejects it).
    const bool opens = event == Json::parse_event_t::object_start || event == Json::parse_event_t::array_start;
    containers += opens;
    if ((opens ? depth + 1 : depth) > limits.max_depth)
      throw HeaderRejected{depth_limit_error(
          file_position(header, offset_of_nth(header, containers, Token::container), first_line), limits.max_depth)};
    if (event == Json::parse_event_t::object_start) keys_per_object.emplace_back();
    if (event == Json::parse_event_t::object_end) keys_per_object.pop_back();
    if (event == Json::parse_event_t::key) {
      ++keys;
      const auto [it, inserted] = keys_per_object.back().emplace(parsed.get<std::string>(), keys);
      if (!inserted) {
        const Position again = file_position(header, offset_of_nth(header, keys, Token::key), first_line);
        if (limits.duplicate_keys == DuplicateKeys::error)
          throw HeaderRejected{make_error(
              code::json_duplicate_key, again,
              fmt::format("duplicate key '{}' in the JSON front matter; keys must be unique: remove or rename one, "
                          "or choose one with --duplicate-keys first|last",
                          parsed.get<std::string>()))};
        const Position first = file_position(header, offset_of_nth(header, it->second, Token::key), first_line);
        tree.warnings.push_back(duplicate_key_warning(code::json_duplicate_key, it->first, first.line, again.line,
                                                      limits.duplicate_keys, again));
        // nlohmann skips the value of a key the callback refuses, and replaces the first value in its
        // place when it accepts one: `first` and `last` need nothing more.
        return limits.duplicate_keys == DuplicateKeys::last;
      }
    }
    return true;
  };
  try {
    tree.value = Json::parse(header.begin(), header.end(), on_event);
  } catch (const Json::parse_error& error) {
    std::string message = error.what();
    if (const auto colon = message.find("parse error"); colon != std::string::npos) message = message.substr(colon);
    return make_error(code::json_syntax, file_position(header, error.byte > 0 ? error.byte - 1 : 0, first_line),
                      fmt::format("invalid JSON: {}", message));
  } catch (const HeaderRejected& rejected) {
    return rejected.diagnostic;
  }
  return tree;
}

}  // namespace newsnorm
