#include "newsnorm/normalize/language.hpp"

#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>
#include <algorithm>
#include <array>

#include "newsnorm/core/ascii.hpp"
#include "newsnorm/core/utf8.hpp"

namespace newsnorm {
namespace {

// Codes ISO 639 retired that CLD2 and old pages still use, and their current ones.
constexpr std::array<std::pair<std::string_view, std::string_view>, 5> kDeprecated = {
    {{"iw", "he"}, {"in", "id"}, {"ji", "yi"}, {"jw", "jv"}, {"mo", "ro"}}};

bool all_alpha(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return ascii::is_alpha(c); });
}

std::string tag_of(CLD2::Language language) {
  if (language == CLD2::UNKNOWN_LANGUAGE || language == CLD2::TG_UNKNOWN_LANGUAGE) return {};
  return normalize_language_tag(CLD2::LanguageCode(language)).value_or("");
}

CLD2::Language cld2_language(std::string_view tag) {
  return CLD2::GetLanguageFromName(std::string(primary_language(tag)).c_str());
}

}  // namespace

std::string_view primary_language(std::string_view tag) { return tag.substr(0, tag.find('-')); }

std::optional<std::string> normalize_language_tag(std::string_view declared) {
  std::string text(ascii::trim(declared));
  std::replace(text.begin(), text.end(), '_', '-');
  if (text.empty()) return std::nullopt;
  // A language's English name ("english", "German"), as some sites write it.
  if (text.size() > 3 && all_alpha(text)) {
    const auto language = CLD2::GetLanguageFromName(ascii::to_upper(text).c_str());
    if (language == CLD2::UNKNOWN_LANGUAGE) return std::nullopt;
    const std::string code = CLD2::LanguageCode(language);
    if (code.size() > 3 && code.find('-') == std::string::npos) return std::nullopt;  // no code: loop guard
    return normalize_language_tag(code);
  }
  std::string out;
  std::size_t index = 0;
  for (std::size_t pos = 0; pos <= text.size(); ++index) {
    const auto end = std::min(text.find('-', pos), text.size());
    std::string subtag = text.substr(pos, end - pos);
    pos = end + 1;
    if (subtag.empty() || subtag.size() > 8 ||
        !std::all_of(subtag.begin(), subtag.end(), [](char c) { return ascii::is_alnum(c); }))
      return std::nullopt;
    subtag = ascii::to_lower(subtag);
    if (index == 0) {
      if (subtag.size() < 2 || subtag.size() > 3 || !all_alpha(subtag)) return std::nullopt;
      for (const auto& [old, current] : kDeprecated)
        if (subtag == old) subtag = current;
    } else if (subtag.size() == 4 && all_alpha(subtag)) {
      subtag[0] = ascii::to_upper(subtag[0]);  // script: Hant
    } else if ((subtag.size() == 2 && all_alpha(subtag)) || (subtag.size() == 3 && !all_alpha(subtag))) {
      subtag = ascii::to_upper(subtag);  // region: GB, 419
    }
    if (!out.empty()) out += '-';
    out += subtag;
  }
  return out;
}

DetectedLanguage detect_language(std::string_view text, TextKind kind, std::string_view declared,
                                 std::size_t max_bytes) {
  // CLD2 must be given valid UTF-8 (its own notes say so): repair, then cut at a character.
  std::string repaired;
  if (!is_valid_utf8(text)) {
    repaired = repair_utf8(text.substr(0, max_bytes + 4));
    text = repaired;
  }
  text = utf8_prefix(text, std::min<std::size_t>(max_bytes, 1u << 30));
  const std::string hint = normalize_language_tag(declared).value_or("");
  CLD2::CLDHints hints{hint.empty() ? nullptr : hint.c_str(), nullptr, CLD2::UNKNOWN_ENCODING, CLD2::UNKNOWN_LANGUAGE};
  std::array<CLD2::Language, 3> languages{};
  std::array<int, 3> percents{};
  std::array<double, 3> scores{};
  int text_bytes = 0;
  bool reliable = false;
  const CLD2::Language top =
      CLD2::ExtDetectLanguageSummary(text.data(), static_cast<int>(text.size()), kind == TextKind::plain, &hints, 0,
                                     languages.data(), percents.data(), scores.data(), nullptr, &text_bytes, &reliable);
  DetectedLanguage detected;
  detected.tag = tag_of(top);
  detected.reliable = reliable && !detected.tag.empty();
  detected.text_bytes = text_bytes;
  for (std::size_t i = 0; i < languages.size(); ++i) {
    auto tag = tag_of(languages[i]);
    if (tag.empty() || percents[i] == 0) continue;
    if (tag == detected.tag && detected.percent == 0) detected.percent = percents[i];
    detected.shares.push_back({std::move(tag), percents[i]});
  }
  return detected;
}

bool language_disagrees(std::string_view declared, const DetectedLanguage& detected, int min_percent,
                        int min_text_bytes) {
  const auto tag = normalize_language_tag(declared);
  if (!tag || detected.tag.empty() || !detected.reliable || detected.percent < min_percent ||
      detected.text_bytes < min_text_bytes)
    return false;
  const auto a = primary_language(*tag), b = primary_language(detected.tag);
  if (a == b) return false;
  const auto norwegian = [](std::string_view code) { return code == "no" || code == "nb" || code == "nn"; };
  if (norwegian(a) && norwegian(b)) return false;
  // Languages CLD2 itself cannot tell apart well (Malay and Indonesian, Bosnian, Croatian and
  // Serbian...) are not a contradiction.
  const int set = CLD2::LanguageCloseSet(cld2_language(a));
  return set == 0 || set != CLD2::LanguageCloseSet(cld2_language(b));
}

}  // namespace newsnorm
