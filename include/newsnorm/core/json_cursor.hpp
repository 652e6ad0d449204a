#pragma once
// A forward-only reader over one JSON text that checks every byte as it goes (RFC 8259: strings,
// escapes, UTF-8, numbers, literals, nesting) but decodes only the values it is asked for, and
// builds no tree. For hot paths that need a few fields of a large value (the story stage reads a
// tenth of each 5 KB record); anything else should use the Json tree.
//
// It never throws. The first byte that is not JSON, or not of the shape asked for, puts the cursor
// in a failed state (as a stream's): from then on every read returns at once with an empty value,
// loops end, and failed() and error() say what was wrong and where. Check failed() at the end.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace newsnorm {

class JsonCursor {
 public:
  explicit JsonCursor(std::string_view text) : text_(text) {}

  // The next value's first character, after white space ('\0' at the end of the text).
  char peek();
  // Consumes `c` (after white space) if it comes next.
  bool consume(char c);
  void expect(char c);
  bool null();  // consumes `null` if it comes next

  // A string, decoded (escapes resolved) into `out`, or only checked when `out` is null.
  void string(std::string* out);
  // An object key, as it stands between its quotes: a key with an escape fails (the caller's
  // keys never have one, and a key spelled with escapes is left to the full parser).
  std::string_view key();
  std::int64_t integer();
  bool boolean();
  // Checks and passes over any value.
  void skip();
  // Only white space may follow the value.
  void finish();

  // Puts the cursor in the failed state (the first failure is the one kept): also for a caller whose
  // value is JSON but not what it wants ("a negative size").
  void fail(std::string_view what);
  bool failed() const { return failed_; }
  const std::string& error() const { return error_; }  // "what at byte N"; empty when not failed

  // Reads `{ "key": value, ... }`, calling `member(key)` with the cursor on each value; the
  // callback must consume it.
  template <typename Member>
  void object(Member&& member) {
    expect('{');
    if (consume('}')) return;
    do {
      const std::string_view name = key();
      expect(':');
      if (failed_) return;
      member(name);
    } while (consume(','));
    expect('}');
  }
  // Reads `[ value, ... ]`, calling `element()` with the cursor on each value.
  template <typename Element>
  void array(Element&& element) {
    expect('[');
    if (consume(']')) return;
    do element();
    while (!failed_ && consume(','));
    expect(']');
  }

 private:
  void white_space();
  void skip_value(int depth);
  void number();
  std::string_view text_;
  std::size_t at_ = 0;
  bool failed_ = false;
  std::string error_;
};

}  // namespace newsnorm
