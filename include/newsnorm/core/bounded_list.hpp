#pragma once
// A list of at most N values kept inline, with the little of std::vector's interface its users need:
// a million story signatures each with a heap block of 12 terms cost a malloc apiece and a cache
// miss on every comparison of two of them.
#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <stdexcept>

namespace newsnorm {

template <typename T, std::size_t N>
class BoundedList {
  static_assert(N < 256, "the size is kept in one byte");

 public:
  void push_back(const T& value) {
    if (size_ == N) throw std::length_error("BoundedList is full");
    values_[size_++] = value;
  }
  void clear() { size_ = 0; }
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  static constexpr std::size_t capacity() { return N; }
  const T& operator[](std::size_t i) const { return values_[i]; }
  T& operator[](std::size_t i) { return values_[i]; }
  const T* begin() const { return values_.data(); }
  const T* end() const { return values_.data() + size_; }
  T* begin() { return values_.data(); }
  T* end() { return values_.data() + size_; }
  bool operator==(const BoundedList& other) const { return std::equal(begin(), end(), other.begin(), other.end()); }

 private:
  std::array<T, N> values_{};
  std::uint8_t size_ = 0;
};

}  // namespace newsnorm
