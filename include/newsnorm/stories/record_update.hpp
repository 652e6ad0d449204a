#pragma once
// What the story stage changes in a record: the story fields of an exported line (spliced in place,
// so a million records are not parsed again), and the metadata a bare text takes from the known
// article it turns out to be.
#include <optional>
#include <string>

#include "newsnorm/model/article.hpp"
#include "newsnorm/stories/story_item.hpp"

namespace newsnorm::stories {

// Sets the article's signature field from its title, excerpt and text, and returns the signature
// (for story_item, which would otherwise decode the field again).
Signature sign(Article& article);

// `bare` is the text of `known`'s related entry `related_index` (Anchor::kOwnRecord: of `known`
// itself). It takes that article's address fields, and its title, date and provider where it has
// none, each with a warning naming where it came from ("title: from related[2] of 6aee218a7441e03e");
// its id becomes the one its address gives, and it is signed again.
void take_metadata(Article& bare, const Article& known, std::uint32_t related_index);

// Sets storyId and duplicateOf in one exported record line (with or without its newline). Lines the
// exporter wrote have them right after the id and are edited in place; any other valid record is
// read and written again.
void set_story_fields(std::string& line, const std::optional<std::string>& story_id,
                      const std::optional<std::string>& duplicate_of);

// Whether set_story_fields edits `line` in place: both fields are null, right after the id, as the
// exporter writes them. Then it adds exactly story_fields_growth(...) bytes.
bool has_blank_story_fields(std::string_view line);
std::size_t story_fields_growth(const std::optional<std::string>& story_id,
                                const std::optional<std::string>& duplicate_of);

}  // namespace newsnorm::stories
