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
  if (members().at(position) == kNoMember) throw std::logic_error("a story member that was not kept");
  member_spool_.read(members()[position], bytes);
  StoryMember member;
  Unpacker packed(bytes);
  for (std::string* text : {&member.url, &member.provider, &member.title, &member.published})
    if (!packed.get(*text)) throw std::logic_error("a story member spooled in another form");
  return member;
}

void StoryCollector::reserve(std::size_t records) { records_.reserve(records_.size() + records); }

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
    spooled()[position] = keep();
    line_hashes()[position] = hash;
    items()[position] = std::move(item);
    priors()[position].reset();
    if (member) members()[position] = keep_member(*member);
    positions_by_id_.clear();
    return;
  }
  const std::size_t spooled_at = keep();
  const std::size_t member_at = member ? keep_member(*member) : kNoMember;
  records_.push(std::move(item), spooled_at, std::move(source_path), hash, member_at, nullptr);
  if (!positions_by_id_.empty()) positions_by_id_[items().back().id].push_back(records_.size() - 1);
}

void StoryCollector::add_prior(const StoredStoryItem& stored) {
  auto item = stories::deserialize_item(stored.item);
  if (!item) return;  // written by another version: the record is simply not known to this run
  Prior prior{item->id, stored.story_id, std::nullopt};
  if (!stored.duplicate_of.empty()) prior.duplicate_of = stored.duplicate_of;
  records_.push(std::move(*item), kNotSpooled, stored.path, 0, kNoMember, std::make_unique<Prior>(std::move(prior)));
  prior_by_path_[stored.path] = records_.size() - 1;
  if (!positions_by_id_.empty()) positions_by_id_[items().back().id].push_back(records_.size() - 1);
}

void StoryCollector::remove_prior(const std::string& source_path) {
  const auto found = prior_by_path_.find(source_path);
  if (found == prior_by_path_.end()) return;
  removed_.resize(items().size());
  removed_[found->second] = true;
  prior_by_path_.erase(found);
}

std::vector<std::pair<std::string, std::string>> StoryCollector::new_ids() const {
  std::vector<std::pair<std::string, std::string>> ids;
  for (const auto& [position, line] : rewritten_) ids.emplace_back(paths()[position], items()[position].id);
  std::sort(ids.begin(), ids.end());
  return ids;
}

std::vector<StoredStoryItem> StoryCollector::stored_items() const {
  std::vector<StoredStoryItem> stored;
  stored.reserve(items().size());
  for (std::size_t position = 0; position < items().size(); ++position)
    stored.push_back({paths()[position], stories::serialize_item(items()[position]),
                      items()[assignments_.at(position).story].id, duplicate_id(position).value_or("")});
  return stored;
}

std::optional<std::string> StoryCollector::duplicate_id(std::size_t position) const {
  if (const auto& first = assignments_.at(position).duplicate_of) return items()[*first].id;
  return std::nullopt;
}

void StoryCollector::remove(const std::string& id, const std::string& source_path) {
  if (positions_by_id_.empty())
    for (std::size_t position = 0; position < items().size(); ++position)
      positions_by_id_[items()[position].id].push_back(position);
  removed_.resize(items().size());
  const auto found = positions_by_id_.find(id);
  if (found == positions_by_id_.end()) return;
  for (const std::size_t position : found->second)
    if (paths()[position] == source_path) removed_[position] = true;
}

void StoryCollector::drop_removed() {
  if (std::find(removed_.begin(), removed_.end(), true) == removed_.end()) return;
  removed_.resize(items().size());
  records_.keep_if([&](std::size_t position) { return !removed_[position]; });
  removed_.clear();
  positions_by_id_.clear();
  prior_by_path_.clear();
}

void StoryCollector::sort_by_source() {
  drop_removed();
  std::vector<std::size_t> order(items().size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return std::tie(paths()[a], items()[a].id, line_hashes()[a]) <
           std::tie(paths()[b], items()[b].id, line_hashes()[b]);
  });
  records_.permute(order);
}

// A line this run or an earlier one wrote, read back: not a record means its file was changed.
Article StoryCollector::record_at(std::size_t position, const std::string& line) const {
  Result<Article> article = read_record_line(line);
  if (!article) not_as_written(position, article.error());
  return std::move(article).value();
}

void StoryCollector::set_story_fields_of(std::size_t position, std::string& line) const {
  if (Status set = set_story_fields(line, items()[assignments_[position].story].id, duplicate_id(position)); !set)
    not_as_written(position, set.error());
}

