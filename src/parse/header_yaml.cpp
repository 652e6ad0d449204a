// YAML headers through yaml-cpp's event API: no intermediate YAML::Node tree, and every event
// passes through here, which is where duplicate keys, depth and alias expansion are bounded.
#include <algorithm>
#include <istream>
#include <streambuf>
#include <unordered_map>

#include <fmt/format.h>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include "header_rejected.hpp"
#include "newsnorm/core/utf8.hpp"
#include "newsnorm/parse/header_edit.hpp"
#include "newsnorm/parse/header_tree.hpp"
#include "newsnorm/parse/header_yaml_fast.hpp"
#include "yaml_internal.hpp"

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

Json resolve_tagged_scalar(const std::string& tag, const std::string& value) {
  using yaml_detail::resolve_plain_scalar;
  static constexpr std::string_view kCore = "tag:yaml.org,2002:";
  if (tag == "?") return resolve_plain_scalar(value);
  if (!tag.starts_with(kCore)) return value;  // "!" (quoted or block) and unknown tags: the text itself
  const std::string_view type = std::string_view(tag).substr(kCore.size());
  if (type == "null") return nullptr;  // "!!null ''" and "!!null ~" say null whatever the text
  if (type == "int" || type == "float" || type == "bool") {
    Json resolved = resolve_plain_scalar(value);
    if (!resolved.is_string()) return resolved;
  }
  return value;
}

// yaml-cpp writes the escapes "\N" and "\_" as the Latin-1 bytes 0x85 and 0xA0, not as UTF-8; they
// mean U+0085 and U+00A0. Returns nullopt when there are none of these bytes outside UTF-8 sequences.
std::optional<std::string> fix_latin1_escapes(std::string_view value) {
  std::string out;
  bool fixed = false;
  for (std::size_t i = 0; i < value.size();) {
    char32_t cp = 0;
    if (const std::size_t length = decode_utf8(value, i, cp); length > 0) {
      out.append(value.substr(i, length));
      i += length;
      continue;
    }
    const auto byte = static_cast<unsigned char>(value[i]);
    if (byte == 0x85 || byte == 0xA0) {
      append_utf8(out, byte);
      fixed = true;
    } else {
      out.push_back(value[i]);
    }
    ++i;
  }
  if (!fixed) return std::nullopt;
  return out;
}

// A mark's place in the file: yaml-cpp counts lines of the header from 0.
struct MarkPlace {
  int first_line;
  Position operator()(const YAML::Mark& mark) const {
    if (mark.is_null()) return {};
    return {first_line + mark.line, mark.column + 1};
  }
};

// What anchors hold, and the budget that keeps aliases from expanding without end.
class AnchorTable {
 public:
  struct Anchored {
    Json value;
    std::size_t nodes;
  };

  explicit AnchorTable(std::size_t max_alias_nodes) : max_alias_nodes_(max_alias_nodes) {}

  void remember(YAML::anchor_t anchor, const Json& value, std::size_t nodes) {
    if (anchor != 0) anchors_[anchor] = Anchored{value, nodes};
  }

  // The anchored value an alias copies in, counted against --max-alias-nodes.
  const Anchored& expand(YAML::anchor_t anchor, const YAML::Mark& mark, MarkPlace place) {
    const auto found = anchors_.find(anchor);
    if (found == anchors_.end())
      throw HeaderRejected{make_error(code::yaml_alias, place(mark), "alias to an unknown anchor")};
    alias_nodes_ += found->second.nodes;
    if (alias_nodes_ > max_alias_nodes_)
      throw HeaderRejected{make_error(
          code::limit_alias_nodes, place(mark),
          fmt::format("YAML aliases expand to more than {} nodes (the alias-expansion limit); this looks like a "
                      "'billion laughs' header. Raise it with --max-alias-nodes",
                      max_alias_nodes_))};
    return found->second;
  }

 private:
  std::size_t max_alias_nodes_;
  std::unordered_map<YAML::anchor_t, Anchored> anchors_;
  std::size_t alias_nodes_ = 0;
};

// A mapping or list being built, innermost last.
struct Frame {
  Json value;
  bool is_map = false;
  std::optional<std::string> key;  // a map's key waiting for its value
  bool drop_value = false;         // the key repeats one whose first value is kept (--duplicate-keys first)
  std::string pointer;
  YAML::anchor_t anchor = 0;
  std::size_t nodes = 1;
  bool flow = false;     // written [a, b] or {a: b}
  bool dropped = false;  // inside a value a repeated key drops (--duplicate-keys first)
};

