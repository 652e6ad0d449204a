#pragma once
// Dates as feeds really carry them, to UTC RFC 3339 like every date of the record (datetime.hpp,
// whose reader comes first): RFC 822/1123 with its common mistakes (two-digit years, long month
// names, a comma too many or a space too few, day and month swapped, US and European zone names,
// "GMT-01:01", asctime's order, no time at all), W3C-DTF / ISO 8601 in its reduced and two-digit
// forms (2003, 2003-12, 03-12-31, 031231, -0312, ordinal 03335, a three-digit month "012"), Perforce's
// "2006/09/15", and the Korean, Greek and Hungarian spellings feedparser meets.
#include <optional>
#include <string>
#include <string_view>

#include "newsnorm/model/datetime.hpp"

namespace newsnorm {

// "YYYY-MM-DDTHH:MM:SSZ", or nullopt when the text is not a date (or an impossible one).
std::optional<std::string> feed_date_to_utc(std::string_view text);

// As above, saying whether the zone was assumed (`assume_offset_minutes` east of UTC, else UTC).
std::optional<Timestamp> read_feed_date(std::string_view text, std::optional<int> assume_offset_minutes);

}  // namespace newsnorm
