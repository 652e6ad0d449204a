#include "newsnorm/export/story_fields.hpp"

#include "newsnorm/core/json_writer.hpp"
#include "newsnorm/export/exporter.hpp"
#include "newsnorm/export/record_reader.hpp"
#include "newsnorm/model/identity.hpp"
#include "newsnorm/model/record_fields.hpp"

namespace newsnorm {
namespace {

// The JSON text the writer gives a value, as the exporter writes it.
std::string json_of(const std::optional<std::string>& value) {
  std::string out;
  JsonWriter(out).value(value);
  return out;
}

// Where the exporter puts the story fields, worked out once from the field table.
struct Layout {
  bool in_place = false;     // they follow the id in the table
  std::string head;          // what a line starts with: the brace, the id's key, the value's quote
  std::size_t after_id = 0;  // where the id's value ends
  std::string story_label;   // a comma, the story field's key and its colon
  std::string duplicate_label;
  std::string blank;  // both fields null, as written before the story stage
};

const Layout& layout() {
  static const Layout made = [] {
    Layout l;
    const auto fields = fields_of<Article>();
    const auto index_of = [&](const Field<Article>& wanted) { return &wanted - fields.data(); };
    const Field<Article>& id = field_of(&Article::id);
    const Field<Article>& story = field_of(&Article::story_id);
    const Field<Article>& duplicate = field_of(&Article::duplicate_of);
    l.in_place = index_of(id) == 0 && index_of(story) == 1 && index_of(duplicate) == 2 && id.rule == Rule::record_id &&
                 !story.omit_when_empty && !duplicate.omit_when_empty;
    std::string object;
    JsonWriter w(object);
    w.begin_object();
    w.key(id.key);
    l.head = object + "\"";
    l.after_id = l.head.size() + kRecordIdDigits + 1;  // the digits, then the closing quote
    const auto label = [](std::string_view key) {
      std::string text = ",";
      JsonWriter(text).string(key);
      return text + ":";
    };
    l.story_label = label(story.key);
    l.duplicate_label = label(duplicate.key);
    l.blank = l.story_label + json_of(std::nullopt) + l.duplicate_label + json_of(std::nullopt);
    return l;
  }();
  return made;
}

// Length of the JSON value at `at` if it is null or a string without escapes (ids are hex), else 0.
std::size_t simple_value_length(std::string_view line, std::size_t at) {
  static const std::string null_text = json_of(std::nullopt);
  if (line.substr(at).starts_with(null_text)) return null_text.size();
  if (at >= line.size() || line[at] != '"') return 0;
  const std::size_t close = line.find('"', at + 1);
  if (close == std::string_view::npos || line.substr(at + 1, close - at - 1).find('\\') != std::string_view::npos)
    return 0;
  return close - at + 1;
}

// Replaces the value after `label` at `at`; false (having changed nothing) when it is not there.
bool splice(std::string& line, std::string_view label, const std::optional<std::string>& value, std::size_t& at) {
  if (line.compare(at, label.size(), label) != 0) return false;
  at += label.size();
  const std::size_t length = simple_value_length(line, at);
  if (length == 0) return false;
  const std::string text = json_of(value);
  line.replace(at, length, text);
  at += text.size();
  return true;
}

}  // namespace

bool has_blank_story_fields(std::string_view line) {
  const Layout& l = layout();
  return l.in_place && line.starts_with(l.head) &&
         line.substr(std::min(l.after_id, line.size()), l.blank.size()) == l.blank;
}

std::size_t story_fields_growth(const std::optional<std::string>& story_id,
                                const std::optional<std::string>& duplicate_of) {
  const std::size_t blank = 2 * json_of(std::nullopt).size();
  return json_of(story_id).size() + json_of(duplicate_of).size() - blank;
}

Status set_story_fields(std::string& line, const std::optional<std::string>& story_id,
                        const std::optional<std::string>& duplicate_of) {
  const Layout& l = layout();
  // In place: a splice replaces one whole JSON value, so a line where only the first worked is
  // still a record, and the full way below sets both fields again.
  std::size_t at = l.after_id;
  if (l.in_place && line.starts_with(l.head) && splice(line, l.story_label, story_id, at) &&
      splice(line, l.duplicate_label, duplicate_of, at))
    return ok();
  const bool newline = line.ends_with('\n');
  Result<Article> article = read_record_line(line);
  if (!article) return std::move(article).error();
  article->story_id = story_id;
  article->duplicate_of = duplicate_of;
  line.clear();
  append_record(line, article.value());
  if (!newline) line.pop_back();
  return ok();
}

}  // namespace newsnorm
