// YAML headers through yaml-cpp's event API: no intermediate YAML::Node tree, and every event
// passes through here, which is where duplicate keys, depth and alias expansion are bounded.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <streambuf>
#include <istream>
#include <unordered_map>

#include <fmt/format.h>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include "newsnorm/parse/header_tree.hpp"
#include "newsnorm/read/text_decoding.hpp"

namespace newsnorm {
namespace {

// Reads the header in place: yaml-cpp wants an istream, and copying the text into one would be waste.
class MemoryBuffer : public std::streambuf {
 public:
  explicit MemoryBuffer(std::string_view text) {
    char* begin = const_cast<char*>(text.data());
    setg(begin, begin, begin + text.size());
  }
};

// Thrown when a message needs positions that this pass did not record.
struct NeedPositions {};

bool is_decimal_digits(std::string_view s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
}

bool parse_number(std::string_view text, std::int64_t& out, int base = 10) {
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out, base);
  return ec == std::errc() && end == text.data() + text.size();
}

bool parse_number(std::string_view text, double& out) {
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size();
}

// YAML 1.2 core schema resolution of a plain (unquoted, untagged) scalar.
Json resolve_plain_scalar(const std::string& value) {
  if (value == "true" || value == "True" || value == "TRUE") return true;
  if (value == "false" || value == "False" || value == "FALSE") return false;
  std::string_view digits = value;
  const bool negative = digits.starts_with('-');
  if (negative || digits.starts_with('+')) digits.remove_prefix(1);
  if (is_decimal_digits(digits)) {
    std::int64_t number = 0;
    // Integers that do not fit 64 bits stay text rather than losing digits.
    if (parse_number(value.starts_with('+') ? std::string_view(value).substr(1) : value, number)) return number;
    return value;
  }
  if (value.size() > 2 && value[0] == '0' && (value[1] == 'x' || value[1] == 'o')) {
    std::int64_t number = 0;
    if (parse_number(std::string_view(value).substr(2), number, value[1] == 'x' ? 16 : 8)) return number;
    return value;
  }
  if (value == ".inf" || value == "-.inf" || value == ".nan" || value == ".NaN") return value;  // JSON has no infinity
  const bool looks_float = !digits.empty() && digits.find_first_not_of("0123456789.eE+-") == std::string_view::npos &&
                           (std::isdigit(static_cast<unsigned char>(digits[0])) || digits[0] == '.') &&
                           digits.find_first_of("0123456789") != std::string_view::npos;
  if (looks_float) {
    double number = 0;
    if (parse_number(value.starts_with('+') ? std::string_view(value).substr(1) : value, number) &&
        std::isfinite(number))
      return number;
  }
  return value;
}

Json resolve_tagged_scalar(const std::string& tag, const std::string& value) {
  static constexpr std::string_view kCore = "tag:yaml.org,2002:";
  if (tag == "?") return resolve_plain_scalar(value);
  if (!tag.starts_with(kCore)) return value;  // "!" (quoted or block) and unknown tags: the text itself
  const std::string_view type = std::string_view(tag).substr(kCore.size());
  if (type == "int" || type == "float" || type == "bool" || type == "null") {
    Json resolved = resolve_plain_scalar(value);
    if (!resolved.is_string()) return resolved;
  }
  return value;
}

class TreeBuilder : public YAML::EventHandler {
 public:
  // Without `record_positions`, no JSON pointers are built: the common case pays nothing for them.
  TreeBuilder(int first_line, const Limits& limits, HeaderTree& tree, bool record_positions)
      : first_line_(first_line), limits_(limits), tree_(tree), record_positions_(record_positions) {}

