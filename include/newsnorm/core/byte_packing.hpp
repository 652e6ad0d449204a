#pragma once
// Little-endian fixed-width integers and length-prefixed strings: the compact binary forms the
// story stage keeps on disk (story items in the state, story-line members in a spool).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace newsnorm {

class Packer {
 public:
  template <typename T>
  void put(T value) {
    for (std::size_t i = 0; i < sizeof(T); ++i)
      out.push_back(static_cast<char>((static_cast<std::uint64_t>(value) >> (8 * i)) & 0xff));
  }
  void put(std::string_view text) {
    put(static_cast<std::uint32_t>(text.size()));
    out.append(text);
  }
  std::string out;
};

class Unpacker {
 public:
  explicit Unpacker(std::string_view in) : in_(in) {}
  template <typename T>
  bool get(T& value) {
    if (in_.size() < sizeof(T)) return false;
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < sizeof(T); ++i)
      v |= static_cast<std::uint64_t>(static_cast<std::uint8_t>(in_[i])) << (8 * i);
    value = static_cast<T>(v);
    in_.remove_prefix(sizeof(T));
    return true;
  }
  bool get(std::string& text) {
    std::uint32_t size = 0;
    if (!get(size) || in_.size() < size) return false;
    text.assign(in_.substr(0, size));
    in_.remove_prefix(size);
    return true;
  }
  bool done() const { return in_.empty(); }

 private:
  std::string_view in_;
};

}  // namespace newsnorm