// Where keys and list items stand (JSON pointers), recorded only in the pass that needs them.
class PositionRecorder {
 public:
  PositionRecorder(HeaderTree& tree, bool enabled, MarkPlace place) : tree_(tree), enabled_(enabled), place_(place) {}
  bool enabled() const { return enabled_; }

  // The pointer of the value about to be added to `parent` (empty when positions are off).
  std::string child_pointer(const std::vector<Frame>& stack) const {
    if (stack.empty() || !enabled_) return {};
    const Frame& parent = stack.back();
    std::string pointer = parent.pointer;
    append_pointer_token(pointer, parent.is_map ? *parent.key : std::to_string(parent.value.size()));
    return pointer;
  }
  void record(std::string pointer, const YAML::Mark& mark) {
    if (enabled_) tree_.record(std::move(pointer), place_(mark));
  }
  // Top-level keys are recorded in every pass: most messages are about them (a date written in UTC,
  // a value of the wrong type), and a few pointers cost far less than the second parse they save.
  void record_top_level_key(std::string_view key, const YAML::Mark& mark) {
    if (enabled_) return;
    std::string pointer;
    append_pointer_token(pointer, key);
    tree_.record(std::move(pointer), place_(mark));
  }
  Position find(const std::string& pointer) const { return tree_.position(pointer); }

 private:
  HeaderTree& tree_;
  bool enabled_;
  MarkPlace place_;
};

// The keys of one mapping: a repeated key is rejected, or kept first or last with a warning.
class KeyPolicy {
 public:
  KeyPolicy(DuplicateKeys policy, PositionRecorder& positions, std::vector<Diagnostic>& warnings, MarkPlace place)
      : policy_(policy), positions_(positions), warnings_(warnings), place_(place) {}

  void accept(Frame& map, const YAML::Mark& mark, std::string key, bool top_level) {
    std::string pointer = map.pointer;
    if (positions_.enabled()) append_pointer_token(pointer, key);
    map.drop_value = false;
    if (map.value.contains(key)) {
      if (!positions_.enabled()) throw NeedPositions{};
      const int first = positions_.find(pointer).line;
      const int again = place_(mark).line;
      if (policy_ == DuplicateKeys::error)
        throw HeaderRejected{make_error(code::yaml_duplicate_key, place_(mark),
                                        fmt::format("duplicate key '{}' (first defined on line {}); YAML keys must "
                                                    "be unique: remove or rename one, or choose one with "
                                                    "--duplicate-keys first|last",
                                                    key, first))};
      warnings_.push_back(duplicate_key_warning(code::yaml_duplicate_key, key, first, again, policy_, place_(mark)));
      map.drop_value = policy_ == DuplicateKeys::first;
    } else {
      positions_.record(std::move(pointer), mark);
      if (top_level) positions_.record_top_level_key(key, mark);
    }
    map.key = std::move(key);
  }

 private:
  DuplicateKeys policy_;
  PositionRecorder& positions_;
  std::vector<Diagnostic>& warnings_;
  MarkPlace place_;
};

// The text of a plain key at `mark` in the header: yaml-cpp turns "null", "Null", "NULL" and "~"
// into a null event, but as a key in a header they are names.
std::optional<std::string> null_key_spelling(std::string_view text, const YAML::Mark& mark) {
  if (mark.is_null() || mark.pos < 0 || static_cast<std::size_t>(mark.pos) >= text.size()) return std::nullopt;
  for (const std::string_view spelling : yaml_detail::kNullSpellings) {
    const std::string_view at = text.substr(static_cast<std::size_t>(mark.pos));
    if (!at.starts_with(spelling)) continue;
    const std::string_view after = at.substr(spelling.size());
    const std::size_t colon = after.find_first_not_of(" \t");
    if (colon != std::string_view::npos && after[colon] == ':') return std::string(spelling);
  }
  return std::nullopt;
}

// Builds the JSON tree from yaml-cpp's events; the pieces above do the checking.
class TreeBuilder : public YAML::EventHandler {
 public:
  // Without `record_positions`, no JSON pointers are built: the common case pays nothing for them.
  // With `scalars` (and positions), where each scalar value starts is kept there too (`newsnorm fix`).
  TreeBuilder(std::string_view text, int first_line, const Limits& limits, HeaderTree& tree, bool record_positions,
              std::vector<ScalarPlace>* scalars = nullptr)
      : text_(text),
        scalars_(scalars),
        place_{first_line},
        max_depth_(limits.max_depth),
        anchors_(limits.max_alias_nodes),
        positions_(tree, record_positions, place_),
        keys_(limits.duplicate_keys, positions_, tree.warnings, place_),
        warnings_(tree.warnings) {}

