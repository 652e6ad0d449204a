// Taking a byline, an author's bio, image credits, date lines and a site footer out of bare text.
// Every rule is structural: where a line is (the start or the end of the text), how long it is, and
// shapes such as "By <Name>", "<Name> is a <role> at <Site>", "(Image credit: …)", "©".
#include "newsnorm/normalize/bare_text.hpp"

#include <algorithm>
#include <array>
#include <regex>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "newsnorm/core/ascii.hpp"
#include "newsnorm/core/civil_date.hpp"
#include "newsnorm/model/datetime.hpp"
#include "newsnorm/model/record_fields.hpp"

namespace newsnorm {
namespace {

constexpr std::size_t kMaxShapeLine = 300;     // longer lines are prose: no line-shape rule looks at them
constexpr std::size_t kMaxFooterBytes = 1200;  // a footer longer than this is not one
constexpr std::size_t kMaxBioBytes = 800;
constexpr std::size_t kTopLines = 4;  // bylines and date lines are among the first lines

const auto kIcase = std::regex::ECMAScript | std::regex::icase;

std::vector<std::string> split_words(std::string_view text) {
  std::vector<std::string> words;
  std::size_t at = 0;
  while (at < text.size()) {
    while (at < text.size() && ascii::is_space(text[at])) ++at;
    const std::size_t start = at;
    while (at < text.size() && !ascii::is_space(text[at])) ++at;
    if (at > start) words.emplace_back(text.substr(start, at - start));
  }
  return words;
}

std::string join_words(const std::vector<std::string>& words, std::size_t from, std::size_t to) {
  std::string out;
  for (std::size_t i = from; i < to && i < words.size(); ++i) out += (out.empty() ? "" : " ") + words[i];
  return out;
}

bool starts_upper(std::string_view word) {
  if (word.empty()) return false;
  const auto c = static_cast<unsigned char>(word[0]);
  return (c >= 'A' && c <= 'Z') || c >= 0xC0;  // a non-ASCII letter counts: "Élodie"
}

std::string_view strip_punct(std::string_view word) {
  while (!word.empty() && std::string_view(",.;:!?)\"”’'").find(word.back()) != std::string_view::npos)
    word.remove_suffix(1);
  while (!word.empty() && std::string_view("(\"“‘'").find(word.front()) != std::string_view::npos)
    word.remove_prefix(1);
  return word;
}

bool is_particle(std::string_view word) {
  static const std::array<std::string_view, 12> particles = {"de", "van", "von", "der", "da", "di",
                                                             "la", "le",  "del", "bin", "al", "du"};
  return std::find(particles.begin(), particles.end(), word) != particles.end();
}

// A person's name as bylines write it: two to five words, capitalised (particles and initials allowed).
bool is_name(std::string_view text) {
  text = ascii::trim(text);
  if (text.empty() || text.size() > 60) return false;
  const auto words = split_words(text);
  if (words.size() < 2 || words.size() > 5) return false;
  for (const auto& word : words) {
    if (is_particle(word)) continue;
    if (!starts_upper(word)) return false;
    for (const char c : word)
      if (ascii::is_digit(c) || std::string_view(",;:!?()@|/").find(c) != std::string_view::npos) return false;
  }
  return starts_upper(words.front()) && starts_upper(words.back());
}

// Words that say a line is a job title: "Senior Reporter", "Co-Managing Editor".
bool has_role_word(std::string_view text) {
  static const std::array<std::string_view, 22> roles = {
      "editor",   "reporter", "writer",  "correspondent", "journalist", "contributor", "columnist",    "author",
      "producer", "analyst",  "critic",  "photographer",  "staff",      "freelance",   "contributing", "intern",
      "host",     "anchor",   "blogger", "researcher",    "chief",      "newsletter"};
  const std::string lower = ascii::to_lower(text);
  return std::any_of(roles.begin(), roles.end(),
                     [&](std::string_view role) { return lower.find(role) != std::string::npos; });
}

// A job title on a line of its own: short, a role word, no sentence end.
bool is_role(std::string_view text) {
  text = ascii::trim(text);
  if (text.empty() || text.size() > 80 || split_words(text).size() > 8) return false;
  if (std::string_view(".!?").find(text.back()) != std::string_view::npos) return false;
  return has_role_word(text);
}

std::string quote(std::string_view text) { return fmt::format("\"{}\"", text); }

// ---- dates -----------------------------------------------------------------------------------

// ---- one line's shape --------------------------------------------------------------------------

struct Credit {
  std::optional<std::string> caption;  // on the same line, before the credit
  std::string credit;
};

// "(Image credit: NVIDIA)", "Photo: Reuters", "Credit: Jane Doe/AP", "Photo by Jane Doe": a whole line.
std::optional<Credit> credit_line(std::string_view line) {
  if (line.size() > kMaxShapeLine) return std::nullopt;
  static const std::regex labelled(
      R"(^\(?\s*(?:(?:image|photo|picture|photograph|illustration|header image|top image)(?:\s+(?:credit|credits|courtesy))?|credits?|photo credit)\s*:\s*([^()]{1,100}?)\s*\)?\.?$)",
      kIcase);
  static const std::regex by(
      R"(^\(?\s*(?:image|photo|picture|photograph)\s+(?:by|courtesy of|via)\s+([^()]{1,100}?)\s*\)?\.?$)", kIcase);
  static const std::regex trailing(
      R"(^(.{3,250}?)\s*[(\[]?\s*\b(?:image|photo|picture|photograph)(?:\s+credit)?\s*:\s*([^()\[\]]{1,80}?)\s*[)\]]?$)",
      kIcase);
  const std::string text(line);
  std::smatch match;
  if (std::regex_match(text, match, labelled) || std::regex_match(text, match, by)) {
    if (split_words(match[1].str()).size() > 12) return std::nullopt;
    return Credit{std::nullopt, match[1].str()};
  }
  if (std::regex_match(text, match, trailing)) {
    // After a caption the credit is a name ("Reuters", "Jane Doe/AP"): "the photo: fake." is prose.
    if (split_words(match[2].str()).size() > 8 || !starts_upper(match[2].str())) return std::nullopt;
    std::string caption(ascii::trim(match[1].str()));
    while (!caption.empty() && (caption.back() == '|' || caption.back() == '-' || caption.back() == ' '))
      caption.pop_back();
    return Credit{caption, match[2].str()};
  }
  return std::nullopt;
}

struct DateLine {
  bool updated = false;
  std::string date;  // as written
};

// "Published: March 3, 2023", "Updated 16 Nov 2022 10:32 am EST", "Posted on 2022-11-16".
std::optional<DateLine> date_line(std::string_view line) {
  if (line.size() > 120) return std::nullopt;
  static const std::regex shape(
      R"(^(published|updated|last updated|last modified|modified|posted|first published)(?:\s+on)?\s*:?\s+(.+?)\.?$)",
      kIcase);
  const std::string text(line);
  std::smatch match;
  if (!std::regex_match(text, match, shape)) return std::nullopt;
  const std::string date = match[2].str();
  if (!read_human_date(date)) return std::nullopt;
  const std::string kind = ascii::to_lower(match[1].str());
  return DateLine{kind.find("updated") != std::string::npos || kind.find("modified") != std::string::npos, date};
}

// "By Jane Doe", "By Jane Doe, Senior Reporter", "By Jane Doe and John Roe".
std::optional<std::vector<Author>> byline(std::string_view line) {
  line = ascii::trim(line);
  if (line.size() > 160 || line.size() < 5) return std::nullopt;
  if (!(line.starts_with("By ") || line.starts_with("BY ") || line.starts_with("by "))) return std::nullopt;
  std::string rest(ascii::trim(line.substr(3)));
  std::optional<std::string> role;
  if (const auto comma = rest.find(", "); comma != std::string::npos) {
    const std::string after(ascii::trim(std::string_view(rest).substr(comma + 2)));
    if (is_role(after)) {
      role = after;
      rest.resize(comma);
    }
  }
  // The names: "A and B", "A, B and C", "A & B".
  std::vector<std::string> names;
  std::string current;
  for (const auto& word : split_words(rest)) {
    if (word == "and" || word == "&") {
      names.push_back(current);
      current.clear();
      continue;
    }
    std::string_view w = word;
    const bool ends_list = w.ends_with(",");
    if (ends_list) w.remove_suffix(1);
    current += (current.empty() ? "" : " ") + std::string(w);
    if (ends_list) {
      names.push_back(current);
      current.clear();
    }
  }
  names.push_back(current);
  std::vector<Author> authors;
  for (const auto& name : names) {
    if (!is_name(name)) return std::nullopt;
    Author author;
    author.name = name;
    author.role = names.size() == 1 ? role : std::nullopt;
    authors.push_back(std::move(author));
  }
  if (role && names.size() != 1) return std::nullopt;
  return authors;
}

// ---- the footer --------------------------------------------------------------------------------

struct Segment {
  std::size_t line = 0;
  std::size_t begin = 0, end = 0;  // bytes of the line
};

// Sentences of a line: a boundary is . ! or ? (and closing quotes) then a space and a letter that is
// not lower case, so "Example Corp. and its affiliates" stays one. A copyright sign after a space
// also starts a piece ("… Advertise © 1998 …"); such a "soft" boundary ends no sentence.
struct Piece {
  std::size_t begin = 0, end = 0;
  bool soft_end = false;  // ended by a copyright sign, not by a sentence end or the line's end
};
std::vector<Piece> pieces_of(std::string_view line) {
  std::vector<Piece> out;
  std::size_t start = 0;
  constexpr std::string_view kCopyright = "©";
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (i > start && line[i - 1] == ' ' && line.substr(i).starts_with(kCopyright)) {
      out.push_back({start, i - 1, true});
      start = i;
      continue;
    }
    if (line[i] != '.' && line[i] != '!' && line[i] != '?') continue;
    std::size_t j = i + 1;
    while (j < line.size() && (line[j] == '"' || line[j] == '\'' || line[j] == ')')) ++j;
    if (line.substr(j).starts_with("”") || line.substr(j).starts_with("’")) j += 3;
    if (j >= line.size() || line[j] != ' ') continue;
    std::size_t k = j;
    while (k < line.size() && line[k] == ' ') ++k;
    if (k >= line.size() || (line[k] >= 'a' && line[k] <= 'z')) continue;
    out.push_back({start, j, false});
    start = k;
    i = k - 1;
  }
  if (start < line.size()) out.push_back({start, line.size(), false});
  return out;
}

std::vector<std::pair<std::size_t, std::size_t>> sentences(std::string_view line) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  bool joins = false;
  for (const Piece& piece : pieces_of(line)) {
    if (joins)
      out.back().second = piece.end;  // a soft boundary is inside a sentence
    else
      out.emplace_back(piece.begin, piece.end);
    joins = piece.soft_end;
  }
  return out;
}

