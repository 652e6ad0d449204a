// Dates: every accepted spelling becomes YYYY-MM-DDTHH:MM:SSZ in UTC; anything else is nullopt.
#include <catch2/catch.hpp>

#include "newsnorm/model/datetime.hpp"

using newsnorm::to_utc_timestamp;

TEST_CASE("dates: RFC 3339 and ISO 8601 forms", "[datetime]") {
  CHECK(to_utc_timestamp("2022-11-19T13:00:00Z") == "2022-11-19T13:00:00Z");
  CHECK(to_utc_timestamp("2022-11-19t13:00:00z") == "2022-11-19T13:00:00Z");
  CHECK(to_utc_timestamp("2022-11-19 13:00:00") == "2022-11-19T13:00:00Z");
  CHECK(to_utc_timestamp("2022-11-19T13:00:00.987654Z") == "2022-11-19T13:00:00Z");
  CHECK(to_utc_timestamp("2022-11-19T13:00") == "2022-11-19T13:00:00Z");
  CHECK(to_utc_timestamp("2022-11-19") == "2022-11-19T00:00:00Z");
  CHECK(to_utc_timestamp("2022-11-19T01:30:00+02:00") == "2022-11-18T23:30:00Z");
  CHECK(to_utc_timestamp("2022-11-19T22:30:00-0330") == "2022-11-20T02:00:00Z");
  CHECK(to_utc_timestamp("2022-11-19T13:00:00 +05") == "2022-11-19T08:00:00Z");
  CHECK(to_utc_timestamp("2020-02-29T23:59:59-01:00") == "2020-03-01T00:59:59Z");  // leap day rolls over
  CHECK(to_utc_timestamp("  2022-11-19T13:00:00Z  ") == "2022-11-19T13:00:00Z");
}

TEST_CASE("dates: RFC 2822", "[datetime]") {
  CHECK(to_utc_timestamp("Tue, 19 May 2020 15:00:00 GMT") == "2020-05-19T15:00:00Z");
  CHECK(to_utc_timestamp("19 May 2020 15:00 +0200") == "2020-05-19T13:00:00Z");
  CHECK(to_utc_timestamp("Tue, 9 Jun 2020 08:05:00 PDT") == "2020-06-09T15:05:00Z");
  CHECK(to_utc_timestamp("Wed, 31 Dec 2025 23:00:00 -0500") == "2026-01-01T04:00:00Z");
}

TEST_CASE("dates: impossible or foreign text is not a date", "[datetime]") {
  for (const char* text : {"", "next tuesday", "2022-02-30", "2021-02-29", "2022-13-01", "2022-11-19T24:00:00Z",
                           "2022-11-19T12:60:00Z", "2022-11-19T12:00:00+25:00", "19 Foo 2020 15:00 GMT",
                           "2022-11-19T13:00:00Zjunk", "2022/11/19", "1668862800"})
    CHECK_FALSE(to_utc_timestamp(text).has_value());
}
