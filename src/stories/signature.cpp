#include "newsnorm/stories/signature.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_map>

#include "newsnorm/stories/words.hpp"

namespace newsnorm::stories {
namespace {

// Bounds on the work per record: a copy differs from its original in its first few thousand words
// or not at all, and an event is named in the lead.
constexpr std::size_t kShingleWords = 3000;
constexpr std::size_t kLeadWords = 200;
constexpr std::size_t kTermWords = 1000;

std::uint64_t mix(std::uint64_t x) {  // splitmix64's finalizer: spreads shingle hashes over all bits
  x ^= x >> 30, x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27, x *= 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

void add_shingles(const std::vector<Word>& words, Signature& signature) {
  constexpr std::uint64_t kEmpty = std::numeric_limits<std::uint64_t>::max();
  std::array<std::uint64_t, Signature::kBins> minimum;
  minimum.fill(kEmpty);
  std::size_t count = 0;
  const std::size_t end = std::min(words.size(), kShingleWords);
  for (std::size_t i = 0; i + 2 < end; ++i, ++count) {
    const std::uint64_t shingle = mix(words[i].hash ^ mix(words[i + 1].hash ^ mix(words[i + 2].hash)));
    const std::size_t bin = shingle >> 58;  // the top 6 bits choose one of 64 bins
    minimum[bin] = std::min(minimum[bin], shingle << 6);
  }
  signature.shingles = static_cast<std::uint16_t>(std::min<std::size_t>(count, 65535));
  if (count == 0) return;
  // Densification: an empty bin takes the value of the next full one, re-hashed with the distance,
  // so two texts agree on an empty bin as often as on the full ones it borrows from.
  for (std::size_t bin = 0; bin < Signature::kBins; ++bin) {
    std::size_t from = bin, distance = 0;
    while (minimum[from] == kEmpty) from = (from + 1) % Signature::kBins, ++distance;
    const std::uint64_t value = distance ? mix(minimum[from] + distance) : minimum[from];
    signature.bins[bin] = static_cast<std::uint16_t>(value >> 48);
  }
}

struct TermScore {
  double weight = 0;
  std::uint64_t hash = 0;
};

void score_terms(const std::vector<Word>& words, std::size_t begin, std::size_t end, double weight, bool names_count,
                 std::unordered_map<std::uint64_t, double>& scores) {
  for (std::size_t i = begin; i < end; ++i) {
    const Word& word = words[i];
    if (!word.telling) continue;
    // Capitals outside the title mark names (companies, products, people): what tells events apart.
    scores[word.stem] += word.capitalized && names_count ? weight * 1.5 : weight;
  }
}

void add_terms(std::string_view title, std::string_view excerpt, std::string_view text, Signature& signature) {
  std::vector<Word> words;
  std::unordered_map<std::uint64_t, double> scores;
  split_words(title, words);
  score_terms(words, 0, words.size(), 3.0, false, scores);
  words.clear();
  split_words(excerpt, words);
  score_terms(words, 0, words.size(), 2.0, true, scores);
  words.clear();
  split_words(text.substr(0, kTermWords * 12), words);
  score_terms(words, 0, std::min(words.size(), kLeadWords), 1.0, true, scores);
  score_terms(words, std::min(words.size(), kLeadWords), std::min(words.size(), kTermWords), 0.5, true, scores);

  std::vector<TermScore> ranked;
  ranked.reserve(scores.size());
  for (const auto& [hash, weight] : scores) ranked.push_back({weight, hash});
  const std::size_t keep = std::min(ranked.size(), Signature::kTerms);
  std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(keep), ranked.end(),
                    [](const TermScore& a, const TermScore& b) {
                      return a.weight != b.weight ? a.weight > b.weight : a.hash < b.hash;
                    });
  if (keep == 0) return;
  const double top = std::log1p(ranked[0].weight);
  for (std::size_t i = 0; i < keep; ++i) {
    const double scaled = std::round(255.0 * std::log1p(ranked[i].weight) / top);
    signature.terms.push_back(
        {static_cast<std::uint32_t>(ranked[i].hash >> 32), static_cast<std::uint8_t>(std::clamp(scaled, 1.0, 255.0))});
  }
}

constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
// '3' added the title filter; '1' signatures (without it) are still read.
constexpr char kVersion = '3';
constexpr char kVersionWithoutTitle = '1';

std::string base64url(const std::string& bytes) {
  std::string out;
  out.reserve(bytes.size() * 4 / 3 + 4);
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const std::uint32_t n =
        (std::uint8_t(bytes[i]) << 16) | (std::uint8_t(bytes[i + 1]) << 8) | std::uint8_t(bytes[i + 2]);
    for (int shift = 18; shift >= 0; shift -= 6) out.push_back(kAlphabet[(n >> shift) & 63]);
  }
  if (const std::size_t left = bytes.size() - i; left > 0) {
    std::uint32_t n = std::uint8_t(bytes[i]) << 16;
    if (left == 2) n |= std::uint8_t(bytes[i + 1]) << 8;
    for (std::size_t k = 0; k <= left; ++k) out.push_back(kAlphabet[(n >> (18 - 6 * k)) & 63]);
  }
  return out;
}

// Each byte's value in kAlphabet, or 64 for none: looked up for every character of every record's
// signature that `newsnorm stories` reads.
constexpr std::array<std::uint8_t, 256> kAlphabetValues = [] {
  std::array<std::uint8_t, 256> values{};
  values.fill(64);
  for (std::size_t i = 0; i < kAlphabet.size(); ++i)
    values[static_cast<unsigned char>(kAlphabet[i])] = static_cast<std::uint8_t>(i);
  return values;
}();

std::optional<std::string> from_base64url(std::string_view text) {
  std::string out;
  out.reserve(text.size() * 3 / 4 + 1);
  std::uint32_t n = 0;
  int bits = 0;
  for (const char c : text) {
    const std::uint32_t value = kAlphabetValues[static_cast<unsigned char>(c)];
    if (value == 64) return std::nullopt;
    n = (n << 6) | value;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((n >> bits) & 0xff));
    }
  }
  return out;
}

