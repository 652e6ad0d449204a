#pragma once
// The pieces of the date reader (datetime.cpp) that the feed dates (feed_dates.cpp) build on, so
// that dates have one calendar, one set of zone names and one formatter.
#include <string>
#include <string_view>

namespace newsnorm::datetime_detail {

struct Civil {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  int offset_minutes = 0;  // east of UTC
  bool has_zone = false;   // the text named its zone (Z, an offset or a zone name)
};

bool valid(const Civil& c);                            // a real day of a real month, a time of day
std::string format_utc(const Civil& c);                // "YYYY-MM-DDTHH:MM:SSZ"
bool read_zone_name(std::string_view zone, Civil& c);  // GMT, UTC, EST...: sets the offset
bool parse_iso(std::string_view text, Civil& c);       // RFC 3339 / ISO 8601 as datetime.hpp says
bool parse_rfc2822(std::string_view text, Civil& c);

}  // namespace newsnorm::datetime_detail
