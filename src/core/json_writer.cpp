#include "newsnorm/core/json_writer.hpp"

#include <charconv>

#include "newsnorm/core/utf8.hpp"

namespace newsnorm {

void append_json_string(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  // Copy runs of characters that need no escape in one append.
  std::size_t run = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(text.substr(run, i - run));
    run = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        out += "\\u00";
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 0xF]);
    }
  }
  const std::string_view tail = text.substr(run);
  if (is_valid_utf8(tail))
    out.append(tail);
  else
    out += repair_utf8(tail);
  out.push_back('"');
}

void JsonWriter::key(std::string_view name) {
  separate();
  append_json_string(out_, name);
  out_.push_back(':');
  after_key_ = true;
}

void JsonWriter::string(std::string_view text) {
  separate();
  append_json_string(out_, text);
}

void JsonWriter::integer(std::int64_t number) {
  separate();
  char buffer[24];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, number);
  out_.append(buffer, result.ptr);
}

void JsonWriter::boolean(bool flag) {
  separate();
  out_ += flag ? "true" : "false";
}

void JsonWriter::null() {
  separate();
  out_ += "null";
}

void JsonWriter::value(const Json& json) {
  switch (json.type()) {
    case Json::value_t::object:
      begin_object();
      for (const auto& [name, item] : json.items()) {
        key(name);
        value(item);
      }
      end_object();
      break;
    case Json::value_t::array:
      begin_array();
      for (const auto& item : json) value(item);
      end_array();
      break;
    case Json::value_t::string: string(json.get_ref<const std::string&>()); break;
    case Json::value_t::boolean: boolean(json.get<bool>()); break;
    case Json::value_t::number_integer: integer(json.get<std::int64_t>()); break;
    case Json::value_t::number_unsigned: {
      separate();
      out_ += std::to_string(json.get<std::uint64_t>());
      break;
    }
    case Json::value_t::number_float: {
      separate();
      char buffer[32];
      const auto result = std::to_chars(buffer, buffer + sizeof buffer, json.get<double>());
      out_.append(buffer, result.ptr);
      break;
    }
    default: null();
  }
}

}  // namespace newsnorm
