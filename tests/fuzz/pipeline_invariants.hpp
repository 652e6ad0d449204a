#pragma once
// What must hold for any bytes fed through parse -> normalize -> export. Shared by the libFuzzer
// target and the regression tests, so a crash input the fuzzer found is checked the same way in CI.
#include <string>
#include <string_view>

namespace newsnorm::test {

// Returns "" when every invariant holds, else what broke:
//  - exactly one record or one error;
//  - the record is one line of valid JSON and valid UTF-8;
//  - every top-level key of the input's header is in the record, as a field or under `extra`;
//  - reading the record back and exporting it again gives the same bytes;
//  - `fix` never throws, edits only the values it names, and a second fix changes nothing.
std::string check_pipeline_invariants(std::string_view bytes, std::string_view path = "fuzz.md");

}  // namespace newsnorm::test
