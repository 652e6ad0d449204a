// JSON headers through nlohmann_json, with duplicate keys and depth checked as for YAML.
#include <set>

#include <fmt/format.h>

#include "newsnorm/parse/header_tree.hpp"

namespace newsnorm {
namespace {

struct Rejected {
  Diagnostic diagnostic;
};

}  // namespace

HeaderResult parse_json_header(std::string_view header, int first_line, const Limits& limits) {
  if (auto limit = check_header_limits(header, first_line, limits); std::holds_alternative<Diagnostic>(limit))
    return std::get<Diagnostic>(limit);
  HeaderTree tree;
  // nlohmann keeps the last of two equal keys without a word; the callback sees each key and says so.
  std::vector<std::set<std::string>> keys_per_object;
  const auto on_event = [&](int depth, Json::parse_event_t event, Json& parsed) {
    // nlohmann reports a container's start at its parent's depth: count the container itself, or an
    // empty list one level past the limit would pass where a list holding a value does not (and
    // where YAML rejects it).
    const bool opens = event == Json::parse_event_t::object_start || event == Json::parse_event_t::array_start;
    if ((opens ? depth + 1 : depth) > limits.max_depth)
      throw Rejected{make_error({}, fmt::format("header nested deeper than {} levels (the depth limit); raise it "
                                                "with --max-depth",
                                                limits.max_depth))};
    if (event == Json::parse_event_t::object_start) keys_per_object.emplace_back();
    if (event == Json::parse_event_t::object_end) keys_per_object.pop_back();
    if (event == Json::parse_event_t::key && !keys_per_object.back().insert(parsed.get<std::string>()).second)
      throw Rejected{make_error({}, fmt::format("duplicate key '{}' in the JSON front matter; keys must be "
                                                "unique: remove or rename one",
                                                parsed.get<std::string>()))};
    return true;
  };
  try {
    tree.value = Json::parse(header.begin(), header.end(), on_event);
  } catch (const Json::parse_error& error) {
    Position where = position_of_offset(header, error.byte > 0 ? error.byte - 1 : 0);
    where.line += first_line - 1;
    std::string message = error.what();
    if (const auto colon = message.find("parse error"); colon != std::string::npos) message = message.substr(colon);
    return make_error(where, fmt::format("invalid JSON: {}", message));
  } catch (const Rejected& rejected) {
    return rejected.diagnostic;
  }
  return tree;
}

}  // namespace newsnorm
