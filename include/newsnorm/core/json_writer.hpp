#pragma once
// Appends JSON to a caller-owned buffer: one serialization per record, no temporary strings.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "newsnorm/core/json.hpp"

namespace newsnorm {

class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  void begin_object() {
    separate();
    out_.push_back('{');
    first_ = true;
  }
  void end_object() {
    out_.push_back('}');
    first_ = false;
  }
  void begin_array() {
    separate();
    out_.push_back('[');
    first_ = true;
  }
  void end_array() {
    out_.push_back(']');
    first_ = false;
  }
  void key(std::string_view name);

  void string(std::string_view text);
  void integer(std::int64_t number);
  void boolean(bool value);
  void null();
  void value(const Json& json);

  void value(const std::optional<std::string>& text) { text ? string(*text) : null(); }
  void value(const std::optional<std::int64_t>& number) { number ? integer(*number) : null(); }
  void value(const std::optional<bool>& flag) { flag ? boolean(*flag) : null(); }

 private:
  void separate() {
    if (!first_ && !after_key_) out_.push_back(',');
    first_ = false;
    after_key_ = false;
  }

  std::string& out_;
  bool first_ = true;
  bool after_key_ = false;
};

// Escapes `text` as a JSON string body; ill-formed UTF-8 becomes U+FFFD so the output stays valid.
void append_json_string(std::string& out, std::string_view text);

}  // namespace newsnorm
