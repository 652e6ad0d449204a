#pragma once
// The fields the story stage sets once a run's records are all made (storyId, duplicateOf), set in
// an exported record line without reading it again: a million records are not parsed twice. Where
// they stand is derived from the field table and the exporter's own output, not spelled here: they
// must follow the id directly, whose value has a fixed length (model/identity.hpp). When the table
// says otherwise, every line goes the full way (read, set, written again).
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "newsnorm/core/result.hpp"

namespace newsnorm {

// Sets storyId and duplicateOf in one exported record line (with or without its newline). Lines the
// exporter wrote are edited in place; any other record is read and written again; a line that is
// not a record is an error, and is left as it was.
Status set_story_fields(std::string& line, const std::optional<std::string>& story_id,
                        const std::optional<std::string>& duplicate_of);

// Whether set_story_fields edits `line` in place from both fields null, as the exporter writes
// them before stories are known. Then it adds exactly story_fields_growth(...) bytes.
bool has_blank_story_fields(std::string_view line);
std::size_t story_fields_growth(const std::optional<std::string>& story_id,
                                const std::optional<std::string>& duplicate_of);

}  // namespace newsnorm
