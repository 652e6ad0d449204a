#include "newsnorm/stories/words.hpp"

#include <string>
#include <unordered_set>

#include <utf8proc.h>
#include <xxhash.h>

#include "newsnorm/core/utf8.hpp"

namespace newsnorm {
extern const std::string_view builtin_stopwords_txt;  // data/stopwords.txt, embedded
}

namespace newsnorm::stories {
namespace {

std::unordered_set<std::uint64_t> load_stopwords() {
  std::unordered_set<std::uint64_t> words;
  std::string_view rest = builtin_stopwords_txt;
  while (!rest.empty()) {
    const std::size_t end = rest.find('\n');
    std::string_view line = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
    if (line.starts_with('#')) continue;
    std::size_t start = 0;
    while (start < line.size()) {
      std::size_t stop = line.find(' ', start);
      if (stop == std::string_view::npos) stop = line.size();
      if (stop > start) words.insert(word_hash(line.substr(start, stop - start)));
      start = stop + 1;
    }
  }
  return words;
}

const std::unordered_set<std::uint64_t>& stopwords() {
  static const std::unordered_set<std::uint64_t> words = load_stopwords();
  return words;
}

bool is_word_char(utf8proc_category_t category) {
  switch (category) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO: return true;
    default: return false;
  }
}

// One word, lower-cased in `lowered`, described.
Word describe(const std::string& lowered, bool capitalized, bool has_digit, bool all_capitals, std::size_t letters) {
  Word word;
  word.hash = word_hash(lowered);
  word.capitalized = capitalized;
  // A plural -s says nothing about the event; -ss, -us and -is endings are not plurals.
  const bool plural = !all_capitals && lowered.size() > 4 && lowered.back() == 's' && !lowered.ends_with("ss") &&
                      !lowered.ends_with("us") && !lowered.ends_with("is");
  if (plural && lowered.ends_with("ies"))  // "stories" = "story"
    word.stem = word_hash(lowered.substr(0, lowered.size() - 3) + "y");
  else
    word.stem = plural ? word_hash(std::string_view(lowered).substr(0, lowered.size() - 1)) : word.hash;
  const bool long_enough = letters >= 3 || has_digit || (all_capitals && letters >= 2);
  word.telling = long_enough && !stopwords().contains(word.hash) && !stopwords().contains(word.stem);
  return word;
}

}  // namespace

std::uint64_t word_hash(std::string_view word) { return XXH3_64bits(word.data(), word.size()); }

void split_words(std::string_view text, std::vector<Word>& out) {
  std::string lowered;
  bool capitalized = false, has_digit = false, all_capitals = true;
  std::size_t letters = 0;
  const auto finish = [&] {
    if (!lowered.empty())
      out.push_back(describe(lowered, capitalized, has_digit, all_capitals && letters > 0, letters));
    lowered.clear();
    capitalized = has_digit = false;
    all_capitals = true;
    letters = 0;
  };
  for (std::size_t i = 0; i < text.size();) {
    const unsigned char byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80) {  // most text is ASCII: no table lookups
      ++i;
      if (byte >= '0' && byte <= '9') {
        has_digit = true;
      } else if (byte >= 'a' && byte <= 'z') {
        all_capitals = false, ++letters;
      } else if (byte >= 'A' && byte <= 'Z') {
        if (lowered.empty()) capitalized = true;
        ++letters;
      } else {
        finish();
        continue;
      }
      lowered.push_back(static_cast<char>(byte >= 'A' && byte <= 'Z' ? byte + 32 : byte));
      continue;
    }
    char32_t code_point = byte;
    const std::size_t length = decode_utf8(text, i, code_point);
    if (length == 0) {  // not UTF-8: a word break
      finish();
      ++i;
      continue;
    }
    i += length;
    const auto category = utf8proc_category(static_cast<utf8proc_int32_t>(code_point));
    if (!is_word_char(category)) {
      finish();
      continue;
    }
    if (category == UTF8PROC_CATEGORY_ND) {
      has_digit = true;
    } else if (category == UTF8PROC_CATEGORY_LU || category == UTF8PROC_CATEGORY_LT) {
      if (lowered.empty()) capitalized = true;
      ++letters;
    } else {
      if (category == UTF8PROC_CATEGORY_LL) all_capitals = false;
      ++letters;
    }
    append_utf8(lowered, static_cast<char32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(code_point))));
  }
  finish();
}

}  // namespace newsnorm::stories
