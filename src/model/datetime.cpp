#include "newsnorm/model/datetime.hpp"

#include <fmt/format.h>
#include <array>
#include <cctype>
#include <cstdint>

#include "datetime_internal.hpp"
#include "newsnorm/core/ascii.hpp"
#include "newsnorm/core/civil_date.hpp"

namespace newsnorm {
// Named, not anonymous: the feed dates (feed_dates.cpp) reuse these helpers.
namespace datetime_detail {

// A tiny cursor over the text; every reader returns false and leaves the cursor where it failed.
class Cursor {
 public:
  explicit Cursor(std::string_view text) : text_(text) {}
  bool done() const { return pos_ == text_.size(); }
  char peek() const { return done() ? '\0' : text_[pos_]; }
  bool take(char c) {
    if (peek() != c) return false;
    ++pos_;
    return true;
  }
  bool digits(int count, int& out) {
    if (pos_ + count > text_.size()) return false;
    int value = 0;
    for (int i = 0; i < count; ++i) {
      const char c = text_[pos_ + i];
      if (!std::isdigit(static_cast<unsigned char>(c))) return false;
      value = value * 10 + (c - '0');
    }
    pos_ += count;
    out = value;
    return true;
  }
  // One or two digits, as RFC 2822 days are written.
  bool short_number(int& out) {
    if (!digits(1, out)) return false;
    int second = 0;
    if (std::isdigit(static_cast<unsigned char>(peek())) && digits(1, second)) out = out * 10 + second;
    return true;
  }
  void skip_digits() {
    while (std::isdigit(static_cast<unsigned char>(peek()))) ++pos_;
  }
  void skip_spaces() {
    while (peek() == ' ' || peek() == '\t') ++pos_;
  }
  std::string_view word() {
    const auto start = pos_;
    while (std::isalpha(static_cast<unsigned char>(peek()))) ++pos_;
    return text_.substr(start, pos_ - start);
  }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

bool is_leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap(year) ? 29 : kDays[month - 1];
}

bool valid(const Civil& c) {
  return c.month >= 1 && c.month <= 12 && c.day >= 1 && c.day <= days_in_month(c.year, c.month) && c.hour <= 23 &&
         c.minute <= 59 && c.second <= 59;
}

std::string format_utc(const Civil& c) {
  std::int64_t seconds = days_from_civil(c.year, c.month, c.day) * 86400 + c.hour * 3600 + c.minute * 60 + c.second -
                         c.offset_minutes * 60;
  std::int64_t days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400;
  std::int64_t rest = seconds - days * 86400;
  int y = 0, m = 0, d = 0;
  civil_from_days(days, y, m, d);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", y, m, d, rest / 3600, rest % 3600 / 60, rest % 60);
}

// "Z", "+HH:MM", "+HHMM", "+HH"; absent leaves `has_zone` false (the caller's zone, else UTC).
bool read_offset(Cursor& in, Civil& c) {
  if (in.take('Z') || in.take('z')) return c.has_zone = true;
  const char sign = in.peek();
  if (sign != '+' && sign != '-') return in.done();
  in.take(sign);
  int hours = 0, minutes = 0;
  if (!in.digits(2, hours)) return false;
  if (in.take(':')) {
    if (!in.digits(2, minutes)) return false;
  } else if (!in.done() && !in.digits(2, minutes)) {
    return false;
  }
  if (hours > 23 || minutes > 59) return false;
  c.offset_minutes = (sign == '-' ? -1 : 1) * (hours * 60 + minutes);
  c.has_zone = true;
  return true;
}

bool parse_iso(std::string_view text, Civil& c) {
  Cursor in(text);
  if (!in.digits(4, c.year) || !in.take('-') || !in.digits(2, c.month) || !in.take('-') || !in.digits(2, c.day))
    return false;
  if (in.done()) return true;
  if (!(in.take('T') || in.take('t') || in.take(' '))) return false;
  // Hours of one digit ("2013-11-22 5:00:00 +0000") are what some generators write.
  if (!in.short_number(c.hour) || !in.take(':') || !in.digits(2, c.minute)) return false;
  if (in.take(':')) {
    if (!in.digits(2, c.second)) return false;
    if (in.take('.') || in.take(',')) {
      int first = 0;
      if (!in.digits(1, first)) return false;
      in.skip_digits();
    }
  }
  in.skip_spaces();
  return read_offset(in, c) && in.done();
}

bool read_zone_name(std::string_view zone, Civil& c) {
  struct Zone {
    std::string_view name;
    int offset_hours;
  };
  // RFC 2822's obsolete zone names are still what many feeds write.
  static constexpr std::array<Zone, 12> kZones = {{{"GMT", 0},
                                                   {"UT", 0},
                                                   {"UTC", 0},
                                                   {"Z", 0},
                                                   {"EST", -5},
                                                   {"EDT", -4},
                                                   {"CST", -6},
                                                   {"CDT", -5},
                                                   {"MST", -7},
                                                   {"MDT", -6},
                                                   {"PST", -8},
                                                   {"PDT", -7}}};
  for (const auto& [name, hours] : kZones) {
    if (zone == name) {
      c.offset_minutes = hours * 60;
      c.has_zone = true;
      return true;
    }
  }
  return false;
}

// RFC 2822: [Day, ] DD Mon YYYY HH:MM[:SS] zone
bool parse_rfc2822(std::string_view text, Civil& c) {
  Cursor in(text);
  in.skip_spaces();
  if (std::isalpha(static_cast<unsigned char>(in.peek()))) {
    in.word();
    if (!in.take(',')) return false;
    in.skip_spaces();
  }
  if (!in.short_number(c.day)) return false;
  in.skip_spaces();
  c.month = month_from_name(in.word());
  if (c.month == 0) return false;
  in.skip_spaces();
  if (!in.digits(4, c.year)) return false;
  in.skip_spaces();
  if (!in.short_number(c.hour) || !in.take(':') || !in.digits(2, c.minute)) return false;
  if (in.take(':') && !in.digits(2, c.second)) return false;
  in.skip_spaces();
  if (in.done()) return true;
  if (std::isalpha(static_cast<unsigned char>(in.peek()))) {
    const std::string_view zone = in.word();
    return read_zone_name(zone, c) && in.done();
  }
  return read_offset(in, c) && in.done();
}

}  // namespace datetime_detail
using namespace datetime_detail;

std::optional<Timestamp> read_timestamp(std::string_view text, std::optional<int> assume_offset_minutes) {
  text = ascii::trim(text);
  Civil civil;
  if (!(parse_iso(text, civil) || (civil = Civil{}, parse_rfc2822(text, civil))) || !valid(civil)) return std::nullopt;
  if (!civil.has_zone && assume_offset_minutes) civil.offset_minutes = *assume_offset_minutes;
  return Timestamp{format_utc(civil), !civil.has_zone};
}

std::optional<std::string> to_utc_timestamp(std::string_view text) {
  auto read = read_timestamp(text, std::nullopt);
  if (!read) return std::nullopt;
  return std::move(read->utc);
}

std::optional<std::string> to_utc_timestamp(std::string_view text, int assume_offset_minutes) {
  auto read = read_timestamp(text, assume_offset_minutes);
  if (!read) return std::nullopt;
  return std::move(read->utc);
}

std::optional<int> parse_zone_offset(std::string_view zone) {
  zone = ascii::trim(zone);
  if (zone.empty()) return std::nullopt;
  Civil civil;
  if (ascii::is_alpha(zone.front())) {
    const std::string upper = ascii::to_upper(zone);
    if (upper == "ETC/UTC" || upper == "ETC/GMT" || upper == "ZULU") return 0;
    if (!read_zone_name(upper, civil)) return std::nullopt;
    return civil.offset_minutes;
  }
  Cursor in(zone);
  if (!read_offset(in, civil) || !in.done() || !civil.has_zone) return std::nullopt;
  return civil.offset_minutes;
}

}  // namespace newsnorm
