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
