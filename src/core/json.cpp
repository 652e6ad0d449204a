#include "newsnorm/core/json.hpp"

#include <fmt/format.h>

#include "newsnorm/core/utf8.hpp"

namespace newsnorm {

std::string describe(const Json& value) {
  switch (value.type()) {
    case Json::value_t::array: return "a list";
    case Json::value_t::object: return "a mapping";
    case Json::value_t::string: {
      const auto& text = value.get_ref<const std::string&>();
      // 40 bytes can end inside "ÿ", and the message may land in a record.
      if (text.size() > 40) return fmt::format("the text \"{}…\"", utf8_prefix(text, 40));
      return fmt::format("the text \"{}\"", text);
    }
    case Json::value_t::boolean: return value.get<bool>() ? "true" : "false";
    case Json::value_t::null: return "null";
    default: return fmt::format("the number {}", value.dump());
  }
}

std::optional<Json::json_pointer> json_pointer_of(const std::string& pointer) {
  try {
    return Json::json_pointer(pointer);
  } catch (const Json::exception&) {
    return std::nullopt;
  }
}

std::optional<Json> parse_json(std::string_view text) {
  Json value = Json::parse(text, nullptr, false);
  if (value.is_discarded()) return std::nullopt;
  return value;
}

}  // namespace newsnorm
