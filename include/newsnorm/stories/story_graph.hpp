#pragma once
// The corpus view: which records repeat an earlier one, which report the same event, and which
// bare texts are the articles behind entries known elsewhere. Works on items alone (no texts, no
// files), in item order: the first record of a group is its original and names its story.
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "newsnorm/stories/story_item.hpp"

namespace newsnorm::stories {

// Thresholds, chosen on a labelled sample of the corpus and on the seeds (README, "Stories and
// duplicates"): pairwise precision 0.99 and recall 0.91 on the corpus's news events.
struct StoryOptions {
  double duplicate_resemblance = 0.7;  // estimated Jaccard of 3-word shingles for a near-identical text
  std::uint16_t min_shingles = 12;     // a text shorter than this is never judged a copy on its text
  double story_overlap = 0.2;          // weighted Jaccard of the telling words, both records dated
  double undated_story_overlap = 0.3;  // … when a date cannot confirm that they are close in time
  // One outlet rarely reports one event twice in a few days, but often publishes a series on one
  // topic (a tutorial's parts, a product's feature posts): two records of one provider need more.
  double same_provider_overlap = 0.6;
  std::int64_t story_window_seconds = 4 * 86400;  // two reports of one event are at most this far apart
  // Words the run's records share widely (a site's own subject: "power", "apps"; a company in the
  // news every day) tell one event from another less, the more records have them: a term among the
  // telling words of df > common_floor records weighs log(N/df)/log(N/common_floor), an IDF scaled
  // so that a word of common_floor records weighs 1 and a word of all records 0. (Measured: cutting
  // in only above 1% of the records, as first built, let the big topics of a 1,000,000-record run
  // chain into one story.)
  std::size_t common_floor = 5;

  // Copies on short evidence (records with a title and an excerpt, no body; StoryItem::lead). Two
  // excerpts are one text when at least min_lead_shared of their 3-word shingles are shared (a run
  // of 8 words) and they are at least lead_containment of the shorter one's. Chosen on the tune
  // half of tests/fixtures/stories/aggregator: its copy pairs hold 0.84-1.00 of the shorter
  // excerpt (one, an excerpt begun a sentence earlier and cut earlier, 0.59); the pairs that are
  // not copies but share a quoted sentence (an official's statement, a press release's phrase)
  // hold at most 0.65. 0.7 keeps every such pair apart; the smallest shared count of a copy pair
  // there is 17, so 6 only keeps two very short excerpts from matching on one phrase.
  double lead_containment = 0.7;
  std::size_t min_lead_shared = 6;

  // Candidate pairs come from blocks (items sharing a key). A block larger than this is compared
  // member by member with its first block_reach members only, which keeps the cost near-linear
  // when a key is common (identical boilerplate, a pair of words every article of a site has).
  // 48 as first built (with the planted benchmark's costs, README); not tuned again here.
  std::size_t block_reach = 48;
  // LSH over the 64 MinHash bins: `bands` bands of 64/bands rows (it must divide 64). A pair of
  // resemblance r shares a band with probability 1-(1-r^4)^16: 0.99 at r = 0.7, where copies
  // start (duplicate_resemblance), and 0.12 at 0.3, so few pairs that are not copies are compared.
  std::size_t bands = 16;
  // Story blocks are keyed by each pair of an item's key_terms heaviest terms (10 pairs at 5): two
  // reports of one event must share two of their five heaviest words to be compared at all. 5 as
  // first built; more pairs per item grow the blocks quadratically (15 at 6, 21 at 7).
  std::size_t key_terms = 5;
  // Threads to compare on; the groups do not depend on it. 0: one per core.
  unsigned threads = 0;
};

// The known article a bare text is the text of: item `source`'s related entry `related_index`
// (Anchor::kOwnRecord: the record itself).
struct MetadataMatch {
  std::size_t source = 0;
  std::uint32_t related_index = Anchor::kOwnRecord;
  bool operator==(const MetadataMatch&) const = default;
};

// For each item that wants metadata, the first match (in item order, then related order), if any.
std::vector<std::optional<MetadataMatch>> match_metadata(std::span<const StoryItem> items);

struct Assignment {
  std::size_t story = 0;                    // index of the story's first item
  std::optional<std::size_t> duplicate_of;  // index of the earlier item this one repeats
};

std::vector<Assignment> assign_stories(std::span<const StoryItem> items, const StoryOptions& options = {});

}  // namespace newsnorm::stories
