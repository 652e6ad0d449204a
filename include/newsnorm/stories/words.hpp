#pragma once
// Words as the story stage compares them: split on anything that is not a letter or a digit
// (Unicode categories), lower-cased, hashed. Articles are compared on these hashes only, so a
// record's signature never has to carry its text.
#include <cstdint>
#include <string_view>
#include <vector>

namespace newsnorm::stories {

struct Word {
  std::uint64_t hash = 0;    // of the lower-cased word
  std::uint64_t stem = 0;    // of the word with a plural -s taken off ("supercomputers" = "supercomputer")
  bool capitalized = false;  // began with an upper-case letter: names of companies, products, people
  bool telling = false;      // not a stop word, and long enough (or with a digit, or all capitals) to tell
};

// Appends the words of `text`.
void split_words(std::string_view text, std::vector<Word>& out);

// The hash split_words gives `word` (which must be one lower-case word).
std::uint64_t word_hash(std::string_view word);

}  // namespace newsnorm::stories
