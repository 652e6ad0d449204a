#pragma once
// The story stage over a whole run: records are held back (spooled) with their story items until
// the last one is in, then bare texts take the metadata of the articles they turn out to be,
// duplicates and stories are worked out, and every record is written with its story fields.
// `ingest` feeds it records as it makes them; `newsnorm stories` feeds it records read back.
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "newsnorm/core/column_table.hpp"
#include "newsnorm/run/line_spool.hpp"
#include "newsnorm/run/output_sink.hpp"
#include "newsnorm/run/state_store.hpp"
#include "newsnorm/stories/story_graph.hpp"

namespace newsnorm {

// What a story line says about one member.
struct StoryMember {
  std::string url, provider, title, published;
};

StoryMember story_member(const Article& article);

struct StoryCounts {
  std::size_t stories = 0;     // with more than one record
  std::size_t duplicates = 0;  // records with duplicateOf
  std::size_t linked = 0;      // bare texts that took a known article's metadata
  std::size_t rewritten = 0;   // earlier runs' records written again (with replaces)
  std::size_t merged = 0;      // earlier runs' stories merged into another (story-merge lines)
};

class StoryCollector {
 public:
  explicit StoryCollector(stories::StoryOptions options = {}) : options_(options) {}

  // Where a line sits in a record file that stays as it is for the run: the line is read from
  // there again, not copied (`file` from refer_file()).
  struct LineOrigin {
    std::uint32_t file = 0;
    std::uint64_t offset = 0;
  };
  // A record file lines may come from; nullopt when too many are open already (copy its lines).
  std::optional<std::uint32_t> refer_file(std::string path) { return spool_.add_file(std::move(path)); }

  // One exported record line (newline included) and its item; `member` only for story lines.
  void add(std::string_view line, stories::StoryItem item, std::string source_path,
           std::optional<StoryMember> member = std::nullopt, std::optional<LineOrigin> origin = std::nullopt);
  // A record ingest wrote to the output already (file `file` from refer_file(out.temporary_path()),
  // at `offset`): its story fields are added there, in place (write_records_in_place), when they can.
  // `hash` is its line_hash().
  void add_written(std::string_view line, std::uint64_t hash, stories::StoryItem item, std::string source_path,
                   std::uint32_t file, std::uint64_t offset);
  // A line packed on the worker that made it (ingest), and its line_hash().
  void add(const PackedLine& line, std::uint64_t hash, stories::StoryItem item, std::string source_path);
  static std::uint64_t line_hash(std::string_view line);
  std::size_t size() const { return records_.size(); }
  // Room for `records` more, when their number can be told beforehand: a vector of a million items
  // that grows by doubling holds one and a half times as much for a while.
  void reserve(std::size_t records);

  // Records earlier runs wrote (from the state), added before any of this run's. They take part in
  // the stories, but are written again only when this run changes what was said of them: a record
  // whose duplicateOf or id changes comes again with `replaces`; a story merged into another gives
  // one story-merge line. `reload` makes such a record's line again from its file.
  void add_prior(const StoredStoryItem& stored);
  // Forgets an earlier run's record of this file (it changed, or it is gone).
  void remove_prior(const std::string& source_path);
  void set_reload(std::function<std::optional<std::string>(const std::string& path)> reload) {
    reload_ = std::move(reload);
  }
  // Source paths whose record took another id in solve() (a bare text that took an address).
  std::vector<std::pair<std::string, std::string>> new_ids() const;
  // What to remember for the next run, once the output is written.
  std::vector<StoredStoryItem> stored_items() const;
  // Forgets the records added so far with this id from this source (a deletion record, or a record
  // written again with `replaces`).
  void remove(const std::string& id, const std::string& source_path);

  // Puts the records in an order that does not depend on how they were split or listed: by source
  // path, then id, then content. A run over folders reads files in path order, so this is the
  // order a single run would have given them.
  void sort_by_source();

  // Links bare texts, then assigns stories and duplicates.
  StoryCounts solve();

