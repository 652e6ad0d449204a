#include "newsnorm/run/story_run.hpp"

#include <algorithm>
#include <map>
#include <numeric>
#include <set>
#include <stdexcept>

#include <fmt/format.h>
#include <xxhash.h>

#include "newsnorm/core/byte_packing.hpp"
#include "newsnorm/core/json_writer.hpp"
#include "newsnorm/core/result.hpp"
#include "newsnorm/export/exporter.hpp"
#include "newsnorm/export/record_reader.hpp"
#include "newsnorm/export/story_fields.hpp"
#include "newsnorm/model/record_fields.hpp"
#include "newsnorm/stories/record_update.hpp"

namespace newsnorm {
namespace {
constexpr std::size_t kNotSpooled = static_cast<std::size_t>(-1);
}

StoryMember story_member(const Article& article) {
  StoryMember member;
  member.url = article.url.value_or("");
  if (article.provider) member.provider = article.provider->name.value_or(article.provider->domain.value_or(""));
  member.title = article.title.value_or("");
  member.published = article.published_date_time.value_or("");
  return member;
}

// A member is kept on disk, as four length-prefixed texts: a million of them in memory would take
// 300 MB, for a story line's few fields.
std::size_t StoryCollector::keep_member(const StoryMember& member) {
  Packer packed;
  for (const std::string* text : {&member.url, &member.provider, &member.title, &member.published})
    packed.put(std::string_view(*text));
  return member_spool_.append(packed.out);
}

StoryMember StoryCollector::member_at(std::size_t position) {
  std::string bytes;
  member_spool_.read(members_.at(position), bytes);
  StoryMember member;
  Unpacker packed(bytes);
  for (std::string* text : {&member.url, &member.provider, &member.title, &member.published})
    if (!packed.get(*text)) throw std::logic_error("a story member spooled in another form");
  return member;
}

void StoryCollector::reserve(std::size_t records) {
  const std::size_t total = items_.size() + records;
  items_.reserve(total), spooled_.reserve(total), paths_.reserve(total), line_hashes_.reserve(total);
  prior_.reserve(total);
}

std::uint64_t StoryCollector::line_hash(std::string_view line) { return XXH3_64bits(line.data(), line.size()); }

void StoryCollector::add(std::string_view line, stories::StoryItem item, std::string source_path,
                         std::optional<StoryMember> member, std::optional<LineOrigin> origin) {
  place(
      [&] {
        return origin ? spool_.refer(origin->file, origin->offset, static_cast<std::uint32_t>(line.size() - 1))
                      : spool_.append(line);
      },
      line_hash(line), std::move(item), std::move(source_path), std::move(member));
}

void StoryCollector::add_written(std::string_view line, std::uint64_t hash, stories::StoryItem item,
                                 std::string source_path, std::uint32_t file, std::uint64_t offset) {
  blank_written_ = blank_written_ && has_blank_story_fields(line);
  place([&] { return spool_.refer(file, offset, static_cast<std::uint32_t>(line.size() - 1)); }, hash, std::move(item),
        std::move(source_path), std::nullopt);
}

void StoryCollector::add(const PackedLine& line, std::uint64_t hash, stories::StoryItem item, std::string source_path) {
  place([&] { return spool_.append(line); }, hash, std::move(item), std::move(source_path), std::nullopt);
}

template <typename Keep>
void StoryCollector::place(const Keep& keep, std::uint64_t hash, stories::StoryItem item, std::string source_path,
                           std::optional<StoryMember> member) {
  // A changed file keeps the place its earlier record had: the order, and so which record of a
  // group is the first, stays the order of one run over everything.
  if (const auto found = prior_by_path_.find(source_path); found != prior_by_path_.end()) {
    const std::size_t position = found->second;
    prior_by_path_.erase(found);
    spooled_[position] = keep();
    line_hashes_[position] = hash;
    items_[position] = std::move(item);
    prior_[position].reset();
    if (member && position < members_.size()) members_[position] = keep_member(*member);
    positions_by_id_.clear();
    return;
  }
  spooled_.push_back(keep());
  line_hashes_.push_back(hash);
  items_.push_back(std::move(item));
  paths_.push_back(std::move(source_path));
  if (member) members_.push_back(keep_member(*member));
  prior_.emplace_back();
  if (!positions_by_id_.empty()) positions_by_id_[items_.back().id].push_back(items_.size() - 1);
}

void StoryCollector::add_prior(const StoredStoryItem& stored) {
  auto item = stories::deserialize_item(stored.item);
  if (!item) return;  // written by another version: the record is simply not known to this run
  Prior prior{item->id, stored.story_id, std::nullopt};
  if (!stored.duplicate_of.empty()) prior.duplicate_of = stored.duplicate_of;
  spooled_.push_back(kNotSpooled);
  line_hashes_.push_back(0);
  items_.push_back(std::move(*item));
  paths_.push_back(stored.path);
  prior_.push_back(std::make_unique<Prior>(std::move(prior)));
  prior_by_path_[stored.path] = items_.size() - 1;
  if (!positions_by_id_.empty()) positions_by_id_[items_.back().id].push_back(items_.size() - 1);
}

void StoryCollector::remove_prior(const std::string& source_path) {
  const auto found = prior_by_path_.find(source_path);
  if (found == prior_by_path_.end()) return;
  removed_.resize(items_.size());
  removed_[found->second] = true;
  prior_by_path_.erase(found);
}

std::vector<std::pair<std::string, std::string>> StoryCollector::new_ids() const {
  std::vector<std::pair<std::string, std::string>> ids;
  for (const auto& [position, line] : rewritten_) ids.emplace_back(paths_[position], items_[position].id);
  std::sort(ids.begin(), ids.end());
  return ids;
}

std::vector<StoredStoryItem> StoryCollector::stored_items() const {
  std::vector<StoredStoryItem> stored;
  stored.reserve(items_.size());
  for (std::size_t position = 0; position < items_.size(); ++position)
    stored.push_back({paths_[position], stories::serialize_item(items_[position]),
                      items_[assignments_.at(position).story].id, duplicate_id(position).value_or("")});
  return stored;
}

std::optional<std::string> StoryCollector::duplicate_id(std::size_t position) const {
  if (const auto& first = assignments_.at(position).duplicate_of) return items_[*first].id;
  return std::nullopt;
}

void StoryCollector::remove(const std::string& id, const std::string& source_path) {
  if (positions_by_id_.empty())
    for (std::size_t position = 0; position < items_.size(); ++position)
      positions_by_id_[items_[position].id].push_back(position);
  removed_.resize(items_.size());
  const auto found = positions_by_id_.find(id);
  if (found == positions_by_id_.end()) return;
  for (const std::size_t position : found->second)
    if (paths_[position] == source_path) removed_[position] = true;
}

void StoryCollector::drop_removed() {
  if (std::find(removed_.begin(), removed_.end(), true) == removed_.end()) return;
  removed_.resize(items_.size());
  const auto keep = [&](auto& values) {
    if (values.empty()) return;
    std::size_t out = 0;
    for (std::size_t position = 0; position < values.size(); ++position) {
      if (removed_[position]) continue;
      // Never move a value onto itself: a self-moved std::string is left empty.
      if (out != position) values[out] = std::move(values[position]);
      ++out;
    }
    values.resize(out);
  };
  keep(items_), keep(spooled_), keep(paths_), keep(line_hashes_), keep(members_), keep(prior_);
  removed_.clear();
  positions_by_id_.clear();
  prior_by_path_.clear();
}

void StoryCollector::sort_by_source() {
  drop_removed();
  std::vector<std::size_t> order(items_.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return std::tie(paths_[a], items_[a].id, line_hashes_[a]) < std::tie(paths_[b], items_[b].id, line_hashes_[b]);
  });
  // In place, cycle by cycle: a sorted copy of a million items would double the peak memory.
  const auto permute = [&](auto& values) {
    if (values.empty()) return;
    std::vector<bool> placed(order.size());
    for (std::size_t start = 0; start < order.size(); ++start) {
      if (placed[start] || order[start] == start) continue;
      auto held = std::move(values[start]);
      std::size_t at = start;
      while (order[at] != start) {
        values[at] = std::move(values[order[at]]);
        placed[at] = true;
        at = order[at];
      }
      values[at] = std::move(held);
      placed[at] = true;
    }
  };
  permute(items_), permute(spooled_), permute(paths_), permute(line_hashes_), permute(members_), permute(prior_);
}

