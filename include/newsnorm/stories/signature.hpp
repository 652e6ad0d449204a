#pragma once
// A record's compact signature: what `newsnorm stories` and `--state` compare articles on, so that
// neither keeps nor re-reads texts. Two parts, for the two questions asked of a pair:
//  - is one a copy of the other (duplicateOf)? One-permutation MinHash over the 3-word shingles of
//    title, excerpt and text: the share of equal bins estimates the Jaccard resemblance of the texts.
//  - do they report the same event (storyId)? The article's most telling words (stop words left
//    out), weighted by where they stand (title, excerpt, lead) and by capitals (names), compared as
//    a weighted Jaccard: two reports of one announcement share their names and key nouns; two
//    articles merely on one topic share a few of them, a round-up shares one or two per item.
// Both depend on the two records alone, never on the rest of the run, so the links they make are
// the same whatever the order, the sharding or the number of runs.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "newsnorm/core/bounded_list.hpp"

namespace newsnorm::stories {

struct StoryTerm {
  std::uint32_t hash = 0;
  std::uint8_t weight = 0;  // 1..255, the record's heaviest term 255
  bool operator==(const StoryTerm&) const = default;
};

struct Signature {
  static constexpr std::size_t kBins = 64;
  static constexpr std::size_t kTerms = 12;
  // First: the story stage compares terms most, with the item's date and provider just before.
  BoundedList<StoryTerm, kTerms> terms;  // heaviest first
  std::uint16_t shingles = 0;            // 3-word shingles seen (capped): too few and a text proves nothing
  // The title's words as a 256-bit Bloom filter (3 bits a word: a 10-word title's filter holds
  // another word by accident about once in 600); all zero: no title.
  std::array<std::uint64_t, 4> title{};
  std::array<std::uint16_t, kBins> bins{};  // one-permutation MinHash, densified

  bool operator==(const Signature&) const = default;
};

// What is compared: the title, the excerpt and the plain text of the body.
Signature make_signature(std::string_view title, std::string_view excerpt, std::string_view text);

// A short printable form for the record ("1" and base64url), and back (nullopt when malformed).
std::string encode_signature(const Signature& signature);
std::optional<Signature> decode_signature(std::string_view encoded);

// Both have titles and each has a word the other lacks ("… July 2022 …" and "… August 2022 …");
// a title with words added ("… – Microsoft") does not differ from the original.
bool titles_differ(const Signature& a, const Signature& b);

// Estimated Jaccard resemblance of the two texts' shingles, 0..1; 0 when either has no text.
double text_resemblance(const Signature& a, const Signature& b);

// Weighted Jaccard of the two term lists, 0..1; `a_factors[k]` (and `b_factors`), when given,
// scales the weight of a.terms[k] (how much a word shared by many records of the run still tells).
double term_overlap(const Signature& a, const Signature& b, const double* a_factors = nullptr,
                    const double* b_factors = nullptr);

}  // namespace newsnorm::stories
