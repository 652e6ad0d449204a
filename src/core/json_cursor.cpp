#include "newsnorm/core/json_cursor.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>

#include <fmt/format.h>

#include "newsnorm/core/ascii.hpp"
#include "newsnorm/core/utf8.hpp"

namespace newsnorm {
namespace {

// Deeper than this is no record; the full parser judges such text instead.
constexpr int kMaxDepth = 64;

}  // namespace

void JsonCursor::fail(std::string_view what) {
  if (failed_) return;
  failed_ = true;
  error_ = fmt::format("{} at byte {}", what, at_ + 1);
  at_ = text_.size();  // nothing more is read: peek() says '\0' and every loop ends
}

void JsonCursor::white_space() {
  while (at_ < text_.size() && (text_[at_] == ' ' || text_[at_] == '\t' || text_[at_] == '\n' || text_[at_] == '\r'))
    ++at_;
}

char JsonCursor::peek() {
  white_space();
  return at_ < text_.size() ? text_[at_] : '\0';
}

bool JsonCursor::consume(char c) {
  if (peek() != c) return false;
  ++at_;
  return true;
}

void JsonCursor::expect(char c) {
  if (!consume(c)) fail(fmt::format("'{}' expected", c));
}

bool JsonCursor::null() {
  if (peek() != 'n') return false;
  if (text_.substr(at_, 4) != "null") return fail("a value expected"), false;
  at_ += 4;
  return true;
}

void JsonCursor::string(std::string* out) {
  if (out) out->clear();
  expect('"');
  if (failed_) return;
  std::size_t run = at_;  // start of the bytes not yet copied
  const auto flush = [&] {
    if (out) out->append(text_.data() + run, at_ - run);
  };
  while (true) {
    if (at_ >= text_.size()) return fail("unterminated string");
    const auto c = static_cast<unsigned char>(text_[at_]);
    if (c == '"') break;
    if (c < 0x20) return fail("control character in a string");
    if (c >= 0x80) {
      char32_t code_point;
      const std::size_t length = decode_utf8(text_, at_, code_point);
      if (length == 0) return fail("invalid UTF-8 in a string");
      at_ += length;
      continue;
    }
    if (c != '\\') {
      ++at_;
      continue;
    }
    flush();
    if (++at_ >= text_.size()) return fail("unterminated string");
    const char escape = text_[at_++];
    char simple = 0;
    switch (escape) {
      case '"': simple = '"'; break;
      case '\\': simple = '\\'; break;
      case '/': simple = '/'; break;
      case 'b': simple = '\b'; break;
      case 'f': simple = '\f'; break;
      case 'n': simple = '\n'; break;
      case 'r': simple = '\r'; break;
      case 't': simple = '\t'; break;
      case 'u': break;
      default: return fail("invalid escape in a string");
    }
    if (simple) {
      if (out) out->push_back(simple);
    } else {
      // Four hex digits; false (and failed) when they are not.
      const auto unit = [&](char32_t& value) {
        if (at_ + 4 > text_.size()) return fail("invalid \\u escape"), false;
        value = 0;
        for (int i = 0; i < 4; ++i) {
          const int digit = ascii::digit_value(text_[at_++]);
          if (digit < 0) return fail("invalid \\u escape"), false;
          value = value * 16 + static_cast<char32_t>(digit);
        }
        return true;
      };
      char32_t code_point = 0;
      if (!unit(code_point)) return;
      if (code_point >= 0xDC00 && code_point <= 0xDFFF) return fail("lone low surrogate");
      if (code_point >= 0xD800 && code_point <= 0xDBFF) {
        if (text_.substr(at_, 2) != "\\u") return fail("high surrogate without its low surrogate");
        at_ += 2;
        char32_t low = 0;
        if (!unit(low)) return;
        if (low < 0xDC00 || low > 0xDFFF) return fail("high surrogate without its low surrogate");
        code_point = 0x10000 + ((code_point - 0xD800) << 10) + (low - 0xDC00);
      }
      if (out) append_utf8(*out, code_point);
    }
    run = at_;
  }
  flush();
  ++at_;  // the closing quote
}

std::string_view JsonCursor::key() {
  expect('"');
  if (failed_) return {};
  const std::size_t begin = at_;
  while (at_ < text_.size() && text_[at_] != '"') {
    const auto c = static_cast<unsigned char>(text_[at_]);
    if (c == '\\' || c < 0x20 || c >= 0x80) return fail("a key this reader does not take"), std::string_view{};
    ++at_;
  }
  if (at_ >= text_.size()) return fail("unterminated string"), std::string_view{};
  return text_.substr(begin, at_++ - begin);
}

void JsonCursor::number() {
  const std::size_t begin = at_;
  // After a failure at_ is at the end, so the digits that follow find none and change nothing.
  const auto digits = [&] {
    const std::size_t from = at_;
    while (at_ < text_.size() && text_[at_] >= '0' && text_[at_] <= '9') ++at_;
    if (at_ == from) fail("invalid number");
  };
  if (at_ < text_.size() && text_[at_] == '-') ++at_;
  if (at_ < text_.size() && text_[at_] == '0')
    ++at_;
  else
    digits();
  if (at_ < text_.size() && text_[at_] == '.') ++at_, digits();
  if (at_ < text_.size() && (text_[at_] == 'e' || text_[at_] == 'E')) {
    ++at_;
    if (at_ < text_.size() && (text_[at_] == '+' || text_[at_] == '-')) ++at_;
    digits();
  }
  if (failed_) return;
  if (at_ == begin) return fail("a value expected");
  // A number past the range of a double is an error to the full parser too ("1e400"); short
  // integers, the common case, cannot be.
  if (at_ - begin > 18 || text_.substr(begin, at_ - begin).find_first_of(".eE") != std::string_view::npos) {
    const std::string literal(text_.substr(begin, at_ - begin));
    if (!std::isfinite(std::strtod(literal.c_str(), nullptr))) fail("number out of range");
  }
}

std::int64_t JsonCursor::integer() {
  const char c = peek();
  if (c != '-' && (c < '0' || c > '9')) return fail("a number expected"), 0;
  const std::size_t begin = at_;
  number();
  if (failed_) return 0;
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text_.data() + begin, text_.data() + at_, value);
  if (error != std::errc() || end != text_.data() + at_) return fail("an integer expected"), 0;
  return value;
}

bool JsonCursor::boolean() {
  const char c = peek();
  if (c == 't' && text_.substr(at_, 4) == "true") return at_ += 4, true;
  if (c == 'f' && text_.substr(at_, 5) == "false") return at_ += 5, false;
  return fail("true or false expected"), false;
}

void JsonCursor::skip_value(int depth) {
  if (depth > kMaxDepth) return fail("nested too deeply");
  switch (peek()) {
    case '"': return string(nullptr);
    case '{':  // keys checked as any string: a skipped object's keys may be anything
      expect('{');
      if (consume('}')) return;
      do {
        string(nullptr);
        expect(':');
        skip_value(depth + 1);
      } while (!failed_ && consume(','));
      return expect('}');
    case '[': return array([&] { skip_value(depth + 1); });
    case 't':
    case 'f': return (void)boolean();
    case 'n':
      if (!null()) fail("a value expected");
      return;
    default: return number();
  }
}

void JsonCursor::skip() { skip_value(0); }

void JsonCursor::finish() {
  if (peek() != '\0' || at_ < text_.size()) fail("text after the value");
}

}  // namespace newsnorm