void StoryCollector::not_as_written(std::size_t position, const Diagnostic& why) const {
  throw FatalError(
      FatalKind::output, code::output_failed, paths()[position],
      fmt::format("the record of {} read back is not the one written ({}); run again", paths()[position], why.message));
}

std::optional<std::string> StoryCollector::line_at(std::size_t position) {
  if (const auto found = rewritten_.find(position); found != rewritten_.end()) return found->second;
  if (spooled()[position] == kNotSpooled) return reload_ ? reload_(paths()[position]) : std::nullopt;
  std::string line;
  spool_.read(spooled()[position], line);
  // A line read from its record file again must be the line read the first time.
  if (spool_.referred(spooled()[position]) && line_hash(line) != line_hashes()[position])
    throw FatalError(FatalKind::output, code::output_failed, spool_.file_of(spooled()[position]),
                     fmt::format("{} changed while newsnorm read it (at the record of {}); run again",
                                 spool_.file_of(spooled()[position]), paths()[position]));
  return line;
}

void StoryCollector::take_metadata_for_bare_texts(StoryCounts& counts) {
  const auto matches = stories::match_metadata(items());
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
    items()[position] = stories::story_item(bare);
    if (members()[position] != kNoMember) members()[position] = keep_member(story_member(bare));
    ++counts.linked;
  }
}

StoryCounts StoryCollector::solve() {
  StoryCounts counts;
  drop_removed();
  take_metadata_for_bare_texts(counts);
  assignments_ = stories::assign_stories(items(), options_);
  std::vector<std::size_t> sizes(items().size());
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
  for (std::size_t position = 0; position < items().size(); ++position)
    if (priors()[position]) became[priors()[position]->story_id].insert(items()[assignments_[position].story].id);
  std::string line;
  for (std::size_t position = 0; position < items().size(); ++position) {
    const std::string& story = items()[assignments_[position].story].id;
    const std::optional<std::string> duplicate_of = duplicate_id(position);
    const auto& prior = priors()[position];
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
        tap(line, paths()[position]);
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
    if (tap) tap(*record, paths()[position]);
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
  const std::size_t n = items().size();
  std::vector<std::uint32_t> old_lengths(n), final_lengths(n);
  std::unordered_map<std::size_t, std::string> whole;  // final lines of records that took metadata
  std::uint64_t end = 0;
  for (std::size_t position = 0; position < n; ++position) {
    if (priors()[position] || spooled()[position] == kNotSpooled || !spool_.referred(spooled()[position])) return false;
    const LineSpool::Entry& where = spool_.where(spooled()[position]);
    if (where.file != file || where.offset != end) return false;
    old_lengths[position] = where.length + 1;
    end += old_lengths[position];
    const std::string& story = items()[assignments_[position].story].id;
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
    for (std::size_t position = 0; position < paths().size(); ++position)
      position_by_path_.emplace(paths()[position], position);  // the first of a path, as a scan would find
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
    w.key(key_of(&Article::story_id)), w.string(items()[first].id);
    // The representative title: the first original record's that has one.
    std::string title, earliest, latest;
    // Providers that carried the story, and those of them with a report of their own (an original,
    // not a copy): one AP story on 40 sites is 40 providers and 1 independent report.
    std::set<std::string> providers, independent;
    for (std::size_t k = 0; k < positions.size(); ++k) {
      const std::size_t p = positions[k];
      const StoryMember& m = members[k];
      if (title.empty() && !assignments_[p].duplicate_of) title = m.title;
      if (!m.provider.empty()) providers.insert(m.provider);
      if (!m.provider.empty() && !assignments_[p].duplicate_of) independent.insert(m.provider);
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
      w.key(key_of(&Article::id)), w.string(items()[p].id);
      w.key(key_of(&Article::url)), m.url.empty() ? w.null() : w.string(m.url);
      w.key(key_of(&Article::provider)), m.provider.empty() ? w.null() : w.string(m.provider);
      w.key(key_of(&Article::duplicate_of));
      assignments_[p].duplicate_of ? w.string(items()[*assignments_[p].duplicate_of].id) : w.null();
      w.end_object();
    }
    w.end_array();
    w.key("firstPublishedDateTime"), earliest.empty() ? w.null() : w.string(earliest);
    w.key("lastPublishedDateTime"), latest.empty() ? w.null() : w.string(latest);
    w.key("providers"), w.integer(static_cast<std::int64_t>(providers.size()));
    w.key("independentProviders"), w.integer(static_cast<std::int64_t>(independent.size()));
    w.end_object();
    line.push_back('\n');
    out.write(line);
  }
}

}  // namespace newsnorm
