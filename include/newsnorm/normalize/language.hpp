#pragma once
// The language of a text, detected with CLD2 (Google's Compact Language Detector 2: fast, trained
// on web pages, 80+ languages), as a BCP 47 tag; declared languages normalised to BCP 47; and the
// one decision the pipeline needs: does a declared language contradict the text?
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace newsnorm {

struct LanguageShare {
  std::string tag;  // BCP 47: "en", "de", "zh-Hant", "pt"
  int percent = 0;  // of the text's letters
};

struct DetectedLanguage {
  std::string tag;                    // BCP 47 of the main language; "" when none could be told (too short, no letters)
  bool reliable = false;              // CLD2's own verdict: enough text, a clear winner
  int percent = 0;                    // share of the text in that language
  int text_bytes = 0;                 // how much of the text CLD2 scored (letters, not markup or digits)
  std::vector<LanguageShare> shares;  // up to three, largest first
};

enum class TextKind { plain, html };

// Detects the language of UTF-8 `text` (invalid bytes are replaced first, and only the first
// `max_bytes` are read: a few kilobytes tell as much as the whole). `html`: tags and entities are
// skipped by CLD2 itself. `declared` (a page's <html lang>, a feed's <language>) only hints.
DetectedLanguage detect_language(std::string_view text, TextKind kind = TextKind::plain, std::string_view declared = "",
                                 std::size_t max_bytes = 64u << 10);

// A declared language as BCP 47: "EN" -> "en", "en_gb" -> "en-GB", "zh-hant-tw" -> "zh-Hant-TW",
// "english" -> "en", deprecated codes to their current ones ("iw" -> "he"); nullopt for what is no
// language tag ("", "x-default", "123", "en--US").
std::optional<std::string> normalize_language_tag(std::string_view declared);

// The primary language subtag: "en" of "en-GB", "zh" of "zh-Hant".
std::string_view primary_language(std::string_view tag);

// True when `declared` names a language other than the one detected, and the detection is
// confident: reliable, at least `min_percent` of the text, and at least `min_text_bytes` of text
// (CLD2 calls two words "reliable"). Variants agree ("en-US" and "en",
// "zh" and "zh-Hant", Norwegian "no"/"nb"/"nn", Malay and Indonesian). A declaration that is no
// language tag never disagrees: there is nothing to contradict.
bool language_disagrees(std::string_view declared, const DetectedLanguage& detected, int min_percent = 80,
                        int min_text_bytes = 200);

}  // namespace newsnorm
