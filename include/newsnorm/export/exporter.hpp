#pragma once
// Writes records as JSON Lines, in the shape the field tables (model/record_fields) describe.
#include <string>
#include <string_view>

#include "newsnorm/model/article.hpp"

namespace newsnorm {

// Appends one record and its newline to `out` (a buffer the caller reuses).
void append_record(std::string& out, const Article& article);

// The key a deletion record adds to {"id", "source": {"path"}}.
inline constexpr std::string_view kDeletedKey = "deleted";

// The key of a story-merge line, {"storyId": into, "mergedStory": from}: a later run found that the
// story `from` (as written before) is the story `into`.
inline constexpr std::string_view kMergedStoryKey = "mergedStory";

// {"id", "source": {"path"}, "deleted": true}: tells downstream stores to remove a record.
void append_deletion_record(std::string& out, const std::string& path, const std::string& id);

}  // namespace newsnorm
