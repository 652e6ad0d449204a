#include "newsnorm/stories/story_item.hpp"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>
#include <xxhash.h>

#include "newsnorm/core/ascii.hpp"
#include "newsnorm/core/byte_packing.hpp"
#include "newsnorm/core/civil_date.hpp"
#include "newsnorm/export/record_scan.hpp"
#include "newsnorm/stories/words.hpp"

namespace newsnorm::stories {
namespace {

constexpr std::size_t kWindow = 8;          // words: long enough that a match is no accident
constexpr std::size_t kLeadWindows = 1500;  // an excerpt is taken from the lead, not the end
constexpr std::size_t kAnchorWords = 12;    // shorter excerpts say too little to pin an article on
// A dateline or byline is a few words: a dash further in is part of the sentence.
constexpr std::size_t kDatelineBytes = 80;
// A title of fewer words ("Weekly roundup", "AI news") is shared by articles that are not copies.
constexpr std::size_t kTitleKeyWords = 6;

std::uint64_t window_hash(const std::vector<Word>& words, std::size_t at) {
  std::uint64_t hash = 0x9e3779b97f4a7c15ULL;
  for (std::size_t i = at; i < at + kWindow; ++i) hash = (hash ^ words[i].hash) * 0x100000001b3ULL + (hash >> 29);
  return hash;
}

std::optional<Anchor> anchor_of(const std::optional<std::string>& excerpt, std::uint32_t related_index) {
  if (!excerpt) return std::nullopt;
  std::vector<Word> words;
  split_words(*excerpt, words);
  // The last word may have been cut by the aggregator ("…which will be" from "…which will become").
  if (!words.empty()) words.pop_back();
  if (words.size() < kAnchorWords) return std::nullopt;
  const std::size_t last = words.size() - kWindow;
  return Anchor{window_hash(words, 0), window_hash(words, last), static_cast<std::uint32_t>(last), related_index};
}

// "SPRINGFIELD, Mass. --", "SAN FRANCISCO (Reuters) -": the text before the first dash of the
// start, when that text has a word in capitals (a place) or a parenthesis (an agency).
std::string_view without_dateline(std::string_view text) {
  static constexpr std::string_view kDashes[] = {" -- ", " \u2014 ", " \u2013 ", " - ", "\u2014", "\u2013"};
  const std::string_view start = text.substr(0, kDatelineBytes);
  std::size_t dash = std::string_view::npos, length = 0;
  for (const std::string_view d : kDashes)
    if (const std::size_t at = start.find(d); at < dash) dash = at, length = d.size();
  if (dash == std::string_view::npos) return text;
  const std::string_view head = text.substr(0, dash);
  bool marked = head.find('(') != std::string_view::npos;
  std::size_t capitals = 0;
  for (const char c : head) capitals = c >= 'A' && c <= 'Z' ? capitals + 1 : 0, marked |= capitals >= 3;
  return marked ? text.substr(dash + length) : text;
}

bool cut_mark_at(std::string_view text, bool at_end) {
  for (const std::string_view mark : {std::string_view("..."), std::string_view("\u2026")})
    if (at_end ? text.ends_with(mark) : text.starts_with(mark)) return true;
  return false;
}

// How many words a byline takes at the start ("By Jane Doe and John Roe"): "by", then two to five
// capitalised words (and "and"); 0 when the text does not start so ("By 2025, …").
std::size_t byline_words(const std::vector<Word>& words) {
  static const std::uint64_t by = word_hash("by"), and_ = word_hash("and");
  if (words.empty() || words[0].hash != by || !words[0].capitalized) return 0;
  std::size_t end = 1, names = 0;
  while (end < words.size() && names < 5 && (words[end].capitalized || words[end].hash == and_))
    names += words[end].capitalized, ++end;
  return names >= 2 && end < words.size() ? end : 0;
}

bool read_number(std::string_view text, std::size_t at, std::size_t length, int& out) {
  if (at + length > text.size()) return false;
  const auto [end, error] = std::from_chars(text.data() + at, text.data() + at + length, out);
  return error == std::errc() && end == text.data() + at + length;
}

// The state keeps a hash where it kept the text before: "#" and 16 hex digits, or "" for none. A
// state written before keeps the text, which is hashed when read.
std::string hash_field(std::uint64_t hash) { return hash ? fmt::format("#{:016x}", hash) : std::string(); }
bool read_hash_field(Unpacker& u, std::uint64_t& hash) {
  std::string text;
  if (!u.get(text)) return false;
  hash = 0;
  if (text.size() == 17 && text[0] == '#') {
    const auto [end, error] = std::from_chars(text.data() + 1, text.data() + text.size(), hash, 16);
    if (error == std::errc() && end == text.data() + text.size() && hash != 0) return true;
  }
  if (!text.empty()) hash = text_hash(text);
  return true;
}

// The lead and title key of a record without a body. Whether it has one is told by its signature
// (which `newsnorm stories` reads without the text): the signature's shingles are those of the
// title's, the excerpt's and the text's words together, so they are no more than the title's and
// the excerpt's exactly when the text has no words.
void add_short_evidence(std::string_view title, std::string_view excerpt, StoryItem& item) {
  std::vector<Word> title_words, excerpt_words;
  split_words(title, title_words);
  split_words(excerpt, excerpt_words);
  const std::size_t words = title_words.size() + excerpt_words.size();
  if (item.signature.shingles > std::max<std::size_t>(words, 2) - 2) return;
  if (title_words.size() >= kTitleKeyWords) {
    std::uint64_t key = 0x9e3779b97f4a7c15ULL;
    for (const Word& word : title_words) key = (key ^ word.stem) * 0x100000001b3ULL + (key >> 29);
    item.title_key = key ? key : 1;
  }
  const std::vector<std::uint64_t> lead = lead_words(excerpt);
  for (std::size_t i = 0; i + 2 < lead.size() && item.lead.size() < StoryItem::kLeadShingles; ++i) {
    const std::uint64_t shingle = XXH3_64bits_withSeed(&lead[i], 3 * sizeof(std::uint64_t), 0x5eed);
    item.lead.push_back(static_cast<std::uint32_t>(shingle >> 32));
  }
  std::sort(item.lead.begin(), item.lead.end());
  item.lead.erase(std::unique(item.lead.begin(), item.lead.end()), item.lead.end());
}

}  // namespace

std::vector<std::uint64_t> lead_words(std::string_view excerpt) {
  std::string_view text = excerpt;
  while (!text.empty() && static_cast<unsigned char>(text.back()) <= ' ') text.remove_suffix(1);
  while (!text.empty() && static_cast<unsigned char>(text.front()) <= ' ') text.remove_prefix(1);
  const bool cut_start = cut_mark_at(text, false);
  // An excerpt that ends without closing punctuation was cut there, perhaps inside a word.
  static constexpr std::string_view kClosing[] = {".", "!", "?", "\"", "'", ")", "\u201d", "\u2019"};
  const bool closed = std::any_of(std::begin(kClosing), std::end(kClosing),
                                  [&](std::string_view mark) { return text.ends_with(mark); });
  const bool cut_end = !text.empty() && (cut_mark_at(text, true) || !closed);
  std::vector<Word> words;
  split_words(without_dateline(text), words);
  std::size_t begin = byline_words(words) + (cut_start ? 1 : 0), end = words.size();
  if (cut_end && end > begin) --end;
  std::vector<std::uint64_t> out;
  for (std::size_t i = begin; i < end; ++i) out.push_back(words[i].hash);
  return out;
}

std::uint64_t text_hash(std::string_view text) {
  const std::uint64_t hash = XXH3_64bits(text.data(), text.size());
  return hash ? hash : 1;
}

std::string serialize_item(const StoryItem& item) {
  Packer p;
  p.put(std::string_view(item.id));
  p.put(std::string_view(hash_field(item.dedupe_key)));
  p.put(static_cast<std::uint8_t>(item.published.has_value()));
  p.put(item.published.value_or(0));
  p.put(std::string_view(hash_field(item.provider)));
  p.put(std::string_view(encode_signature(item.signature)));
  p.put(static_cast<std::uint8_t>(item.wants_metadata));
  p.put(static_cast<std::uint32_t>(item.windows.size()));
  for (const std::uint64_t window : item.windows) p.put(window);
  p.put(static_cast<std::uint32_t>(item.anchors.size()));
  for (const Anchor& anchor : item.anchors)
    p.put(anchor.first), p.put(anchor.last), p.put(anchor.span), p.put(anchor.related_index);
  // Added later, at the end: a state written before has none (its records have no short evidence).
  p.put(item.title_key);
  p.put(static_cast<std::uint32_t>(item.lead.size()));
  for (const std::uint32_t shingle : item.lead) p.put(shingle);
  return std::move(p.out);
}

std::optional<StoryItem> deserialize_item(std::string_view bytes) {
  Unpacker u(bytes);
  StoryItem item;
  std::uint8_t dated = 0, wants = 0;
  std::int64_t published = 0;
  std::string signature;
  std::uint32_t count = 0;
  if (!u.get(item.id) || !read_hash_field(u, item.dedupe_key) || !u.get(dated) || !u.get(published) ||
      !read_hash_field(u, item.provider) || !u.get(signature) || !u.get(wants) || !u.get(count))
    return std::nullopt;
  if (dated) item.published = published;
  item.wants_metadata = wants != 0;
  auto decoded = decode_signature(signature);
  if (!decoded) return std::nullopt;
  item.signature = std::move(*decoded);
  for (std::uint32_t i = 0; i < count; ++i)
    if (!u.get(item.windows.emplace_back())) return std::nullopt;
  if (!u.get(count)) return std::nullopt;
  for (std::uint32_t i = 0; i < count; ++i) {
    Anchor& a = item.anchors.emplace_back();
    if (!u.get(a.first) || !u.get(a.last) || !u.get(a.span) || !u.get(a.related_index)) return std::nullopt;
  }
  if (!u.done()) {
    if (!u.get(item.title_key) || !u.get(count) || count > StoryItem::kLeadShingles) return std::nullopt;
    for (std::uint32_t i = 0; i < count; ++i)
      if (!u.get(item.lead.emplace_back())) return std::nullopt;
  }
  if (!u.done()) return std::nullopt;
  return item;
}

std::optional<std::int64_t> epoch_seconds(std::string_view t) {
  int year, month, day, hour, minute, second;
  if (t.size() < 20 || t[4] != '-' || t[7] != '-' || t[10] != 'T' || t[13] != ':' || t[16] != ':') return std::nullopt;
  if (!read_number(t, 0, 4, year) || !read_number(t, 5, 2, month) || !read_number(t, 8, 2, day) ||
      !read_number(t, 11, 2, hour) || !read_number(t, 14, 2, minute) || !read_number(t, 17, 2, second))
    return std::nullopt;
  if (month < 1 || month > 12 || day < 1 || day > 31) return std::nullopt;
  return days_from_civil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second;
}

StoryItem story_item(const Article& article, const Signature* signature) {
  StoryItem item;
  item.id = article.id;
  if (article.dedupe_key) item.dedupe_key = text_hash(*article.dedupe_key);
  if (article.published_date_time) item.published = epoch_seconds(*article.published_date_time);
  if (article.provider) {
    const std::string provider =
        ascii::to_lower(article.provider->domain.value_or(article.provider->name.value_or("")));
    if (!provider.empty()) item.provider = text_hash(provider);
  }
  const std::string_view title = article.title ? std::string_view(*article.title) : std::string_view{};
  const std::string_view excerpt = article.excerpt ? std::string_view(*article.excerpt) : std::string_view{};
  const std::string_view text = article.text ? std::string_view(*article.text) : std::string_view(article.body);
  std::optional<Signature> known;
  if (signature)
    known = *signature;
  else if (article.signature)
    known = decode_signature(*article.signature);
  item.signature = known ? std::move(*known) : make_signature(title, excerpt, text);

  add_short_evidence(title, excerpt, item);

  item.wants_metadata = !article.url;
  if (item.wants_metadata) {
    std::vector<Word> words;
    split_words(text.substr(0, (kLeadWindows + kWindow) * 12), words);
    const std::size_t windows = words.size() >= kWindow ? std::min(words.size() - kWindow + 1, kLeadWindows) : 0;
    item.windows.reserve(windows);
    for (std::size_t at = 0; at < windows; ++at) item.windows.push_back(window_hash(words, at));
  } else if (auto own = anchor_of(article.excerpt, Anchor::kOwnRecord)) {
    item.anchors.push_back(*own);
  }
  for (std::size_t i = 0; i < article.related.size(); ++i)
    if (article.related[i].url)
      if (auto anchor = anchor_of(article.related[i].excerpt, static_cast<std::uint32_t>(i)))
        item.anchors.push_back(*anchor);
  return item;
}

std::optional<Article> scan_story_fields(std::string_view line) {
  // What story_item reads, and what a story line shows of a member (title, url, provider, date).
  static const std::vector<Member<Article>> without_text{
      &Article::id,       &Article::source,  &Article::replaces, &Article::published_date_time,
      &Article::title,    &Article::excerpt, &Article::url,      &Article::dedupe_key,
      &Article::provider, &Article::related, &Article::signature};
  static const std::vector<Member<Article>> with_text = [] {
    auto fields = without_text;
    fields.insert(fields.end(), {&Article::text, &Article::body});
    return fields;
  }();
  auto article = scan_record(line, without_text);
  const bool needs_text = article && (!article->url || !article->signature || !decode_signature(*article->signature));
  return needs_text ? scan_record(line, with_text) : article;
}

}  // namespace newsnorm::stories
