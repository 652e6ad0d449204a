#pragma once
// Reads a record line straight from its JSON text into the Article model, decoding only the
// top-level fields asked for. `newsnorm stories` needs a tenth of each 5 KB record, and building
// the whole JSON tree of a million records was 60% of its time. Every byte is still checked to be
// JSON, and what is read is checked as read_record checks it (its type; the keys a record must
// have are there). Whatever this reader does not take (a deletion or story-merge line, a value of
// another type, deep nesting, a key spelled with escapes) gives nullopt: the caller then reads the
// line the full way (read_record), which also says what is wrong.
#include <optional>
#include <span>
#include <string_view>

#include "newsnorm/model/record_fields.hpp"

namespace newsnorm {

// Fields not in `wanted` keep their defaults; fields of type Json (extra) are never filled.
std::optional<Article> scan_record(std::string_view line, std::span<const Member<Article>> wanted);

}  // namespace newsnorm