  bool has_root() const { return has_root_; }
  Json take_root() { return std::move(root_); }

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override { add_value(mark, anchor, nullptr, 1); }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    const auto found = anchors_.find(anchor);
    if (found == anchors_.end()) reject(mark, code::yaml_alias, "alias to an unknown anchor");
    alias_nodes_ += found->second.nodes;
    if (alias_nodes_ > limits_.max_alias_nodes)
      reject(mark, code::limit_alias_nodes, fmt::format("YAML aliases expand to more than {} nodes (the alias-expansion limit); "
                               "this looks like a 'billion laughs' header. Raise it with --max-alias-nodes",
                               limits_.max_alias_nodes));
    add_value(mark, 0, found->second.value, found->second.nodes);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    // The input was valid UTF-8, but a quoted scalar's escapes (a lone "\ud800") can make it invalid.
    if (tag == "!" && !is_valid_utf8(value)) {
      tree_.warnings.push_back(make_warning(code::yaml_escape, position(mark), "a YAML escape produced invalid UTF-8 (such as a lone "
                                                            "surrogate); it was replaced with U+FFFD"));
      return OnScalar(mark, tag, anchor, repair_utf8(value));
    }
    if (!stack_.empty() && stack_.back().is_map && !stack_.back().key) {
      accept_key(mark, value);
      return;
    }
    add_value(mark, anchor, resolve_tagged_scalar(tag, value), 1);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(mark, anchor, Json::array(), false);
  }
  void OnSequenceEnd() override { close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(mark, anchor, Json::object(), true);
  }
  void OnMapEnd() override { close(); }

 private:
  struct Frame {
    Json value;
    bool is_map = false;
    std::optional<std::string> key;  // a map's key waiting for its value
    std::string pointer;
    YAML::anchor_t anchor = 0;
    std::size_t nodes = 1;
  };
  struct Anchored {
    Json value;
    std::size_t nodes;
  };

  Position position(const YAML::Mark& mark) const {
    if (mark.is_null()) return {};
    return {first_line_ + mark.line, mark.column + 1};
  }

  [[noreturn]] void reject(const YAML::Mark& mark, const DiagnosticCode& code, std::string message) const {
    throw HeaderRejected{make_error(code, position(mark), std::move(message))};
  }

  // The JSON pointer of the value about to be added to the innermost collection.
  std::string child_pointer() const {
    if (stack_.empty() || !record_positions_) return {};
    const Frame& parent = stack_.back();
    std::string pointer = parent.pointer;
    append_pointer_token(pointer, parent.is_map ? *parent.key : std::to_string(parent.value.size()));
    return pointer;
  }

  void accept_key(const YAML::Mark& mark, std::string key) {
    Frame& map = stack_.back();
    if (map.value.contains(key)) {
      if (!record_positions_) throw NeedPositions{};
      std::string pointer = map.pointer;
      append_pointer_token(pointer, key);
      const Position first = tree_.position(pointer);
      reject(mark, code::yaml_duplicate_key, fmt::format("duplicate key '{}' (first defined on line {}); YAML keys must be unique: "
                               "remove or rename one",
                               key, first.line));
    }
    if (record_positions_) {
      std::string pointer = map.pointer;
      append_pointer_token(pointer, key);
      tree_.record(std::move(pointer), position(mark));
    }
    map.key = std::move(key);
  }

  void open(const YAML::Mark& mark, YAML::anchor_t anchor, Json empty, bool is_map) {
    if (!stack_.empty() && stack_.back().is_map && !stack_.back().key)
      reject(mark, code::yaml_syntax, "a mapping or list used as a key; keys must be plain text");
    if (static_cast<int>(stack_.size()) >= limits_.max_depth)
      throw HeaderRejected{depth_limit_error(position(mark), limits_.max_depth)};
    std::string pointer = child_pointer();
    if (record_positions_ && !stack_.empty() && !stack_.back().is_map)
      tree_.record(pointer, position(mark));
    stack_.push_back(Frame{std::move(empty), is_map, std::nullopt, std::move(pointer), anchor, 1});
  }

  void close() {
    Frame frame = std::move(stack_.back());
    stack_.pop_back();
    add_finished(frame.anchor, std::move(frame.value), frame.nodes);
  }

  void add_value(const YAML::Mark& mark, YAML::anchor_t anchor, Json value, std::size_t nodes) {
    if (!stack_.empty() && stack_.back().is_map && !stack_.back().key) {
      // A null or alias in key position.
      if (value.is_string()) return accept_key(mark, value.get<std::string>());
      reject(mark, code::yaml_syntax, "a key that is not text (null, alias or collection); keys must be plain text");
    }
    if (record_positions_ && !stack_.empty() && !stack_.back().is_map)
      tree_.record(child_pointer(), position(mark));
    add_finished(anchor, std::move(value), nodes);
  }