  bool has_root() const { return has_root_; }
  Json take_root() { return std::move(root_); }

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    if (expecting_key()) {
      if (auto spelling = null_key_spelling(text_, mark)) return OnScalar(mark, "?", anchor, *spelling);
    } else {
      note_scalar(mark, false);
    }
    add_value(mark, anchor, nullptr, 1);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    const AnchorTable::Anchored& found = anchors_.expand(anchor, mark, place_);
    if (!expecting_key()) note_scalar(mark, true);
    add_value(mark, 0, found.value, found.nodes);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    // The input was valid UTF-8, but a quoted scalar's escapes ("\N", a lone "\ud800") can make it invalid.
    // Only an untagged plain scalar ("?") has none; a quoted one with a tag (`!!binary "..."`, `!!str`) is
    // reported with that tag, not "!", and needs the same repair.
    if (tag != "?" && !is_valid_utf8(value)) {
      if (auto fixed = fix_latin1_escapes(value)) return OnScalar(mark, tag, anchor, *fixed);
      warnings_.push_back(make_warning(code::yaml_escape, place_(mark),
                                       "a YAML escape produced invalid UTF-8 (such as a lone surrogate); it was "
                                       "replaced with U+FFFD"));
      return OnScalar(mark, tag, anchor, repair_utf8(value));
    }
    if (expecting_key()) {
      // An anchor on a key ("&k a: 1") names the key's text, which an alias may use as a value.
      anchors_.remember(anchor, resolve_tagged_scalar(tag, value), 1);
      keys_.accept(stack_.back(), mark, value, stack_.size() == 1);
      return;
    }
    note_scalar(mark, false);
    add_value(mark, anchor, resolve_tagged_scalar(tag, value), 1);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value style) override {
    open(mark, anchor, Json::array(), false, style == YAML::EmitterStyle::Flow);
  }
  void OnSequenceEnd() override { close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value style) override {
    open(mark, anchor, Json::object(), true, style == YAML::EmitterStyle::Flow);
  }
  void OnMapEnd() override { close(); }

 private:
  bool expecting_key() const { return !stack_.empty() && stack_.back().is_map && !stack_.back().key; }

  [[noreturn]] void reject(const YAML::Mark& mark, const DiagnosticCode& code, std::string message) const {
    throw HeaderRejected{make_error(code, place_(mark), std::move(message))};
  }

  // A scalar (or alias) in value position, for `newsnorm fix`. The value a repeated key drops
  // (--duplicate-keys first) is not the one the tree holds; with `last`, the later place comes later.
  void note_scalar(const YAML::Mark& mark, bool alias) {
    if (!scalars_ || stack_.empty() || stack_.back().drop_value || stack_.back().dropped || mark.is_null() ||
        mark.pos < 0)
      return;
    scalars_->push_back(
        ScalarPlace{positions_.child_pointer(stack_), static_cast<std::size_t>(mark.pos), alias, stack_.back().flow});
  }

  void open(const YAML::Mark& mark, YAML::anchor_t anchor, Json empty, bool is_map, bool flow) {
    if (expecting_key()) reject(mark, code::yaml_syntax, "a mapping or list used as a key; keys must be plain text");
    if (static_cast<int>(stack_.size()) >= max_depth_)
      throw HeaderRejected{depth_limit_error(place_(mark), max_depth_)};
    std::string pointer = positions_.child_pointer(stack_);
    if (!stack_.empty() && !stack_.back().is_map) positions_.record(pointer, mark);
    // Inside a flow collection everything is flow, whatever yaml-cpp says of the inner ones.
    flow = flow || (!stack_.empty() && stack_.back().flow);
    const bool dropped = !stack_.empty() && (stack_.back().drop_value || stack_.back().dropped);
    stack_.push_back(
        Frame{std::move(empty), is_map, std::nullopt, false, std::move(pointer), anchor, 1, flow, dropped});
  }

  void close() {
    Frame frame = std::move(stack_.back());
    stack_.pop_back();
    add_finished(frame.anchor, std::move(frame.value), frame.nodes);
  }

  void add_value(const YAML::Mark& mark, YAML::anchor_t anchor, Json value, std::size_t nodes) {
    if (expecting_key()) {
      // A null or alias in key position.
      if (value.is_string()) return keys_.accept(stack_.back(), mark, value.get<std::string>(), stack_.size() == 1);
      reject(mark, code::yaml_syntax, "a key that is not text (null, alias or collection); keys must be plain text");
    }
    if (!stack_.empty() && !stack_.back().is_map) positions_.record(positions_.child_pointer(stack_), mark);
    add_finished(anchor, std::move(value), nodes);
  }

  void add_finished(YAML::anchor_t anchor, Json value, std::size_t nodes) {
    anchors_.remember(anchor, value, nodes);
    if (stack_.empty()) {
      root_ = std::move(value);
      has_root_ = true;
      return;
    }
    Frame& parent = stack_.back();
    parent.nodes += nodes;
    if (!parent.is_map) {
      parent.value.push_back(std::move(value));
      return;
    }
    // A repeated key keeps its first place; `last` replaces the value there, `first` drops the new one.
    if (!parent.drop_value) parent.value[*parent.key] = std::move(value);
    parent.key.reset();
    parent.drop_value = false;
  }

  std::string_view text_;
  std::vector<ScalarPlace>* scalars_;
  MarkPlace place_;
  int max_depth_;
  AnchorTable anchors_;
  PositionRecorder positions_;
  KeyPolicy keys_;
  std::vector<Diagnostic>& warnings_;
  std::vector<Frame> stack_;
  Json root_;
  bool has_root_ = false;
};