enum class FooterKind { none, weak, copyright, trademark, masthead };

bool starts_with_icase(std::string_view text, std::string_view lower) {
  return text.size() >= lower.size() && ascii::equals_ignoring_case(text.substr(0, lower.size()), lower);
}

// "TECHSPOT : Tech Enthusiasts…": a word in capitals, then ':' or '|'.
std::optional<std::string> masthead_name(std::string_view text) {
  const auto words = split_words(text);
  if (words.size() < 2) return std::nullopt;
  std::size_t caps = 0;
  while (caps < words.size() && caps < 4) {
    const std::string& w = words[caps];
    const bool upper =
        w.size() >= 2 &&
        std::all_of(w.begin(), w.end(),
                    [](char c) { return (c >= 'A' && c <= 'Z') || ascii::is_digit(c) || c == '&' || c == '.'; }) &&
        std::any_of(w.begin(), w.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
    if (!upper) break;
    ++caps;
  }
  if (caps == 0 || caps >= words.size()) return std::nullopt;
  if (words[caps] != ":" && words[caps] != "|") return std::nullopt;
  return join_words(words, 0, caps);
}

// Words of a list of site links or a tagline: each capitalised, or a short joining word.
bool is_link_list(std::string_view text) {
  const auto words = split_words(text);
  if (words.empty() || words.size() > 20) return false;
  if (std::string_view(".!?\"”").find(text.back()) != std::string_view::npos) return false;
  static const std::array<std::string_view, 14> joiners = {"of",  "and", "&",  "the", "us",   "to",   "for",
                                                           "our", "a",   "in", "on",  "with", "your", "my"};
  for (const auto& word : words) {
    const std::string_view w = strip_punct(word);
    if (w.empty() || w == "|" || w == "·" || w == "•" || w == "-" || w == "–" || w == "/") continue;
    if (std::find(joiners.begin(), joiners.end(), w) != joiners.end()) continue;
    if (!starts_upper(w) && !ascii::is_digit(w[0])) return false;
  }
  return true;
}

FooterKind footer_kind(std::string_view text) {
  text = ascii::trim(text);
  if (text.empty()) return FooterKind::weak;
  if (text.size() <= 240 && (text.starts_with("©") || starts_with_icase(text, "copyright") ||
                             starts_with_icase(text, "(c) ") || starts_with_icase(text, "all rights reserved")))
    return FooterKind::copyright;
  const std::string lower = ascii::to_lower(text);
  if (split_words(text).size() <= 25 &&
      (lower.find("registered trademark") != std::string::npos || lower.find("trademarks of") != std::string::npos))
    return FooterKind::trademark;
  if (masthead_name(text) && text.size() <= 160) {
    const auto colon = text.find_first_of(":|");
    if (is_link_list(text.substr(colon + 1))) return FooterKind::masthead;
  }
  if (is_link_list(text)) return FooterKind::weak;
  return FooterKind::none;
}

// The names a copyright line gives its owner: "© 1998 - 2024 TechSpot, Inc." -> TechSpot.
std::vector<std::string> copyright_names(std::string_view text) {
  auto words = split_words(text);
  std::size_t at = 0;
  const auto skip = [](std::string_view w) {
    const std::string lower = ascii::to_lower(strip_punct(w));
    if (w == "©" || w == "(c)" || w == "(C)" || lower == "copyright" || w == "-" || w == "–" || w == "—") return true;
    return !lower.empty() &&
           std::all_of(lower.begin(), lower.end(), [](char c) { return ascii::is_digit(c) || c == '-'; });
  };
  while (at < words.size() && (skip(words[at]) || words[at].starts_with("©"))) {
    if (words[at].starts_with("©") && words[at] != "©") {
      words[at] = words[at].substr(std::string_view("©").size());
      if (!skip(words[at])) break;
    }
    ++at;
  }
  static const std::array<std::string_view, 10> suffixes = {"inc",         "llc", "ltd",  "limited", "corp",
                                                            "corporation", "co",  "gmbh", "plc",     "l.l.c"};
  std::vector<std::string> name;
  for (; at < words.size(); ++at) {
    std::string_view w = words[at];
    const bool last = !w.empty() && std::string_view(",.;:").find(w.back()) != std::string_view::npos;
    w = strip_punct(w);
    if (std::find(suffixes.begin(), suffixes.end(), ascii::to_lower(w)) != suffixes.end()) break;
    if (!w.empty()) name.emplace_back(w);
    if (last || name.size() >= 6) break;
  }
  if (name.empty()) return {};
  return {join_words(name, 0, name.size())};
}

// "… Gamers TechSpot is a registered trademark." -> "Gamers TechSpot", "TechSpot".
std::vector<std::string> trademark_names(std::string_view text) {
  const std::string lower = ascii::to_lower(text);
  const auto is = lower.find(" is a registered trademark");
  if (is == std::string::npos) return {};
  std::string_view before = text.substr(0, is);
  if (const auto cut = before.find_last_of(",:|;."); cut != std::string_view::npos) before = before.substr(cut + 1);
  const auto words = split_words(before);
  std::vector<std::string> names;
  for (std::size_t from = words.size() > 4 ? words.size() - 4 : 0; from < words.size(); ++from)
    names.push_back(join_words(words, from, words.size()));
  return names;
}

// "Jez Corden is a Managing Editor at Windows Central, focusing…" -> "Windows Central".
std::optional<std::string> site_in_bio(std::string_view bio) {
  const auto first_sentence = sentences(bio.substr(0, std::min<std::size_t>(bio.size(), 400)));
  if (first_sentence.empty()) return std::nullopt;
  const auto words = split_words(bio.substr(first_sentence[0].first, first_sentence[0].second));
  bool role_seen = false;
  for (std::size_t i = 0; i + 1 < words.size(); ++i) {
    if (has_role_word(words[i])) role_seen = true;
    if (!role_seen || (words[i] != "at" && words[i] != "for" && words[i] != "with")) continue;
    std::vector<std::string> site;
    for (std::size_t j = i + 1; j < words.size() && site.size() < 6; ++j) {
      const std::string_view w = strip_punct(words[j]);
      const bool joiner = w == "of" || w == "&" || w == "and";
      if (w.empty() || (!starts_upper(w) && !ascii::is_digit(w[0]) && !(joiner && !site.empty()))) break;
      site.emplace_back(w);
      if (strip_punct(words[j]).size() != words[j].size()) break;  // "Central," ends the name
    }
    while (!site.empty() && (site.back() == "of" || site.back() == "and" || site.back() == "&")) site.pop_back();
    if (!site.empty()) return join_words(site, 0, site.size());
    return std::nullopt;
  }
  return std::nullopt;
}

std::string first_sentence(std::string_view text) {
  const auto parts = sentences(text);
  if (parts.empty()) return std::string(text);
  return std::string(text.substr(parts[0].first, parts[0].second - parts[0].first));
}

// "<Name> is a/an/the …": the name when the paragraph opens so.
std::optional<std::string> bio_subject(std::string_view paragraph) {
  const auto words = split_words(paragraph.substr(0, std::min<std::size_t>(paragraph.size(), 200)));
  for (std::size_t n = 2; n <= 5 && n + 1 < words.size(); ++n) {
    if (words[n] != "is" && words[n] != "was") continue;
    const std::string name = join_words(words, 0, n);
    if (is_name(name)) return name;
    return std::nullopt;
  }
  return std::nullopt;
}

std::optional<std::string> twitter_handle(std::string_view bio) {
  static const std::regex follow(R"((?:twitter|x\.com)\b[^@\n]{0,20}@([A-Za-z0-9_]{1,15})\b)", kIcase);
  static const std::regex on(R"(@([A-Za-z0-9_]{1,15})\s+on\s+twitter\b)", kIcase);
  const std::string text(bio.substr(0, std::min<std::size_t>(bio.size(), kMaxBioBytes)));
  std::smatch match;
  if (std::regex_search(text, match, follow) || std::regex_search(text, match, on)) return "@" + match[1].str();
  return std::nullopt;
}

// ---- the pass over the lines -------------------------------------------------------------------

class Splitter {
 public:
  explicit Splitter(std::string_view body) {
    std::size_t at = 0;
    while (at <= body.size()) {
      const auto end = body.find('\n', at);
      lines_.emplace_back(body.substr(at, end == std::string_view::npos ? std::string_view::npos : end - at));
      if (end == std::string_view::npos) break;
      at = end + 1;
    }
    gone_.assign(lines_.size(), false);
  }

  BareTextParts run() {
    credits();
    footer();
    author_at_end();
    dates_at_end();
    top();
    parts_.body = rest();
    // White space where the text was cut, no-break spaces included.
    for (bool trimmed = true; trimmed;) {
      trimmed = false;
      while (!parts_.body.empty() && ascii::is_space(parts_.body.back())) parts_.body.pop_back(), trimmed = true;
      if (parts_.body.ends_with("\u00A0")) parts_.body.resize(parts_.body.size() - 2), trimmed = true;
    }
    return std::move(parts_);
  }

 private:
  bool blank(std::size_t i) const { return gone_[i] || ascii::trim(lines_[i]).empty(); }
  // The line before i that is still there and not blank, skipping at most `blanks` blank lines.
  std::optional<std::size_t> previous(std::size_t i, int blanks) const {
    while (i > 0) {
      --i;
      if (gone_[i]) continue;
      if (!ascii::trim(lines_[i]).empty()) return i;
      if (blanks-- == 0) return std::nullopt;
    }
    return std::nullopt;
  }
  // Whether line i stands alone: a blank line (or the start) before it.
  bool alone_before(std::size_t i) const {
    for (std::size_t j = i; j > 0;) {
      --j;
      if (gone_[j]) continue;
      return ascii::trim(lines_[j]).empty();
    }
    return true;
  }
  bool alone_after(std::size_t i) const {
    for (std::size_t j = i + 1; j < lines_.size(); ++j) {
      if (gone_[j]) continue;
      return ascii::trim(lines_[j]).empty();
    }
    return true;
  }

  void credits() {
    for (std::size_t i = 0; i < lines_.size(); ++i) {
      if (gone_[i]) continue;
      const auto credit = credit_line(ascii::trim(lines_[i]));
      if (!credit) continue;
      Image image;
      image.credit = credit->credit;
      if (credit->caption) {
        if (!alone_before(i) || !alone_after(i)) continue;  // a sentence that mentions a photo
        image.title = credit->caption;
        gone_[i] = true;
        parts_.removals.push_back(fmt::format(
            "took out the image caption {} and its credit {} into {} (a short paragraph ending in a photo credit)",
            quote(*credit->caption), quote(credit->credit), key_of(&Article::images)));
        parts_.images.push_back(std::move(image));
        continue;
      }
      gone_[i] = true;
      // The caption: a short paragraph of one line just before the credit (a blank line between
      // allowed when the caption is no sentence).
      const auto before = previous(i, 1);
      std::optional<std::size_t> caption;
      if (before && alone_before(*before) && !credit_line(lines_[*before])) {
        const std::string_view text = ascii::trim(lines_[*before]);
        const bool adjacent = *before + 1 == i;
        const bool sentence = std::string_view(".!?:").find(text.back()) != std::string_view::npos;
        if (text.size() <= 200 && split_words(text).size() <= 30 && (adjacent || !sentence)) caption = *before;
      }
      if (caption) {
        image.title = std::string(ascii::trim(lines_[*caption]));
        gone_[*caption] = true;
        parts_.removals.push_back(fmt::format(
            "took out the image caption {} and the credit line {} into {} (a short line followed by a credit "
            "line)",
            quote(*image.title), quote(ascii::trim(lines_[i])), key_of(&Article::images)));
      } else {
        parts_.removals.push_back(
            fmt::format("took out the credit line {} into {} (an image credit on a line of its own)",
                        quote(ascii::trim(lines_[i])), key_of(&Article::images)));
      }
      parts_.images.push_back(std::move(image));
    }
  }

  // A run of footer-like sentences and lines at the very end, with a copyright notice, a trademark
  // notice or a masthead among them.
  void footer() {
    std::optional<Segment> cut;
    bool strong = false;
    std::size_t bytes = 0;
    std::vector<ProviderClue> clues;
    for (std::size_t i = lines_.size(); i-- > 0;) {
      if (blank(i)) continue;
      const std::string_view line = lines_[i];
      const auto parts = pieces_of(line);
      bool stop = false;
      for (std::size_t s = parts.size(); s-- > 0;) {
        const std::string_view text = ascii::trim(line.substr(parts[s].begin, parts[s].end - parts[s].begin));
        const FooterKind kind = footer_kind(text);
        bytes += text.size();
        if (kind == FooterKind::none || bytes > kMaxFooterBytes) {
          // The notice must start a sentence or a line: "The label said © 2022 …" is the article's.
          if (parts[s].soft_end) return;
          stop = true;
          break;
        }
        if (kind == FooterKind::copyright) {
          strong = true;
          if (auto names = copyright_names(text); !names.empty())
            clues.push_back({"the copyright line", std::string(text), std::move(names)});
        } else if (kind != FooterKind::weak) {  // a trademark notice, a masthead, or both in one
          strong = true;
          ProviderClue clue{"", std::string(text), {}};
          const auto masthead = masthead_name(text);
          if (masthead) clue.names.push_back(*masthead);
          if (kind == FooterKind::trademark)
            for (auto& name : trademark_names(text)) clue.names.push_back(std::move(name));
          clue.evidence = masthead && kind == FooterKind::trademark ? "the footer masthead and trademark notice"
                          : masthead                                ? "the footer masthead"
                                                                    : "the trademark notice";
          if (!clue.names.empty()) clues.push_back(std::move(clue));
        }
        cut = Segment{i, parts[s].begin, parts[s].end};
      }
      if (stop) break;
    }
    if (!cut || !strong) return;
    // Something must be left: a text that is all footer is left as it is.
    bool before = ascii::trim(lines_[cut->line].substr(0, cut->begin)).size() > 0;
    for (std::size_t i = 0; i < cut->line && !before; ++i) before = !blank(i);
    if (!before) return;
    std::string footer(lines_[cut->line].substr(cut->begin));
    for (std::size_t i = cut->line + 1; i < lines_.size(); ++i)
      if (!gone_[i]) {
        footer += "\n" + lines_[i];
        gone_[i] = true;
      }
    lines_[cut->line] = std::string(ascii::trim(lines_[cut->line].substr(0, cut->begin)));
    if (lines_[cut->line].empty()) gone_[cut->line] = true;
    footer = std::string(ascii::trim(footer));
    parts_.removals.push_back(fmt::format(
        "took out the site footer {} (a copyright notice, trademark notice or masthead with site links at the end "
        "of the text)",
        quote(footer)));
    parts_.footer = footer;
    // Clues in the order of the text.
    std::reverse(clues.begin(), clues.end());
    for (auto& clue : clues) parts_.clues.push_back(std::move(clue));
  }

  // The paragraphs at the end, as line ranges [first, last].
  std::vector<std::pair<std::size_t, std::size_t>> last_paragraphs(std::size_t count) const {
    std::vector<std::pair<std::size_t, std::size_t>> out;
    constexpr std::size_t kNone = static_cast<std::size_t>(-1);
    std::size_t last = kNone;  // the last line of the paragraph being read, going up
    for (std::size_t i = lines_.size(); i-- > 0;) {
      if (gone_[i]) continue;
      if (ascii::trim(lines_[i]).empty()) {
        if (last != kNone) {
          out.emplace_back(i + 1, last);
          last = kNone;
          if (out.size() == count) return out;
        }
        continue;
      }
      if (last == kNone) last = i;
    }
    if (last != kNone) out.emplace_back(0, last);
    return out;
  }

  std::string paragraph_text(std::pair<std::size_t, std::size_t> range) const {
    std::string out;
    for (std::size_t i = range.first; i <= range.second; ++i)
      if (!gone_[i]) out += (out.empty() ? "" : " ") + std::string(ascii::trim(lines_[i]));
    return out;
  }
  std::vector<std::string> paragraph_lines(std::pair<std::size_t, std::size_t> range) const {
    std::vector<std::string> out;
    for (std::size_t i = range.first; i <= range.second; ++i)
      if (!gone_[i]) out.emplace_back(ascii::trim(lines_[i]));
    return out;
  }
  void drop(std::pair<std::size_t, std::size_t> range) {
    for (std::size_t i = range.first; i <= range.second; ++i) gone_[i] = true;
  }

  // "About the author" on its own just before line `first`.
  std::optional<std::size_t> heading_before(std::size_t first) const {
    const auto before = previous(first, 1);
    if (!before) return std::nullopt;
    const std::string lower = ascii::to_lower(ascii::trim(lines_[*before]));
    if ((lower == "about the author" || lower == "about the author:") && alone_before(*before)) return before;
    return std::nullopt;
  }
  // The heading is taken out with the block after it.
  void drop_heading_before(std::size_t first) {
    if (const auto heading = heading_before(first)) {
      gone_[*heading] = true;
      parts_.removals.push_back(
          fmt::format("took out the heading {} with the author block after it", quote(ascii::trim(lines_[*heading]))));
    }
  }

  // At the end: a name and a title on lines of their own, then a paragraph about the author
  // ("<Name> is a <role> at <Site>…"); or either alone.
  void author_at_end() {
    const auto paragraphs = last_paragraphs(3);
    if (paragraphs.size() < 2) return;  // the article itself must stay
    const auto& last = paragraphs[0];
    const std::string last_text = paragraph_text(last);
    const auto last_lines = paragraph_lines(last);
    const auto subject = last_text.size() <= kMaxBioBytes ? bio_subject(last_text) : std::nullopt;
    const auto name_block = [&](std::pair<std::size_t, std::size_t> range) -> std::optional<Author> {
      const auto lines = paragraph_lines(range);
      if (lines.empty() || lines.size() > 2 || !is_name(lines[0])) return std::nullopt;
      if (lines.size() == 2 && !is_role(lines[1])) return std::nullopt;
      Author author;
      author.name = lines[0];
      if (lines.size() == 2) author.role = lines[1];
      return author;
    };
    Author author;
    std::pair<std::size_t, std::size_t> first = last;
    if (subject && paragraphs.size() >= 3) {
      if (auto block = name_block(paragraphs[1]);
          block && (*subject == *block->name || subject->starts_with(split_words(*block->name)[0]))) {
        author = *block;
        first = paragraphs[1];
        parts_.removals.push_back(fmt::format(
            "took out the byline {}{} into {} (a name{} on lines of their own before the author's bio, at the end "
            "of the text)",
            quote(*author.name), author.role ? " / " + quote(*author.role) : "", key_of(&Article::authors),
            author.role ? " and a title" : ""));
      }
    }
    // A bio on its own: only under an "About the author" heading or with the author's handle, since a
    // last paragraph "X is the editor at Y who…" may be the article's own.
    if (!author.name && subject && site_in_bio(last_text) && (heading_before(last.first) || twitter_handle(last_text)))
      author.name = *subject;
    if (author.name && subject) {
      author.bio = last_text;
      parts_.removals.push_back(fmt::format(
          "took out the author's bio {} into {} (a paragraph at the end of the text that opens \"{} is …\")",
          quote(last_text), key_of(&Article::authors), *subject));
      if (const auto handle = twitter_handle(last_text)) extra_of(author)["twitter"] = *handle;
      if (const auto site = site_in_bio(last_text))
        parts_.clues.push_back({"the author's bio", first_sentence(last_text), {*site}});
      drop_heading_before(first.first);
      drop(last);
      if (first != last) drop(first);
      parts_.authors.push_back(std::move(author));
      return;
    }
    // A name and a title as the last paragraph, with no bio.
    if (paragraphs.size() >= 2 && last_lines.size() == 2 && is_name(last_lines[0]) && is_role(last_lines[1])) {
      author.name = last_lines[0];
      author.role = last_lines[1];
      parts_.removals.push_back(fmt::format(
          "took out the byline {} / {} into {} (a name and a title on lines of their own at the end of the text)",
          quote(*author.name), quote(*author.role), key_of(&Article::authors)));
      drop_heading_before(last.first);
      drop(last);
      parts_.authors.push_back(std::move(author));
    }
  }

  void take_date(std::size_t i, const DateLine& date, std::string_view where) {
    auto& slot = date.updated ? parts_.updated : parts_.published;
    if (slot) return;
    slot = date.date;
    (date.updated ? parts_.updated_line : parts_.published_line) = std::string(ascii::trim(lines_[i]));
    gone_[i] = true;
    parts_.removals.push_back(
        fmt::format("took out the date line {} into {} (a line at the {} of the text)", quote(ascii::trim(lines_[i])),
                    date.updated ? key_of(&Article::updated_date_time) : key_of(&Article::published_date_time), where));
  }

  void dates_at_end() {
    const auto paragraphs = last_paragraphs(2);
    if (paragraphs.size() < 2) return;
    for (std::size_t i = paragraphs[0].first; i <= paragraphs[0].second; ++i)
      if (!gone_[i])
        if (const auto date = date_line(ascii::trim(lines_[i]))) take_date(i, *date, "end");
  }

  // The first lines: bylines and date lines, alone or joined by '|' or '·'.
  void top() {
    std::size_t seen = 0;
    for (std::size_t i = 0; i < lines_.size() && seen < kTopLines; ++i) {
      if (blank(i)) continue;
      ++seen;
      const std::string_view line = ascii::trim(lines_[i]);
      if (line.size() > kMaxShapeLine) return;
      std::vector<std::string_view> pieces;
      std::size_t at = 0;
      while (true) {
        std::size_t next = std::string_view::npos, width = 0;
        for (const std::string_view sep : {" | ", " · ", " • "})
          if (const auto found = line.find(sep, at); found < next) next = found, width = sep.size();
        pieces.push_back(ascii::trim(line.substr(at, next == std::string_view::npos ? next : next - at)));
        if (next == std::string_view::npos) break;
        at = next + width;
      }
      std::vector<Author> authors;
      std::vector<DateLine> dates;
      bool all = true;
      for (const auto piece : pieces) {
        if (auto found = byline(piece)) {
          for (auto& a : *found) authors.push_back(std::move(a));
        } else if (auto date = date_line(piece)) {
          dates.push_back(*date);
        } else {
          all = false;
          break;
        }
      }
      if (!all) {
        if (parts_.authors.empty() && !parts_.published && !parts_.updated) continue;  // a subtitle, say
        return;
      }
      if (!authors.empty()) {
        std::vector<std::string> said;
        for (const auto& a : authors) said.push_back(quote(*a.name) + (a.role ? " / " + quote(*a.role) : ""));
        parts_.removals.push_back(
            fmt::format("took out the byline {} into {} (a \"By …\" line at the start of the text)",
                        fmt::join(said, ", "), key_of(&Article::authors)));
        for (auto& a : authors) parts_.authors.push_back(std::move(a));
        gone_[i] = true;
      }
      for (const auto& date : dates) {
        if (pieces.size() == 1) {
          take_date(i, date, "start");
        } else {
          auto& slot = date.updated ? parts_.updated : parts_.published;
          if (slot) continue;
          slot = date.date;
          (date.updated ? parts_.updated_line : parts_.published_line) = std::string(line);
          parts_.removals.push_back(
              fmt::format("took out the date {} of the line {} into {}", quote(date.date), quote(line),
                          date.updated ? key_of(&Article::updated_date_time) : key_of(&Article::published_date_time)));
        }
      }
      gone_[i] = true;
    }
  }

  std::string rest() const {
    std::string out;
    bool pending_blank = false;
    for (std::size_t i = 0; i < lines_.size(); ++i) {
      if (gone_[i]) continue;
      if (ascii::trim(lines_[i]).empty()) {
        pending_blank = !out.empty();
        continue;
      }
      if (pending_blank)
        out += "\n\n";
      else if (!out.empty())
        out += "\n";
      pending_blank = false;
      out += lines_[i];
    }
    return out;
  }

  std::vector<std::string> lines_;
  std::vector<bool> gone_;
  BareTextParts parts_;
};

}  // namespace

