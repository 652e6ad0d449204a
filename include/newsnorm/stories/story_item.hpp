#pragma once
// What the story stage keeps of one record: its id and dedupe key, its date, its signature, and the
// little needed to recognise a bare text as the article behind a known entry. No text is kept.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "newsnorm/model/article.hpp"
#include "newsnorm/stories/signature.hpp"

namespace newsnorm::stories {

// A known article (a related entry, or a record with an address) by its excerpt, which aggregators
// copy from the article's lead: the hashes of the excerpt's first and last 8-word windows and the
// distance between them. A text that holds both windows that far apart holds the excerpt.
struct Anchor {
  static constexpr std::uint32_t kOwnRecord = 0xffffffff;  // related_index of the record itself
  std::uint64_t first = 0;
  std::uint64_t last = 0;
  std::uint32_t span = 0;
  std::uint32_t related_index = kOwnRecord;
  bool operator==(const Anchor&) const = default;
};

struct StoryItem {
  std::string id;
  // Compared for equality only, so kept as hashes (text_hash; 0: none): a million dedupe keys as
  // strings were 100 MB. A 64-bit hash tells keys apart as surely as the ids made from them.
  std::uint64_t dedupe_key = 0;           // of the dedupe key; 0 when the record has no address
  std::optional<std::int64_t> published;  // seconds since 1970 (UTC), when the record has a date
  std::uint64_t provider = 0;             // of the provider's domain (else name), lower case; 0: none
  Signature signature;
  // A record without an address may be the text of an article known elsewhere in the run: the
  // hashes of every 8-word window of its text (lead only), looked up against anchors.
  bool wants_metadata = false;
  std::vector<std::uint64_t> windows;
  std::vector<Anchor> anchors;  // of its related entries, and of itself when it has an address
  // Short evidence (a record with a title and an excerpt but no body, as aggregators keep them):
  // the excerpt as a set of 3-word shingles (32-bit hashes, sorted, at most kLeadShingles), after
  // what syndication does to an excerpt is undone (lead_words()), so that a copy is found when one
  // excerpt is a span of the other; and the title's words as one hash (0: none, or too short to
  // name an article). Both empty for a record with a body, whose text's MinHash decides.
  static constexpr std::size_t kLeadShingles = 48;
  std::vector<std::uint32_t> lead;
  std::uint64_t title_key = 0;
};

// The words of an excerpt that a copy keeps: a dateline or byline at the start ("SPRINGFIELD,
// Mass. --", "WASHINGTON (Reuters) -", "By Jane Doe and John Roe") left out, and a word cut by
// truncation ("…", "...", or no closing punctuation) at either end dropped. Case, quotes and
// punctuation are gone already (split_words).
std::vector<std::uint64_t> lead_words(std::string_view excerpt);

// The article's item. Uses `signature` when given (what sign() returned), else the article's
// signature field when it has a readable one (a record read back), else computes it.
StoryItem story_item(const Article& article, const Signature* signature = nullptr);

// The fields of a record line that story_item and the story lines read, decoded without the rest
// of the record (its text only when the item needs it: a record without an address, or without a
// readable signature); nullopt when the line is not a plain record (see scan_record): then read
// it whole.
std::optional<Article> scan_story_fields(std::string_view line);

// The hash an item keeps of a text; never 0 (which stands for no text).
std::uint64_t text_hash(std::string_view text);

// A compact binary form for the state (--state): what a later run needs of the record, not its text.
std::string serialize_item(const StoryItem& item);
std::optional<StoryItem> deserialize_item(std::string_view bytes);

// Seconds since 1970 of a record's RFC 3339 UTC date ("2020-05-19T15:00:00Z"), or nullopt.
std::optional<std::int64_t> epoch_seconds(std::string_view utc_timestamp);

}  // namespace newsnorm::stories