// One pass of yaml-cpp over `text` (the header with an end marker appended).
HeaderResult parse_pass(const std::string& text, int first_line, int end_marker_line, const Limits& limits,
                        bool record_positions, std::vector<ScalarPlace>* scalars = nullptr) {
  HeaderTree tree(first_line);
  try {
    MemoryBuffer buffer(text);
    std::istream stream(&buffer);
    YAML::Parser parser(stream);
    TreeBuilder builder(text, first_line, limits, tree, record_positions, scalars);
    parser.HandleNextDocument(builder);
    tree.value = builder.has_root() ? builder.take_root() : Json(nullptr);
    // A second document inside the header would otherwise be dropped without a word.
    HeaderTree ignored;
    TreeBuilder second(text, first_line, limits, ignored, false);
    if (parser.HandleNextDocument(second))
      return make_error(code::yaml_multiple_documents, {first_line, 1},
                        "the header holds more than one YAML document; keep one mapping "
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
      return make_error(code::yaml_syntax, where,
                        "invalid YAML: a quoted value or a bracket is still open at the end of the "
                        "header; close it before this line");
    return make_error(code::yaml_syntax, where, fmt::format("invalid YAML: {}", error.msg));
  }
  return tree;
}

// The header as yaml-cpp is given it: yaml-cpp quietly closes a quoted scalar that runs to the end
// of the input; an explicit document end marker makes it report the unclosed quote instead.
std::shared_ptr<std::string> with_end_marker(std::string_view header, int first_line, int& end_marker_line) {
  auto text = std::make_shared<std::string>();
  text->reserve(header.size() + 6);
  text->append(header);
  if (!text->empty() && text->back() != '\n') text->push_back('\n');
  end_marker_line = first_line + static_cast<int>(std::count(text->begin(), text->end(), '\n'));
  *text += "...\n";
  return text;
}

}  // namespace

Result<std::vector<ScalarPlace>> locate_yaml_scalars(std::string_view header, int first_line, const Limits& limits) {
  if (Status limit = check_header_limits(header, first_line, limits); !limit) return limit.error();
  int end_marker_line = 0;
  const auto text = with_end_marker(header, first_line, end_marker_line);
  std::vector<ScalarPlace> scalars;
  HeaderResult parsed = parse_pass(*text, first_line, end_marker_line, limits, true, &scalars);
  if (!parsed) return std::move(parsed.error());
  return scalars;
}

HeaderResult parse_yaml_header_by_yaml_cpp(std::string_view header, int first_line, const Limits& limits) {
  if (Status limit = check_header_limits(header, first_line, limits); !limit) return limit.error();
  int end_marker_line = 0;
  const auto text = with_end_marker(header, first_line, end_marker_line);
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

HeaderResult parse_yaml_header(std::string_view header, int first_line, const Limits& limits) {
  // Most front matter is the plain YAML the fast path reads in one pass, for a fraction of what
  // yaml-cpp's scanner costs; whatever it declines goes to yaml-cpp exactly as before. The limits
  // come first either way.
  if (Status limit = check_header_limits(header, first_line, limits); !limit) return limit.error();
  if (std::optional<HeaderTree> fast = parse_yaml_fast(header, first_line, limits)) return std::move(*fast);
  return parse_yaml_header_by_yaml_cpp(header, first_line, limits);
}

}  // namespace newsnorm
