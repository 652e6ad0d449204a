#include "newsnorm/export/record_reader.hpp"

#include <fmt/format.h>

#include "newsnorm/model/record_fields.hpp"

namespace newsnorm {
namespace {

template <typename S>
void read_object(const Json& json, S& out);

void read_value(const Json& json, std::string& out) { out = json.get<std::string>(); }
void read_value(const Json& json, Json& out) { out = json; }
void read_value(const Json& json, std::uint64_t& out) { out = json.get<std::uint64_t>(); }
void read_value(const Json& json, Format& out) {
  out = format_from_name(json.get_ref<const std::string&>()).value_or(Format::text);
}
void read_value(const Json& json, Source& out) { read_object(json, out); }
void read_value(const Json& json, std::vector<Diagnostic>& out) {
  for (const Json& warning : json)
    out.push_back(Diagnostic{Severity::warning, nullptr, {}, warning.get<std::string>(), nullptr});
}
void read_value(const Json& json, std::int64_t& out) { out = json.get<std::int64_t>(); }
void read_value(const Json& json, bool& out) { out = json.get<bool>(); }
void read_value(const Json& json, Provider& out) { read_object(json, out); }
template <typename T>
void read_value(const Json& json, std::optional<T>& out) {
  if (json.is_null()) return out.reset();
  T value{};
  read_value(json, value);
  out = std::move(value);
}
template <typename Item>
void read_value(const Json& json, std::vector<Item>& out) {
  out.clear();
  for (const Json& item : json) {
    if constexpr (std::is_same_v<Item, std::string>) {
      out.push_back(item.get<std::string>());
    } else {
      read_object(item, out.emplace_back());
    }
  }
}

template <typename S>
void read_object(const Json& json, S& out) {
  for (const Field<S>& field : fields_of<S>()) {
    std::visit(
        [&](auto member) {
          const std::string key(field.key);
          const auto found = json.find(key);
          // Only fields left out when empty may be absent; any other missing key throws, as at() does.
          if (found == json.end()) {
            if (!field.omit_when_empty) (void)json.at(key);
            return;
          }
          read_value(*found, out.*member);
        },
        field.member);
  }
}

}  // namespace

Result<Article> read_record(const Json& record) {
  // nlohmann's get<>() and at() say what is wrong by throwing; that stays in here.
  try {
    Article article;
    read_object(record, article);
    return article;
  } catch (const Json::exception& error) {
    return make_error(code::record_invalid, {}, fmt::format("not a newsnorm record: {}", error.what()));
  }
}

Result<Article> read_record_line(std::string_view line) {
  Json json;
  try {
    json = Json::parse(line);
  } catch (const Json::exception& error) {  // its words say where the text stops being JSON
    return make_error(code::record_invalid, {}, fmt::format("not a newsnorm record: {}", error.what()));
  }
  return read_record(json);
}

}  // namespace newsnorm
