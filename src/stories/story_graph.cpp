#include "newsnorm/stories/story_graph.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <exception>
#include <numeric>
#include <stdexcept>
#include <string_view>
#include <thread>
#include <unordered_map>

#include <xxhash.h>

namespace newsnorm::stories {
namespace {

// Union-find whose root is always the smallest index: the first item in order names the group.
class Groups {
 public:
  explicit Groups(std::size_t n) : parent_(n) { std::iota(parent_.begin(), parent_.end(), std::uint32_t{0}); }
  std::size_t find(std::size_t x) {
    while (parent_[x] != x) x = parent_[x] = parent_[parent_[x]];
    return x;
  }
  void join(std::size_t a, std::size_t b) {
    a = find(a), b = find(b);
    if (a != b) parent_[std::max(a, b)] = static_cast<std::uint32_t>(std::min(a, b));
  }

 private:
  std::vector<std::uint32_t> parent_;  // item indexes are 32-bit (Keyed, PairEntry)
};

using Edges = std::vector<std::pair<std::uint32_t, std::uint32_t>>;

// Runs `link(part, groups, edges)` for parts 0..parts-1 on up to `threads` threads. Each thread
// has its own copy of the groups, which it joins and uses to skip pairs it has joined already, and
// lists the pairs it joined; then every listed pair is joined into `groups`. The groups come out
// the same whatever the threads: a pair is skipped only when its items are joined anyway, and
// whether a pair is joined depends on the pair alone.
template <typename Link>
void link_in_parallel(std::size_t parts, unsigned threads, Groups& groups, const Link& link) {
  threads = static_cast<unsigned>(std::clamp<std::size_t>(threads, 1, parts));
  if (threads == 1) {
    Edges ignored;
    for (std::size_t part = 0; part < parts; ++part) link(part, groups, ignored), ignored.clear();
    return;
  }
  std::vector<Edges> edges(threads);
  std::vector<std::exception_ptr> failures(threads);
  std::vector<std::thread> running;
  for (unsigned t = 0; t < threads; ++t)
    running.emplace_back([&, t] {
      try {
        Groups local = groups;
        for (std::size_t part = t; part < parts; part += threads) link(part, local, edges[t]);
      } catch (...) {
        failures[t] = std::current_exception();
      }
    });
  for (std::thread& thread : running) thread.join();
  for (const auto& failure : failures)
    if (failure) std::rethrow_exception(failure);
  for (const Edges& found : edges)
    for (const auto& [a, b] : found) groups.join(a, b);
}

std::uint64_t mix(std::uint64_t x) {
  x ^= x >> 30, x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27, x *= 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

struct Keyed {
  std::uint64_t key;
  std::uint32_t index;
  bool operator<(const Keyed& other) const { return key != other.key ? key < other.key : index < other.index; }
};

template <typename Visit>
void for_each_block(std::vector<Keyed>& keyed, Visit&& visit) {
  std::sort(keyed.begin(), keyed.end());
  for (std::size_t begin = 0; begin < keyed.size();) {
    std::size_t end = begin + 1;
    while (end < keyed.size() && keyed[end].key == keyed[begin].key) ++end;
    if (end - begin > 1) visit(std::span<const Keyed>(keyed.data() + begin, end - begin));
    begin = end;
  }
}

// Joins every item to the first item with the same key: sorted 16-byte entries cost a fraction of
// a map of a million strings. `key` gives an item's hash (0: none), `same` checks a pair whose
// hashes agree (a collision keeps its items apart).
template <typename Key, typename Same>
void join_equal_keys(std::span<const StoryItem> items, Key key, Same same, std::vector<Keyed>& keyed, Groups& groups) {
  keyed.clear();
  for (std::size_t i = 0; i < items.size(); ++i)
    if (const std::uint64_t hash = key(items[i])) keyed.push_back({hash, static_cast<std::uint32_t>(i)});
  for_each_block(keyed, [&](std::span<const Keyed> block) {
    for (std::size_t j = 1; j < block.size(); ++j)
      for (std::size_t k = 0; k < j; ++k)
        if (same(items[block[k].index], items[block[j].index])) {
          groups.join(block[k].index, block[j].index);
          break;
        }
  });
}

// Issues of a recurring column (a monthly "What's new", a weekly round-up) open with the same
// boilerplate, so with only a title and an excerpt their texts look near-identical. They are told
// apart from copies by the title, which names the issue, and the dates, weeks or months apart.
bool issues_of_a_series(const StoryItem& a, const StoryItem& b, const StoryOptions& options) {
  return a.published && b.published && std::abs(*a.published - *b.published) > options.story_window_seconds &&
         titles_differ(a.signature, b.signature);
}

// Exact repeats (the same dedupe key or id: one article under two paths or in two feeds), then
// near-identical texts through LSH on the MinHash bins: 16 bands of 4 bins.
void link_duplicates(std::span<const StoryItem> items, const StoryOptions& options, Groups& duplicates) {
  {
    std::vector<Keyed> exact;  // freed before the bands take their own
    exact.reserve(items.size());
    // The dedupe key is only kept as a hash: equal hashes are the same key.
    join_equal_keys(
        items, [](const StoryItem& item) { return item.dedupe_key; }, [](auto&, auto&) { return true; }, exact,
        duplicates);
    join_equal_keys(
        items, [](const StoryItem& item) { return text_hash(item.id); },
        [](const StoryItem& a, const StoryItem& b) { return a.id == b.id; }, exact, duplicates);
  }

  // One band at a time: the keys of one band for every item are all that is held (per thread).
  const std::size_t kBands = options.bands, kRows = Signature::kBins / kBands;
  link_in_parallel(kBands, options.threads, duplicates, [&](std::size_t band, Groups& groups, Edges& edges) {
    std::vector<Keyed> keyed;
    keyed.reserve(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) {
      const Signature& s = items[i].signature;
      if (s.shingles < options.min_shingles) continue;
      std::uint64_t key = mix(band + 1);
      for (std::size_t row = 0; row < kRows; ++row) key = mix(key ^ s.bins[band * kRows + row]);
      keyed.push_back({key, static_cast<std::uint32_t>(i)});
    }
    for_each_block(keyed, [&](std::span<const Keyed> block) {
      for (std::size_t j = 1; j < block.size(); ++j)
        for (std::size_t k = 0; k < std::min(j, options.block_reach); ++k) {
          const std::uint32_t a = block[k].index, b = block[j].index;
          if (groups.find(a) != groups.find(b) && !issues_of_a_series(items[a], items[b], options) &&
              text_resemblance(items[a].signature, items[b].signature) >= options.duplicate_resemblance) {
            groups.join(a, b);
            edges.emplace_back(a, b);
          }
        }
    });
  });
}

// How many shingles two sorted leads share.
std::size_t shared_shingles(const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b) {
  std::size_t shared = 0;
  for (std::size_t i = 0, j = 0; i < a.size() && j < b.size();)
    if (a[i] == b[j])
      ++shared, ++i, ++j;
    else
      a[i] < b[j] ? ++i : ++j;
  return shared;
}

// One excerpt is a span of the other, or nearly: most of the shorter one's shingles are in the
// longer one (containment, not Jaccard: an excerpt cut at another sentence is still the same text).
bool excerpts_copied(const StoryItem& a, const StoryItem& b, const StoryOptions& options) {
  // One provider's records under other titles share its boilerplate (a channel's description under
  // each of its videos), not one text.
  if (a.provider != 0 && a.provider == b.provider && titles_differ(a.signature, b.signature)) return false;
  const std::size_t shared = shared_shingles(a.lead, b.lead);
  const std::size_t shorter = std::min(a.lead.size(), b.lead.size());
  return shared >= options.min_lead_shared &&
         static_cast<double>(shared) >= options.lead_containment * static_cast<double>(shorter);
}

// Copies among records without a body, on their title and excerpt (StoryItem::lead, title_key):
// one title over both within the story window (a rewritten excerpt, another cut of it), or one
// excerpt held by the other (a rewritten headline over the same first sentences). Blocks are the
// leads' shingles, taken a slice of their hashes at a time.
void link_short_copies(std::span<const StoryItem> items, const StoryOptions& options, Groups& duplicates) {
  {
    std::vector<Keyed> keyed;
    join_equal_keys(
        items, [](const StoryItem& item) { return item.title_key; },
        [&](const StoryItem& a, const StoryItem& b) {
          return a.published && b.published && std::abs(*a.published - *b.published) <= options.story_window_seconds;
        },
        keyed, duplicates);
  }
  constexpr std::size_t kSlices = 8;
  link_in_parallel(kSlices, options.threads, duplicates, [&](std::size_t slice, Groups& groups, Edges& edges) {
    std::vector<Keyed> keyed;
    for (std::size_t i = 0; i < items.size(); ++i)
      if (items[i].lead.size() >= options.min_lead_shared)
        for (const std::uint32_t shingle : items[i].lead)
          if (mix(shingle) % kSlices == slice) keyed.push_back({shingle, static_cast<std::uint32_t>(i)});
    for_each_block(keyed, [&](std::span<const Keyed> block) {
      for (std::size_t j = 1; j < block.size(); ++j)
        for (std::size_t k = 0; k < std::min(j, options.block_reach); ++k) {
          const std::uint32_t a = block[k].index, b = block[j].index;
          if (a != b && groups.find(a) != groups.find(b) && !issues_of_a_series(items[a], items[b], options) &&
              excerpts_copied(items[a], items[b], options)) {
            groups.join(a, b);
            edges.emplace_back(a, b);
          }
        }
    });
  });
}

// A table of 32-bit term hashes, open addressing with linear probing: looked up for every term of
// both items of each of up to a billion comparisons, where std::unordered_map's division and node
// hops were a fifth of all the time `newsnorm stories` took.
template <typename Value>
class TermTable {
 public:
  TermTable() { rehash(16); }  // grows by doubling: the number of distinct terms is not known
  Value& operator[](std::uint32_t hash) {
    if ((used_ + 1) * 2 > keys_.size()) rehash(keys_.size() * 2);
    std::size_t slot = slot_of(hash);
    while (keys_[slot] != 0 && keys_[slot] != key_of(hash)) slot = (slot + 1) & mask_;
    if (keys_[slot] == 0) keys_[slot] = key_of(hash), values_[slot] = Value{}, ++used_;
    return values_[slot];
  }
  const Value* find(std::uint32_t hash) const {
    for (std::size_t slot = slot_of(hash);; slot = (slot + 1) & mask_) {
      if (keys_[slot] == key_of(hash)) return &values_[slot];
      if (keys_[slot] == 0) return nullptr;
    }
  }
  template <typename Visit>
  void for_each(Visit&& visit) const {
    for (std::size_t slot = 0; slot < keys_.size(); ++slot)
      if (keys_[slot] != 0) visit(static_cast<std::uint32_t>(keys_[slot]), values_[slot]);
  }

 private:
  static std::uint64_t key_of(std::uint32_t hash) { return hash | (std::uint64_t{1} << 32); }  // 0: empty
  std::size_t slot_of(std::uint32_t hash) const {
    return static_cast<std::size_t>((hash * 0x9e3779b97f4a7c15ULL) >> 20) & mask_;
  }
  void rehash(std::size_t slots) {
    std::vector<std::uint64_t> keys(slots);
    std::vector<Value> values(slots);
    keys.swap(keys_), values.swap(values_);
    mask_ = slots - 1, used_ = 0;
    for (std::size_t slot = 0; slot < keys.size(); ++slot)
      if (keys[slot] != 0) (*this)[static_cast<std::uint32_t>(keys[slot])] = values[slot];
  }
  std::vector<std::uint64_t> keys_;
  std::vector<Value> values_;
  std::size_t mask_ = 0, used_ = 0;
};

// How much each term common in the run still weighs (terms not common weigh 1), looked up by the
// item and the term's place in its list. A factor depends only on the term's count, and the
// distinct counts are few (at most sqrt(24 N): the counts of the run's 12 N terms add up to 12 N),
// so each term of each item keeps a 16-bit code of its count and the factors sit in one small
// array: looked up for 24 terms in each of up to a billion comparisons, a table keyed by the terms'
// hashes missed the cache on nearly every lookup (a quarter of `newsnorm stories`' time).
class CommonTerms {
 public:
  CommonTerms(std::span<const StoryItem> items, const StoryOptions& options)
      : codes_(items.size() * Signature::kTerms), values_{1.0} {
    TermTable<std::uint32_t> df;
    for (const StoryItem& item : items)
      for (const StoryTerm& term : item.signature.terms) ++df[term.hash];
    const double n = static_cast<double>(items.size());
    const double floor = static_cast<double>(options.common_floor);
    if (n <= floor) return;
    TermTable<std::uint16_t> code_of_count, code_of_term;  // code 0: not common
    df.for_each([&](std::uint32_t hash, std::uint32_t count) {
      if (static_cast<double>(count) <= floor) return;
      std::uint16_t& code = code_of_count[count];
      if (code == 0) {
        if (values_.size() > UINT16_MAX) throw std::length_error("too many records for one story stage");
        code = static_cast<std::uint16_t>(values_.size());
        values_.push_back(std::clamp(std::log(n / static_cast<double>(count)) / std::log(n / floor), 0.0, 1.0));
      }
      code_of_term[hash] = code;
    });
    for (std::size_t i = 0; i < items.size(); ++i) {
      const auto& terms = items[i].signature.terms;
      for (std::size_t k = 0; k < terms.size(); ++k)
        if (const std::uint16_t* code = code_of_term.find(terms[k].hash)) codes_[i * Signature::kTerms + k] = *code;
    }
  }
  // The factors of item `i`'s terms, in the order of its list.
  void factors(std::size_t i, std::size_t terms, double* out) const {
    for (std::size_t k = 0; k < terms; ++k) out[k] = values_[codes_[i * Signature::kTerms + k]];
  }

 private:
  std::vector<std::uint16_t> codes_;  // Signature::kTerms per item
  std::vector<double> values_;        // by code
};

bool same_event(std::span<const StoryItem> items, std::uint32_t ia, std::uint32_t ib, const StoryOptions& options,
                const CommonTerms& common) {
  const StoryItem &a = items[ia], &b = items[ib];
  double needed = options.undated_story_overlap;
  if (a.published && b.published) {
    if (std::abs(*a.published - *b.published) > options.story_window_seconds) return false;
    needed = options.story_overlap;
  }
  if (a.provider != 0 && a.provider == b.provider) needed = std::max(needed, options.same_provider_overlap);
  std::array<double, Signature::kTerms> fa, fb;
  common.factors(ia, a.signature.terms.size(), fa.data());
  common.factors(ib, b.signature.terms.size(), fb.data());
  return term_overlap(a.signature, b.signature, fa.data(), fb.data()) >= needed;
}

constexpr std::int64_t kUndated = INT64_MAX;

// One entry per pair of an item's heaviest terms: the pair's hash, the item's week, the item.
struct PairEntry {
  std::uint64_t pair;
  std::int64_t week;  // kUndated for undated items
  std::uint32_t index;
  bool operator<(const PairEntry& o) const {
    return pair != o.pair ? pair < o.pair : week != o.week ? week < o.week : index < o.index;
  }
};

// Compares the items of each pair's block (sorted entries): within a week, with the next week,
// and an undated item with every week.
template <typename Compare>
void compare_blocks(const std::vector<PairEntry>& entries, std::size_t reach, const Compare& compare) {
  std::vector<std::pair<std::size_t, std::size_t>> weeks;  // of one pair: [begin, end) runs
  for (std::size_t begin = 0; begin < entries.size();) {
    std::size_t pair_end = begin;  // all weeks of one pair
    while (pair_end < entries.size() && entries[pair_end].pair == entries[begin].pair) ++pair_end;
    weeks.clear();
    for (std::size_t w = begin; w < pair_end;) {
      std::size_t e = w + 1;
      while (e < pair_end && entries[e].week == entries[w].week) ++e;
      weeks.emplace_back(w, e);
      w = e;
    }
    for (std::size_t k = 0; k < weeks.size(); ++k) {
      const auto [wb, we] = weeks[k];
      const bool undated = entries[wb].week == kUndated;
      for (std::size_t j = wb; j < we; ++j) {
        for (std::size_t i = wb; i < std::min(j, wb + reach); ++i) compare(entries[i].index, entries[j].index);
        if (undated) {  // against every dated week of the pair
          for (std::size_t o = 0; o < k; ++o)
            for (std::size_t i = weeks[o].first; i < std::min(weeks[o].second, weeks[o].first + reach); ++i)
              compare(entries[i].index, entries[j].index);
        } else if (k + 1 < weeks.size() && entries[weeks[k + 1].first].week == entries[wb].week + 1) {
          const auto [nb, ne] = weeks[k + 1];
          for (std::size_t i = nb; i < std::min(ne, nb + reach); ++i) compare(entries[j].index, entries[i].index);
        }
      }
    }
    begin = pair_end;
  }
}

// Reports of one event share their heaviest words: blocks are keyed by each pair of an item's five
// heaviest terms and by the week of its date; an item is compared with its block and the next
// week's. Undated items are compared with every week's block of their pairs.
void link_stories(std::span<const StoryItem> items, const StoryOptions& options, Groups& stories) {
  const std::size_t kKeyTerms = options.key_terms;
  constexpr std::int64_t kWeek = 7 * 86400;
  const CommonTerms common(items, options);
  // A block is one pair's entries, so the pairs can be taken a slice of their hashes at a time:
  // only a slice's entries are held by each thread (ten per item at once would be 240 MB at a
  // million items).
  constexpr std::uint64_t kSlices = 8;
  link_in_parallel(kSlices, options.threads, stories, [&](std::size_t slice, Groups& groups, Edges& edges) {
    std::vector<PairEntry> entries;
    for (std::size_t i = 0; i < items.size(); ++i) {
      const auto& terms = items[i].signature.terms;
      const std::size_t n = std::min(terms.size(), kKeyTerms);
      const std::int64_t week = items[i].published ? *items[i].published / kWeek : kUndated;
      for (std::size_t x = 0; x < n; ++x)
        for (std::size_t y = x + 1; y < n; ++y) {
          const std::uint32_t lo = std::min(terms[x].hash, terms[y].hash), hi = std::max(terms[x].hash, terms[y].hash);
          const std::uint64_t pair = mix((std::uint64_t(hi) << 32) | lo);
          if (pair % kSlices == slice) entries.push_back({pair, week, static_cast<std::uint32_t>(i)});
        }
    }
    std::sort(entries.begin(), entries.end());
    compare_blocks(entries, options.block_reach, [&](std::uint32_t a, std::uint32_t b) {
      if (a != b && groups.find(a) != groups.find(b) && same_event(items, a, b, options, common)) {
        groups.join(a, b);
        edges.emplace_back(a, b);
      }
    });
  });
}

}  // namespace

std::vector<std::optional<MetadataMatch>> match_metadata(std::span<const StoryItem> items) {
  std::vector<std::optional<MetadataMatch>> matches(items.size());
  if (std::none_of(items.begin(), items.end(), [](const StoryItem& item) { return item.wants_metadata; }))
    return matches;
  struct Known {
    std::size_t source;
    const Anchor* anchor;
  };
  std::unordered_multimap<std::uint64_t, Known> by_first;
  for (std::size_t i = 0; i < items.size(); ++i)
    for (const Anchor& anchor : items[i].anchors) by_first.emplace(anchor.first, Known{i, &anchor});
  for (std::size_t i = 0; i < items.size(); ++i) {
    const StoryItem& item = items[i];
    if (!item.wants_metadata) continue;
    std::optional<MetadataMatch> best;
    for (std::size_t at = 0; at < item.windows.size(); ++at) {
      const auto [lo, hi] = by_first.equal_range(item.windows[at]);
      for (auto it = lo; it != hi; ++it) {
        const Known& known = it->second;
        const std::size_t end = at + known.anchor->span;
        if (known.source == i || end >= item.windows.size() || item.windows[end] != known.anchor->last) continue;
        const MetadataMatch match{known.source, known.anchor->related_index};
        if (!best || std::pair(match.source, match.related_index) < std::pair(best->source, best->related_index))
          best = match;
      }
    }
    matches[i] = best;
  }
  return matches;
}

std::vector<Assignment> assign_stories(std::span<const StoryItem> items, const StoryOptions& given) {
  StoryOptions options = given;
  if (options.threads == 0) options.threads = std::max(1u, std::thread::hardware_concurrency());
  Groups duplicates(items.size()), stories(items.size());
  link_duplicates(items, options, duplicates);
  link_short_copies(items, options, duplicates);
  for (std::size_t i = 0; i < items.size(); ++i) stories.join(i, duplicates.find(i));
  link_stories(items, options, stories);
  std::vector<Assignment> out(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) {
    out[i].story = stories.find(i);
    if (const std::size_t first = duplicates.find(i); first != i) out[i].duplicate_of = first;
  }
  return out;
}

}  // namespace newsnorm::stories