std::optional<ReadDate> read_human_date(std::string_view text) {
  text = ascii::trim(text);
  if (text.starts_with("on ")) text.remove_prefix(3);
  if (text.empty() || text.size() > 80) return std::nullopt;
  if (const auto stamp = read_timestamp(text, std::nullopt)) return ReadDate{stamp->utc, stamp->zone_assumed};
  static const std::regex human(
      R"(^(?:[A-Za-z]{3,9},?\s+)?(?:([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})|(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4}))(?:\s*(?:,|at|-|–)?\s*(\d{1,2})[:.](\d{2})\s*([ap])?\.?(?:m\.?)?)?(?:\s+([A-Za-z]{1,5}|[+-]\d{2}:?\d{2}))?$)",
      kIcase);
  const std::string input(text);
  std::smatch m;
  if (!std::regex_match(input, m, human)) return std::nullopt;
  const bool month_first = m[1].matched;
  const int month = month_from_name(month_first ? m[1].str() : m[5].str());
  if (month == 0) return std::nullopt;
  const int day = std::stoi(month_first ? m[2].str() : m[4].str());
  const int year = std::stoi(month_first ? m[3].str() : m[6].str());
  int hour = 0, minute = 0;
  if (m[7].matched) {
    hour = std::stoi(m[7].str());
    minute = std::stoi(m[8].str());
    if (m[9].matched) {
      if (hour < 1 || hour > 12) return std::nullopt;
      const bool pm = ascii::to_lower(m[9].str()[0]) == 'p';
      hour = hour % 12 + (pm ? 12 : 0);
    }
  }
  std::string iso = fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:00", year, month, day, hour, minute);
  if (m[10].matched) {
    const auto offset = parse_zone_offset(m[10].str());
    if (!offset) return std::nullopt;
    iso += fmt::format("{}{:02}:{:02}", *offset < 0 ? '-' : '+', std::abs(*offset) / 60, std::abs(*offset) % 60);
  }
  const auto stamp = read_timestamp(iso, std::nullopt);
  if (!stamp) return std::nullopt;
  return ReadDate{stamp->utc, stamp->zone_assumed};
}

