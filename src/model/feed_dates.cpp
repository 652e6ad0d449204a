#include "newsnorm/model/feed_dates.hpp"

#include <algorithm>
#include <array>
#include <vector>

#include "datetime_internal.hpp"
#include "newsnorm/core/ascii.hpp"
#include "newsnorm/core/civil_date.hpp"

namespace newsnorm {
namespace {

using datetime_detail::Civil;

struct Word {
  std::string_view from;
  std::string_view to;
};

// Month names of the languages feedparser meets in feeds, spelled as the English forms the
// readers below take. Greek months are abbreviated, Hungarian ones written out and numbered.
constexpr std::array<Word, 33> kForeignWords = {{
    {"\u0399\u03b1\u03bd", "Jan"},
    {"\u03a6\u03b5\u03b2", "Feb"},
    {"\u039c\u03ac\u03c1", "Mar"},
    {"\u039c\u03b1\u03c1", "Mar"},
    {"\u0391\u03c0\u03c1", "Apr"},
    {"\u039c\u03ac\u03b9", "May"},
    {"\u039c\u03b1\u03ca", "May"},
    {"\u039c\u03b1\u03b9", "May"},
    {"\u0399\u03bf\u03cd\u03bd", "Jun"},
    {"\u0399\u03bf\u03bd", "Jun"},
    {"\u0399\u03bf\u03cd\u03bb", "Jul"},
    {"\u0399\u03bf\u03bb", "Jul"},
    {"\u0391\u03cd\u03b3", "Aug"},
    {"\u0391\u03c5\u03b3", "Aug"},
    {"\u03a3\u03b5\u03c0", "Sep"},
    {"\u039f\u03ba\u03c4", "Oct"},
    {"\u039d\u03bf\u03ad", "Nov"},
    {"\u039d\u03bf\u03b5", "Nov"},
    {"\u0394\u03b5\u03ba", "Dec"},
    {"janu\u00e1r", "01"},
    {"febru\u00e1r", "02"},
    {"m\u00e1rcius", "03"},
    {"\u00e1prilis", "04"},
    {"m\u00e1jus", "05"},
    {"j\u00fanius", "06"},
    {"j\u00falius", "07"},
    {"augusztus", "08"},
    {"szeptember", "09"},
    {"okt\u00f3ber", "10"},
    {"november", "11"},
    {"december", "12"},
    {"\ub144", "-"},
    {"\uc6d4", "-"},
}};

constexpr std::string_view kKoreanDay = "\uc77c", kKoreanAm = "\uc624\uc804", kKoreanPm = "\uc624\ud6c4";

void replace_all(std::string& text, std::string_view from, std::string_view to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
}

// Zone names feeds use beyond RFC 822's (datetime.cpp knows those): Europe's, and the US ones
// without their S/D that Disney's feeds wrote.
bool read_feed_zone_name(std::string_view zone, Civil& c) {
  static constexpr std::array<std::pair<std::string_view, int>, 14> kZones = {{{"MET", 60},
                                                                               {"MEST", 120},
                                                                               {"CET", 60},
                                                                               {"CEST", 120},
                                                                               {"EET", 120},
                                                                               {"EEST", 180},
                                                                               {"WET", 0},
                                                                               {"WEST", 60},
                                                                               {"BST", 60},
                                                                               {"AT", -240},
                                                                               {"ET", -300},
                                                                               {"CT", -360},
                                                                               {"MT", -420},
                                                                               {"PT", -480}}};
  const std::string upper = ascii::to_upper(zone);
  for (const auto& [name, minutes] : kZones) {
    if (upper == name) {
      c.offset_minutes = minutes;
      return c.has_zone = true;
    }
  }
  // "GMT-01:01", "UTC+5": a name, then an offset from it.
  for (std::string_view base : {"GMT", "UTC"}) {
    if (upper.size() > base.size() && upper.starts_with(base) && (upper[3] == '+' || upper[3] == '-'))
      return read_feed_zone_name(upper.substr(3), c);
  }
  if (const auto minutes = parse_zone_offset(zone)) {
    c.offset_minutes = *minutes;
    return c.has_zone = true;
  }
  return false;
}

bool all_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char ch) { return ascii::is_digit(ch); });
}

int number(std::string_view digits) {
  int value = 0;
  for (char ch : digits) value = value * 10 + (ch - '0');
  return value;
}

int full_year(int year, std::size_t digits) {
  if (digits > 2) return year;
  return year < 50 ? 2000 + year : 1900 + year;
}

