#pragma once
// The proleptic Gregorian calendar, once: days since 1970-01-01 and back (Howard Hinnant's
// algorithms), and the English month names dates are written with.
#include <cstdint>
#include <string_view>

namespace newsnorm {

// Days since 1970-01-01 of year-month-day (month 1-12).
std::int64_t days_from_civil(std::int64_t year, int month, int day);
// The year, month (1-12) and day of a count of days since 1970-01-01.
void civil_from_days(std::int64_t days, int& year, int& month, int& day);

// The month (1-12) a word names: at least three letters that begin its English name, in any case
// ("Jan", "Sept", "january"); 0 for any other word.
int month_from_name(std::string_view word);

}  // namespace newsnorm
