#pragma once
// feedparser's test expectations ("Expect: not bozo and entries[0]['title'] == u'...'"), the
// simple Python forms they use, evaluated against a Feed shown the way feedparser shows it.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "newsnorm/parse/feed.hpp"

namespace newsnorm::test {

// The Feed as feedparser's result: {"bozo", "feed": {...}, "entries": [...]} with feedparser's keys
// (title_detail with MIME types, links, author_detail, tags, content, id, *_parsed...), but only
// for the fields newsnorm produces.
nlohmann::json feedparser_view(const Feed& feed);

// The value of the expectation: true or false; nullopt when it uses a form or a key this
// translation does not cover (the case is then not applicable).
std::optional<bool> evaluate_expectation(std::string_view expression, const nlohmann::json& result);

// The expectation in a test file's header comment ("Expect: ..."), or "" when it has none.
std::string expectation_of(std::string_view file_text);

}  // namespace newsnorm::test