BareTextParts split_bare_text(std::string_view body) { return Splitter(body).run(); }

std::vector<ProviderClue> take_out_bare_text_parts(Article& article) {
  if (article.source.format != Format::text || article.body.empty()) return {};
  BareTextParts parts = split_bare_text(article.body);
  if (parts.removals.empty()) return {};
  const std::string where(key_of(&Article::body));
  for (const auto& removal : parts.removals) article.warn(code::normalize_text, {}, where + ": " + removal);
  article.body = std::move(parts.body);
  for (auto& author : parts.authors) article.authors.push_back(std::move(author));
  for (auto& image : parts.images) article.images.push_back(std::move(image));
  const auto set_date = [&](const std::optional<std::string>& written, std::optional<std::string>& field,
                            std::string_view key) {
    if (!written || field) return;
    const auto date = read_human_date(*written);
    if (!date) return;
    field = date->utc;
    article.warn(code::field_date, {},
                 fmt::format("{}: \"{}\" was written in UTC as \"{}\"{}", key, *written, date->utc,
                             date->zone_assumed ? " (it names no zone; UTC was assumed)" : ""));
  };
  set_date(parts.published, article.published_date_time, key_of(&Article::published_date_time));
  set_date(parts.updated, article.updated_date_time, key_of(&Article::updated_date_time));
  return std::move(parts.clues);
}

}  // namespace newsnorm