// A line this run or an earlier one wrote, read back: not a record means its file was changed.
Article StoryCollector::record_at(std::size_t position, const std::string& line) const {
  Result<Article> article = read_record_line(line);
  if (!article)
    throw FatalError(FatalKind::output, code::output_failed, paths_[position],
                     fmt::format("the record of {} read back is not the one written ({}); run again", paths_[position],
                                 article.error().message));
  return std::move(article).value();
}

void StoryCollector::set_story_fields_of(std::size_t position, std::string& line) const {
  if (Status set = set_story_fields(line, items_[assignments_[position].story].id, duplicate_id(position)); !set)
    throw FatalError(FatalKind::output, code::output_failed, paths_[position],
                     fmt::format("the record of {} read back is not the one written ({}); run again", paths_[position],
                                 set.error().message));
}

std::optional<std::string> StoryCollector::line_at(std::size_t position) {
  if (const auto found = rewritten_.find(position); found != rewritten_.end()) return found->second;
  if (spooled_[position] == kNotSpooled) return reload_ ? reload_(paths_[position]) : std::nullopt;
  std::string line;
  spool_.read(spooled_[position], line);
  // A line read from its record file again must be the line read the first time.
  if (spool_.referred(spooled_[position]) && line_hash(line) != line_hashes_[position])
    throw FatalError(FatalKind::output, code::output_failed, spool_.file_of(spooled_[position]),
                     fmt::format("{} changed while newsnorm read it (at the record of {}); run again",
                                 spool_.file_of(spooled_[position]), paths_[position]));
  return line;
}

