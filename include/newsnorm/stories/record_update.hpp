#pragma once
// What the story stage changes in an article: its signature, and the metadata a bare text takes
// from the known article it turns out to be. (Its story fields are set in the exported line:
// export/story_fields.hpp.)
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

}  // namespace newsnorm::stories