  void add_finished(YAML::anchor_t anchor, Json value, std::size_t nodes) {
    if (anchor != 0) anchors_[anchor] = Anchored{value, nodes};
    if (stack_.empty()) {
      root_ = std::move(value);
      has_root_ = true;
      return;
    }
    Frame& parent = stack_.back();
    parent.nodes += nodes;
    if (parent.is_map) {
      parent.value.emplace(std::move(*parent.key), std::move(value));
      parent.key.reset();
    } else {
      parent.value.push_back(std::move(value));
    }
  }

  int first_line_;
  const Limits& limits_;
  HeaderTree& tree_;
  std::vector<Frame> stack_;
  std::unordered_map<YAML::anchor_t, Anchored> anchors_;
  std::size_t alias_nodes_ = 0;
  bool record_positions_;
  Json root_;
  bool has_root_ = false;
};


// One pass of yaml-cpp over `text` (the header with an end marker appended).
HeaderResult parse_pass(const std::string& text, int first_line, int end_marker_line, const Limits& limits,
                        bool record_positions) {
  HeaderTree tree(first_line);
  try {
    MemoryBuffer buffer(text);
    std::istream stream(&buffer);
    YAML::Parser parser(stream);
    TreeBuilder builder(first_line, limits, tree, record_positions);
    parser.HandleNextDocument(builder);
    tree.value = builder.has_root() ? builder.take_root() : Json(nullptr);
    // A second document inside the header would otherwise be dropped without a word.
    HeaderTree ignored;
    TreeBuilder second(first_line, limits, ignored, false);
    if (parser.HandleNextDocument(second))
      return make_error(code::yaml_multiple_documents, {first_line, 1}, "the header holds more than one YAML document; keep one mapping "
                                         "between the '---' lines");
  } catch (const HeaderRejected& rejected) {
    return rejected.diagnostic;
  } catch (const YAML::DeepRecursion& error) {
    // yaml-cpp's own guard (2000 nested calls, about 500 levels) fires before a --max-depth above
    // that is reached; its message is only "bad file", which sends people looking at the wrong thing.
    return make_error(code::limit_depth, {first_line + error.mark.line, error.mark.column + 1},
                      "header nested deeper than the YAML reader allows (about 500 levels), whatever "
                      "--max-depth says");
  } catch (const YAML::Exception& error) {
    Position where;
    if (!error.mark.is_null()) where = {first_line + error.mark.line, error.mark.column + 1};
    if (where.line == end_marker_line)
      return make_error(code::yaml_syntax, where, "invalid YAML: a quoted value or a bracket is still open at the end of the "
                               "header; close it before this line");
    return make_error(code::yaml_syntax, where, fmt::format("invalid YAML: {}", error.msg));
  }
  return tree;
}

}  // namespace

HeaderResult parse_yaml_header(std::string_view header, int first_line, const Limits& limits) {
  if (Status limit = check_header_limits(header, first_line, limits); !limit) return limit.error();
  // yaml-cpp quietly closes a quoted scalar that runs to the end of the input; an explicit
  // document end marker makes it report the unclosed quote instead.
  auto text = std::make_shared<std::string>();
  text->reserve(header.size() + 6);
  text->append(header);
  if (!text->empty() && text->back() != '\n') text->push_back('\n');
  const int end_marker_line = first_line + static_cast<int>(std::count(text->begin(), text->end(), '\n'));
  *text += "...\n";
  try {
    HeaderResult result = parse_pass(*text, first_line, end_marker_line, limits, false);
    if (result.ok())
      result->set_locator([text, first_line, end_marker_line, limits] {
        HeaderResult again = parse_pass(*text, first_line, end_marker_line, limits, true);
        return again.ok() ? again->take_positions() : HeaderTree::Positions{};
      });
    return result;
  } catch (const NeedPositions&) {
    return parse_pass(*text, first_line, end_marker_line, limits, true);
  }
}

}  // namespace newsnorm