void StoryCollector::take_metadata_for_bare_texts(StoryCounts& counts) {
  const auto matches = stories::match_metadata(items_);
  for (std::size_t position = 0; position < matches.size(); ++position) {
    if (!matches[position]) continue;
    const auto known_line = line_at(matches[position]->source);
    const auto bare_line = line_at(position);
    if (!known_line || !bare_line) continue;
    const Article known = record_at(matches[position]->source, *known_line);
    Article bare = record_at(position, *bare_line);
    stories::take_metadata(bare, known, matches[position]->related_index);
    std::string line;
    append_record(line, bare);
    rewritten_[position] = std::move(line);
    items_[position] = stories::story_item(bare);
    if (!members_.empty()) members_[position] = keep_member(story_member(bare));
    ++counts.linked;
  }
}

StoryCounts StoryCollector::solve() {
  StoryCounts counts;
  drop_removed();
  take_metadata_for_bare_texts(counts);
  assignments_ = stories::assign_stories(items_, options_);
  std::vector<std::size_t> sizes(items_.size());
  for (const auto& assignment : assignments_) {
    ++sizes[assignment.story];
    counts.duplicates += assignment.duplicate_of.has_value();
  }
  counts.stories = static_cast<std::size_t>(std::count_if(sizes.begin(), sizes.end(), [](auto n) { return n > 1; }));
  return counts;
}

void StoryCollector::write_records(OutputSink* out, StoryCounts* counts, const RecordTap& tap) {
  // Earlier stories: merged whole into another (one story-merge line), or split (their records that
  // leave are written again).
  std::map<std::string, std::set<std::string>> became;
  for (std::size_t position = 0; position < items_.size(); ++position)
    if (prior_[position]) became[prior_[position]->story_id].insert(items_[assignments_[position].story].id);
  std::string line;
  for (std::size_t position = 0; position < items_.size(); ++position) {
    const std::string& story = items_[assignments_[position].story].id;
    const std::optional<std::string> duplicate_of = duplicate_id(position);
    const auto& prior = prior_[position];
    if (prior) {
      const bool split = became[prior->story_id].size() > 1 && story != prior->story_id;
      const bool again_to_out = split || rewritten_.contains(position) || duplicate_of != prior->duplicate_of;
      // A database holds each article as it is now: it also takes the members of a merged story,
      // whose output is only the story-merge line, and never a `replaces`.
      const bool again_to_tap = tap && (again_to_out || story != prior->story_id);
      if (!again_to_out && !again_to_tap) continue;
      const auto again = line_at(position);
      if (!again) continue;  // its file is gone or unreadable: the next run reports it deleted
      Article article = record_at(position, *again);
      article.story_id = story;
      article.duplicate_of = duplicate_of;
      if (again_to_tap) {
        line.clear();
        append_record(line, article);
        tap(line, paths_[position]);
      }
      if (again_to_out) {
        article.replaces = prior->id;
        line.clear();
        append_record(line, article);
        if (out) out->write(line);
        if (counts) ++counts->rewritten;
      }
      continue;
    }
    auto record = line_at(position);
    set_story_fields_of(position, *record);
    if (out) out->write(*record);
    if (tap) tap(*record, paths_[position]);
  }
  for (const auto& [was, now] : became) {
    if (now.size() != 1 || *now.begin() == was) continue;
    line.clear();
    JsonWriter w(line);
    w.begin_object();
    w.key(key_of(&Article::story_id)), w.string(*now.begin());
    w.key(kMergedStoryKey), w.string(was);
    w.end_object();
    line.push_back('\n');
    if (out) out->write(line);
    if (counts) ++counts->merged;
  }
}