// "H:MM[:SS]" with hours and minutes of one or two digits.
bool read_time(std::string_view text, Civil& c) {
  std::array<int, 3> parts{};
  std::size_t count = 0;
  for (std::size_t pos = 0; pos <= text.size(); ++count) {
    const auto end = std::min(text.find(':', pos), text.size());
    const auto part = text.substr(pos, end - pos);
    if (count == 3 || !all_digits(part) || part.size() > 2) return false;
    parts[count] = number(part);
    pos = end + 1;
  }
  if (count < 2) return false;
  c.hour = parts[0], c.minute = parts[1], c.second = parts[2];
  return true;
}

// RFC 822 as feeds write it: words in any order the mistakes put them — weekday or not, day and
// month swapped, the year before or after the time (asctime), commas anywhere, a zone or none.
bool parse_rfc822_lenient(std::string_view text, Civil& c) {
  std::vector<std::string_view> tokens;
  for (std::size_t pos = 0; pos < text.size();) {
    const auto end = std::min(text.find_first_of(" \t,", pos), text.size());
    if (end > pos) tokens.push_back(text.substr(pos, end - pos));
    pos = end + 1;
  }
  if (tokens.empty()) return false;
  std::vector<std::string_view> numbers;
  bool time = false, zone = false, pm = false, am = false;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const auto token = tokens[i];
    if (all_digits(token)) {
      numbers.push_back(token);
    } else if (token.find('/') != std::string_view::npos && ascii::is_digit(token[0])) {
      // Perforce: 2006/09/15
      const auto first = token.find('/'), second = token.find('/', first + 1);
      const auto y = token.substr(0, first), m = token.substr(first + 1, second - first - 1);
      const auto d = second == std::string_view::npos ? std::string_view{} : token.substr(second + 1);
      if (!all_digits(y) || !all_digits(m) || !all_digits(d) || c.month) return false;
      c.year = full_year(number(y), y.size()), c.month = number(m), c.day = number(d);
    } else if (ascii::is_digit(token[0]) && token.find(':') != std::string_view::npos) {
      if (time || !read_time(token, c)) return false;
      time = true;
    } else if (ascii::equals_ignoring_case(token, "am") || ascii::equals_ignoring_case(token, "pm")) {
      (ascii::to_lower(token[0]) == 'p' ? pm : am) = true;
    } else if (!c.month && month_from_name(token)) {
      c.month = month_from_name(token);
    } else if (i == 0 && numbers.empty()) {
      continue;  // a weekday, in whatever language
    } else if (!zone && (datetime_detail::read_zone_name(ascii::to_upper(token), c) || read_feed_zone_name(token, c))) {
      zone = true;
    } else {
      return false;
    }
  }
  if (!c.month) return false;
  if (c.day == 0) {
    if (numbers.size() != 2 || numbers[0].size() > 2) return false;
    c.day = number(numbers[0]);
    c.year = full_year(number(numbers[1]), numbers[1].size());
  } else if (!numbers.empty()) {
    return false;
  }
  if (pm && c.hour < 12) c.hour += 12;
  if (am && c.hour == 12) c.hour = 0;
  return true;
}