void put16(std::string& out, std::uint16_t v) { out.push_back(char(v >> 8)), out.push_back(char(v & 0xff)); }
std::uint16_t get16(std::string_view in, std::size_t at) {
  return static_cast<std::uint16_t>((std::uint8_t(in[at]) << 8) | std::uint8_t(in[at + 1]));
}

}  // namespace

Signature make_signature(std::string_view title, std::string_view excerpt, std::string_view text) {
  Signature signature;
  std::vector<Word> words;
  split_words(title, words);
  for (const Word& word : words) {  // three bits per word
    const std::uint64_t h = mix(word.hash);
    for (int k = 0; k < 3; ++k) {
      const std::size_t bit = (h >> (8 * k)) & 255;
      signature.title[bit / 64] |= std::uint64_t{1} << (bit % 64);
    }
  }
  split_words(excerpt, words);
  split_words(text.substr(0, kShingleWords * 12), words);
  add_shingles(words, signature);
  add_terms(title, excerpt, text, signature);
  return signature;
}

// Layout: shingles (2 bytes), title filter (32 bytes), bins (2 bytes each), then per term its hash
// (4 bytes) and weight.
std::string encode_signature(const Signature& signature) {
  std::string bytes;
  put16(bytes, signature.shingles);
  for (const std::uint64_t part : signature.title)
    for (int shift = 48; shift >= 0; shift -= 16) put16(bytes, static_cast<std::uint16_t>(part >> shift));
  for (const std::uint16_t bin : signature.bins) put16(bytes, bin);
  for (const StoryTerm& term : signature.terms) {
    put16(bytes, static_cast<std::uint16_t>(term.hash >> 16));
    put16(bytes, static_cast<std::uint16_t>(term.hash & 0xffff));
    bytes.push_back(static_cast<char>(term.weight));
  }
  return kVersion + base64url(bytes);
}

std::optional<Signature> decode_signature(std::string_view encoded) {
  if (encoded.empty() || (encoded[0] != kVersion && encoded[0] != kVersionWithoutTitle)) return std::nullopt;
  const bool titled = encoded[0] == kVersion;
  const auto bytes = from_base64url(encoded.substr(1));
  constexpr std::size_t kTitleBytes = 8 * std::tuple_size_v<decltype(Signature::title)>;
  const std::size_t bins_at = titled ? 2 + kTitleBytes : 2;
  const std::size_t kFixed = bins_at + 2 * Signature::kBins;
  if (!bytes || bytes->size() < kFixed || (bytes->size() - kFixed) % 5 != 0 ||
      (bytes->size() - kFixed) / 5 > Signature::kTerms)
    return std::nullopt;
  const std::string_view in = *bytes;
  Signature signature;
  signature.shingles = get16(in, 0);
  if (titled)
    for (std::size_t at = 2; at < bins_at; at += 2) {
      std::uint64_t& part = signature.title[(at - 2) / 8];
      part = (part << 16) | get16(in, at);
    }
  for (std::size_t bin = 0; bin < Signature::kBins; ++bin) signature.bins[bin] = get16(in, bins_at + 2 * bin);
  for (std::size_t at = kFixed; at < in.size(); at += 5) {
    const std::uint32_t hash = (std::uint32_t(get16(in, at)) << 16) | get16(in, at + 2);
    const auto weight = static_cast<std::uint8_t>(in[at + 4]);
    if (weight == 0) return std::nullopt;
    signature.terms.push_back({hash, weight});
  }
  return signature;
}

bool titles_differ(const Signature& a, const Signature& b) {
  bool a_has = false, b_has = false, a_only = false, b_only = false;
  for (std::size_t i = 0; i < a.title.size(); ++i) {
    a_has |= a.title[i] != 0, b_has |= b.title[i] != 0;
    a_only |= (a.title[i] & ~b.title[i]) != 0, b_only |= (b.title[i] & ~a.title[i]) != 0;
  }
  return a_has && b_has && a_only && b_only;
}

double text_resemblance(const Signature& a, const Signature& b) {
  if (a.shingles == 0 || b.shingles == 0) return 0;
  std::size_t equal = 0;
  for (std::size_t bin = 0; bin < Signature::kBins; ++bin) equal += a.bins[bin] == b.bins[bin];
  return static_cast<double>(equal) / Signature::kBins;
}

double term_overlap(const Signature& a, const Signature& b, const double* a_factors, const double* b_factors) {
  double shared = 0, total = 0;
  for (std::size_t i = 0; i < a.terms.size(); ++i) {
    const StoryTerm& x = a.terms[i];
    const double f = a_factors ? a_factors[i] : 1.0;  // a shared term has one factor in both lists
    const auto match =
        std::find_if(b.terms.begin(), b.terms.end(), [&](const StoryTerm& y) { return y.hash == x.hash; });
    if (match == b.terms.end()) {
      total += f * x.weight;
    } else {
      shared += f * std::min(x.weight, match->weight);
      total += f * std::max(x.weight, match->weight);
    }
  }
  for (std::size_t j = 0; j < b.terms.size(); ++j) {
    const StoryTerm& y = b.terms[j];
    if (std::none_of(a.terms.begin(), a.terms.end(), [&](const StoryTerm& x) { return x.hash == y.hash; }))
      total += (b_factors ? b_factors[j] : 1.0) * y.weight;
  }
  return total > 0 ? shared / total : 0;
}

}  // namespace newsnorm::stories