bool StoryCollector::write_records_in_place(OutputSink& out, std::uint32_t file) {
  if (!blank_written_ || !out.rewritable() || !removed_.empty()) return false;
  const std::size_t n = items_.size();
  std::vector<std::uint32_t> old_lengths(n), final_lengths(n);
  std::unordered_map<std::size_t, std::string> whole;  // final lines of records that took metadata
  std::uint64_t end = 0;
  for (std::size_t position = 0; position < n; ++position) {
    if (prior_[position] || spooled_[position] == kNotSpooled || !spool_.referred(spooled_[position])) return false;
    const LineSpool::Entry& where = spool_.where(spooled_[position]);
    if (where.file != file || where.offset != end) return false;
    old_lengths[position] = where.length + 1;
    end += old_lengths[position];
    const std::string& story = items_[assignments_[position].story].id;
    const auto duplicate_of = duplicate_id(position);
    if (const auto found = rewritten_.find(position); found != rewritten_.end()) {
      std::string line = found->second;
      set_story_fields_of(position, line);
      if (line.size() < old_lengths[position]) return false;
      final_lengths[position] = static_cast<std::uint32_t>(line.size());
      whole.emplace(position, std::move(line));
    } else {
      final_lengths[position] =
          old_lengths[position] + static_cast<std::uint32_t>(story_fields_growth(story, duplicate_of));
    }
  }
  if (end != out.size()) return false;
  out.grow_lines_in_place(old_lengths, final_lengths, [&](std::size_t position, std::string& line) {
    if (const auto found = whole.find(position); found != whole.end()) return void(line = found->second);
    set_story_fields_of(position, line);
  });
  return true;
}

std::optional<std::string> StoryCollector::record_for(const std::string& path) {
  if (assignments_.empty()) return std::nullopt;
  if (position_by_path_.empty())
    for (std::size_t position = 0; position < paths_.size(); ++position)
      position_by_path_.emplace(paths_[position], position);  // the first of a path, as a scan would find
  const auto found = position_by_path_.find(path);
  if (found == position_by_path_.end()) return std::nullopt;
  const std::size_t position = found->second;
  auto line = line_at(position);
  if (line) set_story_fields_of(position, *line);
  return line;
}

void StoryCollector::write_stories(OutputSink& out) {
  std::map<std::size_t, std::vector<std::size_t>> by_story;  // in order of their first record
  for (std::size_t position = 0; position < assignments_.size(); ++position)
    by_story[assignments_[position].story].push_back(position);
  std::string line;
  std::vector<StoryMember> members;
  for (const auto& [first, positions] : by_story) {
    members.clear();
    for (const std::size_t p : positions) members.push_back(member_at(p));
    line.clear();
    JsonWriter w(line);
    w.begin_object();
    w.key(key_of(&Article::story_id)), w.string(items_[first].id);
    // The representative title: the first original record's that has one.
    std::string title, earliest, latest;
    std::set<std::string> providers;
    for (std::size_t k = 0; k < positions.size(); ++k) {
      const std::size_t p = positions[k];
      const StoryMember& m = members[k];
      if (title.empty() && !assignments_[p].duplicate_of) title = m.title;
      if (!m.provider.empty()) providers.insert(m.provider);
      if (!m.published.empty() && (earliest.empty() || m.published < earliest)) earliest = m.published;
      if (!m.published.empty() && m.published > latest) latest = m.published;
    }
    w.key(key_of(&Article::title)), title.empty() ? w.null() : w.string(title);
    w.key("members");
    w.begin_array();
    for (std::size_t k = 0; k < positions.size(); ++k) {
      const std::size_t p = positions[k];
      const StoryMember& m = members[k];
      w.begin_object();
      w.key(key_of(&Article::id)), w.string(items_[p].id);
      w.key(key_of(&Article::url)), m.url.empty() ? w.null() : w.string(m.url);
      w.key(key_of(&Article::provider)), m.provider.empty() ? w.null() : w.string(m.provider);
      w.key(key_of(&Article::duplicate_of));
      assignments_[p].duplicate_of ? w.string(items_[*assignments_[p].duplicate_of].id) : w.null();
      w.end_object();
    }
    w.end_array();
    w.key("firstPublishedDateTime"), earliest.empty() ? w.null() : w.string(earliest);
    w.key("lastPublishedDateTime"), latest.empty() ? w.null() : w.string(latest);
    w.key("providers"), w.integer(static_cast<std::int64_t>(providers.size()));
    w.end_object();
    line.push_back('\n');
    out.write(line);
  }
}

}  // namespace newsnorm
