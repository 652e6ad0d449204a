// Pieces of core/ on their own: Result's accessors, the column table, the calendar.
#include <catch2/catch.hpp>

#include <string>

#include "newsnorm/core/civil_date.hpp"
#include "newsnorm/core/column_table.hpp"
#include "newsnorm/core/result.hpp"

using namespace newsnorm;

TEST_CASE("core: Result and Failure carry values and errors without throwing", "[core]") {
  Result<int> good = 7;
  Result<int> bad = make_error(code::usage, {2, 3}, "no");
  CHECK(good.ok());
  CHECK(good.value() == 7);
  REQUIRE(good.get_if() != nullptr);
  CHECK_FALSE(bad.ok());
  CHECK(bad.get_if() == nullptr);
  CHECK(bad.value_or(-1) == -1);
  CHECK(bad.error().position.line == 2);

  const FatalResult<std::string> failed = catch_failure([]() -> std::string {
    throw FatalError(FatalKind::state, code::state_failed, "s.db", "state s.db: disk I/O error", 5);
  });
  REQUIRE_FALSE(failed.ok());
  CHECK(failed.error().kind == FatalKind::state);
  CHECK(failed.error().path == "s.db");
  CHECK(failed.error().error_number == 5);
  CHECK(failed.error().what() == "state s.db: disk I/O error");
  const FatalStatus fine = catch_failure([] {});
  CHECK(fine.ok());
  // A failure at a place in a file says where, as a compiler does.
  const Failure at = Failure::at(FatalKind::usage, "newsnorm.toml", make_error(code::config_invalid, {3, 11}, "bad"));
  CHECK(at.what() == "newsnorm.toml:3:11: error: bad");
  CHECK_THROWS_AS(value_or_throw(FatalStatus(at)), FatalError);
}

TEST_CASE("core: a column table keeps its columns in step when rows are added, dropped and reordered", "[core]") {
  ColumnTable<int, std::string, double> table;
  for (int i = 0; i < 6; ++i) table.push(i, "row " + std::to_string(i), i * 0.5);
  table.keep_if([](std::size_t row) { return row % 3 != 1; });  // drops rows 1 and 4
  REQUIRE(table.size() == 4);
  table.permute({3, 0, 2, 1});
  const std::vector<int> ids = table.column<0>();
  CHECK(ids == std::vector<int>{5, 0, 3, 2});
  for (std::size_t row = 0; row < table.size(); ++row) {
    const int id = table.column<0>()[row];
    CHECK(table.column<1>()[row] == "row " + std::to_string(id));
    CHECK(table.column<2>()[row] == id * 0.5);
  }
}

TEST_CASE("core: the calendar goes both ways, and month names are English prefixes", "[core]") {
  CHECK(days_from_civil(1970, 1, 1) == 0);
  CHECK(days_from_civil(2000, 3, 1) == 11017);
  CHECK(days_from_civil(1969, 12, 31) == -1);
  for (const std::int64_t day : {-800000LL, -1LL, 0LL, 59LL, 11016LL, 19000LL, 2932896LL}) {
    int y = 0, m = 0, d = 0;
    civil_from_days(day, y, m, d);
    CHECK(days_from_civil(y, m, d) == day);
  }
  CHECK(month_from_name("Jan") == 1);
  CHECK(month_from_name("sept") == 9);
  CHECK(month_from_name("SEPTEMBER") == 9);
  CHECK(month_from_name("Ma") == 0);    // too short to tell March from May
  CHECK(month_from_name("Mayo") == 0);  // not an English name
  CHECK(month_from_name("Junes") == 0);
}
