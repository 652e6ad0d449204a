#include "newsnorm/export/exporter.hpp"

#include "newsnorm/core/json_writer.hpp"
#include "newsnorm/model/record_fields.hpp"

namespace newsnorm {
namespace {

template <typename S>
void write_object(JsonWriter& w, const S& object);

bool is_empty(const std::optional<std::string>& value) { return !value; }
bool is_empty(const Json& value) { return value.is_null() || (value.is_object() && value.empty()); }
template <typename T>
bool is_empty(const T&) {
  return false;
}

void write_value(JsonWriter& w, const std::string& value) { w.string(value); }
void write_value(JsonWriter& w, const std::optional<std::string>& value) { w.value(value); }
void write_value(JsonWriter& w, const std::optional<std::int64_t>& value) { w.value(value); }
void write_value(JsonWriter& w, const std::optional<bool>& value) { w.value(value); }
void write_value(JsonWriter& w, const Json& value) { w.value(value); }
void write_value(JsonWriter& w, Format format) { w.string(format_name(format)); }
void write_value(JsonWriter& w, std::uint64_t value) { w.integer(static_cast<std::int64_t>(value)); }
void write_value(JsonWriter& w, const Source& value) { write_object(w, value); }
void write_value(JsonWriter& w, const std::optional<Provider>& value) { value ? write_object(w, *value) : w.null(); }
void write_value(JsonWriter& w, const std::vector<std::string>& values) {
  w.begin_array();
  for (const auto& value : values) w.string(value);
  w.end_array();
}
void write_value(JsonWriter& w, const std::vector<Diagnostic>& warnings) {
  w.begin_array();
  for (const auto& warning : warnings) w.string(warning.message);
  w.end_array();
}
template <typename Item>
void write_value(JsonWriter& w, const std::vector<Item>& items) {
  w.begin_array();
  for (const auto& item : items) write_object(w, item);
  w.end_array();
}

template <typename S>
void write_object(JsonWriter& w, const S& object) {
  w.begin_object();
  for (const Field<S>& field : fields_of<S>()) {
    std::visit(
        [&](auto member) {
          const auto& value = object.*member;
          if (field.omit_when_empty && is_empty(value)) return;
          w.key(field.key);
          write_value(w, value);
        },
        field.member);
  }
  w.end_object();
}

}  // namespace

void append_record(std::string& out, const Article& article) {
  JsonWriter w(out);
  write_object(w, article);
  out.push_back('\n');
}

void append_deletion_record(std::string& out, const std::string& path, const std::string& id) {
  JsonWriter w(out);
  w.begin_object();
  w.key(key_of(&Article::id)), w.string(id);
  w.key(key_of(&Article::source));
  w.begin_object();
  w.key(key_of(&Source::path)), w.string(path);
  w.end_object();
  w.key(kDeletedKey), w.boolean(true);
  w.end_object();
  out.push_back('\n');
}

}  // namespace newsnorm
