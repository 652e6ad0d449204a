#pragma once
// Dates as the record writes them: RFC 3339 in UTC, "YYYY-MM-DDTHH:MM:SSZ".
#include <optional>
#include <string>
#include <string_view>

namespace newsnorm {

// Accepts RFC 3339 and ISO 8601 (offset or none, fractions, a space or 't' for 'T', date-only,
// hours of one digit, basic offsets like +0200) and RFC 2822 ("Tue, 19 May 2020 15:00:00 GMT").
// Offsets are converted, fractions dropped, a missing time is midnight and a missing offset is UTC.
// Returns nullopt for anything else, including impossible dates such as February 30.
std::optional<std::string> to_utc_timestamp(std::string_view text);

// As above, but a date that names no zone is read in the zone `assume_offset_minutes` east of UTC.
std::optional<std::string> to_utc_timestamp(std::string_view text, int assume_offset_minutes);

struct Timestamp {
  std::string utc;            // "YYYY-MM-DDTHH:MM:SSZ"
  bool zone_assumed = false;  // the text named no zone: the caller's assumed one (else UTC) was used
};

// The reading behind both: says whether the zone was the text's own or assumed, so a record can say so.
std::optional<Timestamp> read_timestamp(std::string_view text, std::optional<int> assume_offset_minutes);

// A fixed zone as a user gives it (for --assume-tz): "+05:30", "-0800", "+05", "Z", "UTC", "GMT",
// "Etc/UTC", and RFC 2822's US names (EST, PDT...). Minutes east of UTC, or nullopt. IANA names with
// daylight-saving rules are not read: give their offset instead.
std::optional<int> parse_zone_offset(std::string_view zone);

}  // namespace newsnorm
