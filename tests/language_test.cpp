// Language: CLD2's detection as BCP 47, declared values normalised, and the disagreement rule; on
// handmade texts and on the extraction pages against their own <html lang>.
#include <catch2/catch.hpp>

#include <fmt/format.h>
#include <regex>

#include "newsnorm/html/page.hpp"
#include "newsnorm/normalize/language.hpp"
#include "test_support.hpp"

using namespace newsnorm;

TEST_CASE("language: declared values as BCP 47", "[language]") {
  CHECK(normalize_language_tag("en") == "en");
  CHECK(normalize_language_tag("EN") == "en");
  CHECK(normalize_language_tag("en-us") == "en-US");
  CHECK(normalize_language_tag(" en_GB ") == "en-GB");
  CHECK(normalize_language_tag("zh-hant-tw") == "zh-Hant-TW");
  CHECK(normalize_language_tag("es-419") == "es-419");
  CHECK(normalize_language_tag("iw") == "he");
  CHECK(normalize_language_tag("english") == "en");
  CHECK(normalize_language_tag("German") == "de");
  for (const char* bad : {"", "x-default", "123", "en--US", "e", "english!", "notalanguage", "en-toolongsubtag"})
    CHECK_FALSE(normalize_language_tag(bad).has_value());
  CHECK(primary_language("zh-Hant") == "zh");
}

TEST_CASE("language: handmade texts", "[language]") {
  struct Case {
    const char* text;
    const char* tag;
  };
  const Case cases[] = {
      {"The government announced on Tuesday that it would raise interest rates again, citing persistent inflation "
       "and a labour market that remains tight despite months of slowing growth.",
       "en"},
      {"Die Bundesregierung hat am Dienstag angekündigt, die Zinsen erneut anzuheben, und verwies auf die anhaltende "
       "Inflation sowie einen weiterhin angespannten Arbeitsmarkt.",
       "de"},
      {"Le gouvernement a annoncé mardi qu'il relèverait de nouveau les taux d'intérêt, invoquant une inflation "
       "persistante et un marché du travail toujours tendu.",
       "fr"},
      {"El gobierno anunció el martes que volvería a subir los tipos de interés, citando una inflación persistente y "
       "un mercado laboral que sigue siendo ajustado.",
       "es"},
      {"Правительство во вторник объявило о новом повышении процентных ставок, сославшись на устойчивую инфляцию и "
       "напряжённый рынок труда.",
       "ru"},
      {"政府週二宣布將再次提高利率，理由是通貨膨脹持續，而且儘管經濟成長放緩了好幾個月，勞動市場依然緊張。這項決定在市"
       "場上引起廣泛討論。",
       "zh-Hant"},
      {"政府周二宣布将再次提高利率，理由是通货膨胀持续，而且尽管经济增长放缓了好几个月，劳动力市场依然紧张。这项决定在"
       "市场上引起广泛讨论。",
       "zh"},
      {"政府は火曜日、根強いインフレと数カ月にわたる成長の鈍化にもかかわらず逼迫した労働市場を理由に、再び金利を引き上"
       "げると発表した。",
       "ja"},
  };
  for (const auto& c : cases) {
    const auto detected = detect_language(c.text);
    CAPTURE(c.text, detected.tag, detected.percent);
    CHECK(detected.tag == c.tag);
    CHECK(detected.reliable);
    CHECK(detected.percent >= 80);
  }
  // Too little text to tell, no letters at all, invalid UTF-8: unknown or unreliable, never a crash.
  CHECK_FALSE(detect_language("ok").reliable);
  CHECK(detect_language("12345 67890 !!!").tag.empty());
  CHECK_FALSE(detect_language(std::string(2000, '\xff')).reliable);
  CHECK(detect_language("<p>Die Bundesregierung hat am Dienstag angekündigt, die Zinsen erneut anzuheben, und "
                        "verwies auf die anhaltende Inflation.</p>",
                        TextKind::html)
            .tag == "de");
}

TEST_CASE("language: declared and detected disagree only with confidence", "[language]") {
  const auto german = detect_language(
      "Die Bundesregierung hat am Dienstag angekündigt, die Zinsen erneut anzuheben, und verwies auf die anhaltende "
      "Inflation sowie einen weiterhin angespannten Arbeitsmarkt trotz monatelang nachlassenden Wachstums.");
  CHECK(language_disagrees("en", german));
  CHECK(language_disagrees("en-US", german));
  CHECK_FALSE(language_disagrees("de-AT", german));
  CHECK_FALSE(language_disagrees("DE", german));
  CHECK_FALSE(language_disagrees("x-default", german));                  // no language declared
  CHECK_FALSE(language_disagrees("en", detect_language("Hallo Welt")));  // too little to be sure
  DetectedLanguage traditional{"zh-Hant", true, 95, 1000, {}};
  CHECK_FALSE(language_disagrees("zh-CN", traditional));
  DetectedLanguage bokmal{"no", true, 95, 1000, {}};
  CHECK_FALSE(language_disagrees("nb", bokmal));
  DetectedLanguage indonesian{"id", true, 95, 1000, {}};
  CHECK_FALSE(language_disagrees("ms", indonesian));  // CLD2's own close set
}

// Measured: 70 of the 74 pages with a <html lang> agree (94.6%). The four others are pages whose
// declaration is wrong (a German article on a site declaring "en", an English one declaring "de",
// as their ground-truth texts show), and all four are flagged by language_disagrees.
TEST_CASE("language: the extraction pages against their <html lang>", "[language]") {
  const std::regex html_lang(R"re(<html\b[^>]*?\blang\s*=\s*["']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)*))re",
                             std::regex::icase);
  int declared = 0, agree = 0, reliable = 0, disagreements = 0;
  std::vector<std::string> misses;
  for (const auto& path : test::files_under(test::shared_dir() / "extraction" / "html")) {
    const std::string html = test::read_file(path);
    std::smatch match;
    const std::string head = html.substr(0, 20000);
    if (!std::regex_search(head, match, html_lang)) continue;
    const auto tag = normalize_language_tag(match[1].str());
    if (!tag) continue;
    ++declared;
    const HtmlPage page = parse_html_page(html);
    const std::string text = page.title + "\n\n" + page.article_text;
    const auto detected = page.article_text.empty() ? detect_language(html, TextKind::html) : detect_language(text);
    reliable += detected.reliable;
    disagreements += language_disagrees(*tag, detected);
    if (primary_language(detected.tag) == primary_language(*tag)) {
      ++agree;
    } else {
      misses.push_back(fmt::format("{}: lang={} detected={} ({}%{})", path.filename().string(), *tag, detected.tag,
                                   detected.percent, detected.reliable ? ", reliable" : ""));
    }
  }
  WARN(
      fmt::format("language of the extraction pages: {} of {} agree with <html lang> ({:.1f}%), {} reliable, {} "
                  "flagged as disagreeing",
                  agree, declared, declared ? 100.0 * agree / declared : 0.0, reliable, disagreements));
  for (const auto& miss : misses) WARN(miss);
  REQUIRE(declared >= 50);
  CHECK(agree * 100 >= declared * 90);
  CHECK(disagreements == declared - agree);
}