// The date part of W3C-DTF / ISO 8601 in its reduced and two-digit forms, as "YYYY-MM-DD".
std::string canonical_iso_date(std::string_view date) {
  const auto make = [](int year, int month, int day) {
    if (year < 0 || year > 9999) return std::string{};
    std::string out(10, '0');
    const auto put = [&](std::size_t at, int value, int width) {
      for (int i = width - 1; i >= 0; --i, value /= 10)
        out[at + static_cast<std::size_t>(i)] = static_cast<char>('0' + value % 10);
    };
    put(0, year, 4), out[4] = '-', put(5, month, 2), out[7] = '-', put(8, day, 2);
    return out;
  };
  std::vector<std::string_view> parts;
  for (std::size_t pos = 0; pos <= date.size();) {
    const auto end = std::min(date.find('-', pos), date.size());
    parts.push_back(date.substr(pos, end - pos));
    pos = end + 1;
  }
  for (const auto part : parts)
    if (!part.empty() && !all_digits(part)) return {};
  const auto y2 = [](std::string_view digits) { return full_year(number(digits), 2); };
  if (parts.size() == 1 && date.size() == 4) return make(number(date), 1, 1);  // 2003
  if (parts.size() == 1 && date.size() == 6)
    return make(y2(date.substr(0, 2)), number(date.substr(2, 2)),  // 031231
                number(date.substr(4, 2)));
  if (parts.size() == 1 && date.size() == 8)
    return make(number(date.substr(0, 4)), number(date.substr(4, 2)), number(date.substr(6, 2)));  // 20031231
  if (parts.size() == 2 && parts[0].empty() && parts[1].size() == 4)                               // -0312
    return make(y2(parts[1].substr(0, 2)), number(parts[1].substr(2)), 1);
  if (parts.size() == 3 && parts[0].empty() && parts[1].size() == 2 && parts[2].size() == 2)  // -03-12
    return make(y2(parts[1]), number(parts[2]), 1);
  if (parts.size() == 2 && parts[0].size() == 4 && parts[1].size() == 2)  // 2003-12
    return make(number(parts[0]), number(parts[1]), 1);
  if (parts.size() == 3 && (parts[0].size() == 4 || parts[0].size() == 2) && parts[2].size() == 2 &&
      (parts[1].size() == 2 || (parts[1].size() == 3 && parts[1][0] == '0')))  // 03-12-31, Google's 2003-012-31
    return make(parts[0].size() == 2 ? y2(parts[0]) : number(parts[0]), number(parts[1]), number(parts[2]));
  return {};
}

bool parse_iso_lenient(std::string_view text, Civil& c) {
  const auto split = std::min(text.find_first_of("Tt "), text.size());
  const std::string date = canonical_iso_date(text.substr(0, split));
  return !date.empty() && datetime_detail::parse_iso(date + std::string(text.substr(split)), c);
}

// Korean feeds: "2004년 05월 28일 01:31:15" (OnBlog) and "2004-05-25 오후 11:23:17" (Nate), in KST.
bool parse_korean(std::string text, Civil& c) {
  const bool pm = text.find(kKoreanPm) != std::string::npos;
  replace_all(text, kKoreanPm, "");
  replace_all(text, kKoreanAm, "");
  replace_all(text, kKoreanDay, " ");
  std::string squeezed;
  for (char ch : text) {
    if (ch == ' ' && (squeezed.empty() || squeezed.back() == ' ' || squeezed.back() == '-')) continue;
    if (ch == '-' && !squeezed.empty() && squeezed.back() == ' ') squeezed.pop_back();
    squeezed += ch;
  }
  if (!datetime_detail::parse_iso(ascii::trim(squeezed), c)) return false;
  if (pm && c.hour < 12) c.hour += 12;
  if (!c.has_zone) c.offset_minutes = 9 * 60, c.has_zone = true;
  return true;
}

}  // namespace

std::optional<Timestamp> read_feed_date(std::string_view text, std::optional<int> assume_offset_minutes) {
  text = ascii::trim(text);
  if (text.empty()) return std::nullopt;
  if (auto strict = read_timestamp(text, assume_offset_minutes)) return strict;
  std::string spelled(text);
  const bool foreign =
      std::any_of(text.begin(), text.end(), [](char ch) { return static_cast<unsigned char>(ch) >= 0x80; });
  const bool korean =
      foreign && (spelled.find(kKoreanDay) != std::string::npos || spelled.find(kKoreanPm) != std::string::npos ||
                  spelled.find(kKoreanAm) != std::string::npos);
  if (foreign)
    for (const auto& word : kForeignWords) replace_all(spelled, word.from, word.to);
  Civil civil;
  const auto attempt = [&](auto parse) {
    civil = Civil{};
    return parse() && civil.year >= 0 && civil.year <= 9999 && datetime_detail::valid(civil);
  };
  const bool read = korean ? attempt([&] { return parse_korean(spelled, civil); })
                           : attempt([&] { return parse_iso_lenient(spelled, civil); }) ||
                                 attempt([&] { return parse_rfc822_lenient(spelled, civil); });
  if (!read) return std::nullopt;
  if (!civil.has_zone && assume_offset_minutes) civil.offset_minutes = *assume_offset_minutes;
  Timestamp stamp{datetime_detail::format_utc(civil), !civil.has_zone};
  // An offset that carries the date past year 9999 has no RFC 3339 spelling.
  if (stamp.utc.size() != 20) return std::nullopt;
  return stamp;
}

std::optional<std::string> feed_date_to_utc(std::string_view text) {
  auto read = read_feed_date(text, std::nullopt);
  if (!read) return std::nullopt;
  return std::move(read->utc);
}

}  // namespace newsnorm
