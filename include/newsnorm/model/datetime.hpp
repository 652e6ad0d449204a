#pragma once
// Dates as the record writes them: RFC 3339 in UTC, "YYYY-MM-DDTHH:MM:SSZ".
#include <optional>
#include <string>
#include <string_view>

namespace newsnorm {

// Accepts RFC 3339 and ISO 8601 (offset or none, fractions, a space or 't' for 'T', date-only,
// basic offsets like +0200) and RFC 2822 ("Tue, 19 May 2020 15:00:00 GMT"). Offsets are converted,
// fractions dropped, a missing time is midnight and a missing offset is UTC.
// Returns nullopt for anything else, including impossible dates such as February 30.
std::optional<std::string> to_utc_timestamp(std::string_view text);

}  // namespace newsnorm
