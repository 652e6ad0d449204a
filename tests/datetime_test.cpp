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
  for (const char* text :
       {"", "next tuesday", "2022-02-30", "2021-02-29", "2022-13-01", "2022-11-19T24:00:00Z", "2022-11-19T12:60:00Z",
        "2022-11-19T12:00:00+25:00", "19 Foo 2020 15:00 GMT", "2022-11-19T13:00:00Zjunk", "2022/11/19", "1668862800"})
    CHECK_FALSE(to_utc_timestamp(text).has_value());
}

TEST_CASE("dates: one-digit hours, offsets without a colon, T or space, date-only", "[datetime]") {
  CHECK(to_utc_timestamp("2013-11-22 5:00:00 +0000") == "2013-11-22T05:00:00Z");
  CHECK(to_utc_timestamp("2013-11-22T5:07:09Z") == "2013-11-22T05:07:09Z");
  CHECK(to_utc_timestamp("2013-11-22 05:00:00 +0530") == "2013-11-21T23:30:00Z");
  CHECK(to_utc_timestamp("2013-11-22T05:00:00+0530") == "2013-11-21T23:30:00Z");
  CHECK(to_utc_timestamp("2013-11-22") == "2013-11-22T00:00:00Z");
  CHECK(to_utc_timestamp("Fri, 22 Nov 2013 5:00:00 +0000") == "2013-11-22T05:00:00Z");
  for (const char* text : {"2013-11-22 :00:00", "2013-11-22 123:00:00", "2013-11-22 5:0:00"})
    CHECK_FALSE(to_utc_timestamp(text).has_value());
}

TEST_CASE("dates: a date without a zone can be read in a zone the caller assumes", "[datetime]") {
  CHECK(to_utc_timestamp("2022-11-19 13:00:00", 330) == "2022-11-19T07:30:00Z");
  CHECK(to_utc_timestamp("2022-11-19", -300) == "2022-11-19T05:00:00Z");
  // A zone the text names wins over the assumed one.
  CHECK(to_utc_timestamp("2022-11-19T13:00:00Z", 330) == "2022-11-19T13:00:00Z");
  CHECK(to_utc_timestamp("Tue, 19 May 2020 15:00:00 GMT", 120) == "2020-05-19T15:00:00Z");

  auto assumed = newsnorm::read_timestamp("2022-11-19 13:00", 60);
  REQUIRE(assumed);
  CHECK(assumed->utc == "2022-11-19T12:00:00Z");
  CHECK(assumed->zone_assumed);
  auto own = newsnorm::read_timestamp("2022-11-19 13:00 -01:00", 60);
  REQUIRE(own);
  CHECK(own->utc == "2022-11-19T14:00:00Z");
  CHECK_FALSE(own->zone_assumed);
  auto utc_default = newsnorm::read_timestamp("2022-11-19 13:00", std::nullopt);
  REQUIRE(utc_default);
  CHECK(utc_default->utc == "2022-11-19T13:00:00Z");
  CHECK(utc_default->zone_assumed);
}

TEST_CASE("dates: zones a caller can give", "[datetime]") {
  using newsnorm::parse_zone_offset;
  CHECK(parse_zone_offset("+05:30") == 330);
  CHECK(parse_zone_offset("-0800") == -480);
  CHECK(parse_zone_offset("+05") == 300);
  CHECK(parse_zone_offset("Z") == 0);
  CHECK(parse_zone_offset("UTC") == 0);
  CHECK(parse_zone_offset("utc") == 0);
  CHECK(parse_zone_offset("Etc/UTC") == 0);
  CHECK(parse_zone_offset("EST") == -300);
  for (const char* zone : {"", "Europe/Berlin", "+25:00", "05:30", "+05:3", "UTC+1"})
    CHECK_FALSE(parse_zone_offset(zone).has_value());
}
