// TOML headers through toml++, converted into the same tree the YAML and JSON headers become.
#include <algorithm>
#include <cmath>
#include <sstream>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "header_rejected.hpp"
#include "newsnorm/parse/header_tree.hpp"

namespace newsnorm {
namespace {

class Converter {
 public:
  Converter(int first_line, const Limits& limits, HeaderTree& tree)
      : first_line_(first_line), limits_(limits), tree_(tree) {}

  Json convert(const toml::node& node, const std::string& pointer, int depth) {
    // Levels are tables and arrays, the root table being the first, as in the YAML and JSON readers.
    // Counting every node instead let an empty array one level past the limit through, while the
    // same array holding a value was rejected.
    if ((node.is_table() || node.is_array()) && depth + 1 > limits_.max_depth)
      throw HeaderRejected{depth_limit_error(position(node.source().begin), limits_.max_depth)};
    if (const auto* table = node.as_table()) return convert_table(*table, pointer, depth);
    if (const auto* array = node.as_array()) {
      Json out = Json::array();
      for (const auto& item : *array) {
        std::string child = pointer;
        append_pointer_token(child, std::to_string(out.size()));
        tree_.record(child, position(item.source().begin));
        out.push_back(convert(item, child, depth + 1));
      }
      return out;
    }
    if (const auto* text = node.as_string()) return text->get();
    if (const auto* integer = node.as_integer()) return integer->get();
    if (const auto* boolean = node.as_boolean()) return boolean->get();
    if (const auto* floating = node.as_floating_point()) {
      const double value = floating->get();
      if (std::isfinite(value)) return value;
      return std::isnan(value) ? "nan" : (value > 0 ? "inf" : "-inf");  // JSON has no infinity
    }
    // Dates and times keep their TOML text, which is already ISO 8601.
    std::ostringstream text;
    if (const auto* date_time = node.as_date_time())
      text << date_time->get();
    else if (const auto* date = node.as_date())
      text << date->get();
    else if (const auto* time = node.as_time())
      text << time->get();
    return text.str();
  }

 private:
  // toml++ keeps keys sorted; the file's own order is restored from their positions.
  Json convert_table(const toml::table& table, const std::string& pointer, int depth) {
    std::vector<std::pair<const toml::key*, const toml::node*>> entries;
    for (const auto& [key, value] : table) entries.emplace_back(&key, &value);
    std::stable_sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
      const auto& pa = a.first->source().begin;
      const auto& pb = b.first->source().begin;
      return pa.line != pb.line ? pa.line < pb.line : pa.column < pb.column;
    });
    Json out = Json::object();
    for (const auto& [key, value] : entries) {
      std::string child = pointer;
      append_pointer_token(child, key->str());
      tree_.record(child, position(key->source().begin));
      out.emplace(std::string(key->str()), convert(*value, child, depth + 1));
    }
    return out;
  }

  Position position(const toml::source_position& where) const {
    if (!where) return {};
    return {first_line_ + static_cast<int>(where.line) - 1, static_cast<int>(where.column)};
  }

  int first_line_;
  const Limits& limits_;
  HeaderTree& tree_;
};

}  // namespace

HeaderResult parse_toml_header(std::string_view header, int first_line, const Limits& limits) {
  if (Status limit = check_header_limits(header, first_line, limits); !limit) return limit.error();
  HeaderTree tree(first_line);
  try {
    const toml::table table = toml::parse(header);
    tree.value = Converter(first_line, limits, tree).convert(table, "", 0);
  } catch (const toml::parse_error& error) {
    const auto& where = error.source().begin;
    Position position;
    if (where) position = {first_line + static_cast<int>(where.line) - 1, static_cast<int>(where.column)};
    return make_error(code::toml_syntax, position, fmt::format("invalid TOML: {}", error.description()));
  } catch (const HeaderRejected& rejected) {
    return rejected.diagnostic;
  }
  return tree;
}

}  // namespace newsnorm
