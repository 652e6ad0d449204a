// Plain scalar resolution for both YAML header readers (see yaml_internal.hpp).
#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <string>

#include "yaml_internal.hpp"

namespace newsnorm::yaml_detail {
namespace {

bool is_decimal_digits(std::string_view s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
}

template <typename Integer>
bool parse_number(std::string_view text, Integer& out, int base = 10) {
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out, base);
  return ec == std::errc() && end == text.data() + text.size();
}

bool parse_number(std::string_view text, double& out) {
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size();
}

}  // namespace

bool is_null_spelling(std::string_view plain) {
  return std::find(kNullSpellings.begin(), kNullSpellings.end(), plain) != kNullSpellings.end();
}

// YAML 1.2 core schema resolution of a plain (unquoted, untagged) scalar.
Json resolve_plain_scalar(std::string_view value) {
  if (value == "true" || value == "True" || value == "TRUE") return true;
  if (value == "false" || value == "False" || value == "FALSE") return false;
  std::string_view digits = value;
  const bool negative = digits.starts_with('-');
  if (negative || digits.starts_with('+')) digits.remove_prefix(1);
  if (is_decimal_digits(digits)) {
    std::int64_t number = 0;
    if (parse_number(value.starts_with('+') ? value.substr(1) : value, number)) return number;
    // 2^63 .. 2^64-1 are numbers too (JSON's unsigned); only what does not fit 64 bits stays text.
    if (std::uint64_t large = 0; !negative && parse_number(digits, large)) return large;
    return std::string(value);
  }
  if (value.size() > 2 && value[0] == '0' && (value[1] == 'x' || value[1] == 'o')) {
    const int base = value[1] == 'x' ? 16 : 8;
    std::int64_t number = 0;
    if (parse_number(value.substr(2), number, base)) return number;
    if (std::uint64_t large = 0; parse_number(value.substr(2), large, base)) return large;
    return std::string(value);
  }
  if (value == ".inf" || value == "-.inf" || value == ".nan" || value == ".NaN")
    return std::string(value);  // JSON has no infinity
  const bool looks_float = !digits.empty() && digits.find_first_not_of("0123456789.eE+-") == std::string_view::npos &&
                           (std::isdigit(static_cast<unsigned char>(digits[0])) || digits[0] == '.') &&
                           digits.find_first_of("0123456789") != std::string_view::npos;
  if (looks_float) {
    double number = 0;
    if (parse_number(value.starts_with('+') ? value.substr(1) : value, number) && std::isfinite(number)) return number;
  }
  return std::string(value);
}

}  // namespace newsnorm::yaml_detail