  // Every record in order, with storyId and duplicateOf, to `out` unless it is null (--sqlite alone).
  // `tap`, when given, also gets each record line with its source path (--sqlite).
  using RecordTap = std::function<void(std::string_view line, const std::string& path)>;
  void write_records(OutputSink* out, StoryCounts* counts = nullptr, const RecordTap& tap = {});
  // After solve(), instead of write_records: when `out` holds exactly the records added, in order,
  // all by add_written() into `file` and none changed since, gives them their story fields where
  // they are and returns true; else changes nothing and returns false (then restart `out` and
  // write_records: the lines are read back from the old file).
  bool write_records_in_place(OutputSink& out, std::uint32_t file);
  // After solve(): the record of the file at `path` as it stands now, with its story fields, for a
  // database that lacks it (restored, or made again for an id another file left); nullopt when the
  // run does not know the file.
  std::optional<std::string> record_for(const std::string& path);

  // One line per story: storyId, title, members (id, url, provider), first and last date, providers.
  void write_stories(OutputSink& out);

 private:
  template <typename Keep>
  void place(const Keep& keep, std::uint64_t hash, stories::StoryItem item, std::string source_path,
             std::optional<StoryMember> member);
  void take_metadata_for_bare_texts(StoryCounts& counts);
  void drop_removed();
  // The record as it will be written, without story fields; nullopt for an earlier run's record
  // whose file cannot be read again.
  std::optional<std::string> line_at(std::size_t position);
  Article record_at(std::size_t position, const std::string& line) const;
  void set_story_fields_of(std::size_t position, std::string& line) const;
  // A line read back from its file is not the record written there: the file changed meanwhile.
  [[noreturn]] void not_as_written(std::size_t position, const Diagnostic& why) const;
  std::optional<std::string> duplicate_id(std::size_t position) const;
  std::size_t keep_member(const StoryMember& member);
  StoryMember member_at(std::size_t position);
  struct Prior {
    std::string id, story_id;
    std::optional<std::string> duplicate_of;
  };

  stories::StoryOptions options_;
  LineSpool spool_;
  LineSpool member_spool_;
  // One row per record, by position (the order records are written in); spool_ holds the lines in
  // arrival order. Every column through the table, so that none falls out of step.
  enum Column { kItem, kSpooled, kPath, kLineHash, kMember, kPrior };
  ColumnTable<stories::StoryItem,
              std::size_t,             // kSpooled: the line's spool index, or kNotSpooled (an earlier run's)
              std::string,             // kPath: the source path
              std::uint64_t,           // kLineHash: line_hash() of the line, to see it read back unchanged
              std::size_t,             // kMember: member_spool_ index, or kNoMember (only story lines keep one)
              std::unique_ptr<Prior>>  // kPrior: what an earlier run wrote of it; null for this run's
      records_;
  static constexpr std::size_t kNotSpooled = static_cast<std::size_t>(-1);
  static constexpr std::size_t kNoMember = static_cast<std::size_t>(-1);
  std::vector<stories::StoryItem>& items() { return records_.column<kItem>(); }
  const std::vector<stories::StoryItem>& items() const { return records_.column<kItem>(); }
  std::vector<std::size_t>& spooled() { return records_.column<kSpooled>(); }
  const std::vector<std::string>& paths() const { return records_.column<kPath>(); }
  std::vector<std::uint64_t>& line_hashes() { return records_.column<kLineHash>(); }
  std::vector<std::size_t>& members() { return records_.column<kMember>(); }
  std::vector<std::unique_ptr<Prior>>& priors() { return records_.column<kPrior>(); }

  std::unordered_map<std::size_t, std::string> rewritten_;  // position -> record after taking metadata
  std::vector<stories::Assignment> assignments_;
  std::unordered_map<std::string, std::size_t> prior_by_path_;
  std::function<std::optional<std::string>(const std::string&)> reload_;
  bool blank_written_ = true;  // every add_written() line has null story fields where the exporter puts them
  std::vector<bool> removed_;  // by position, until drop_removed()
  std::unordered_map<std::string, std::vector<std::size_t>> positions_by_id_;  // built by the first remove()
  // Built by the first record_for(), once no record is added or dropped any more: a restored
  // database asks for every record, so a scan per call would be quadratic.
  std::unordered_map<std::string_view, std::size_t> position_by_path_;
};

}  // namespace newsnorm
