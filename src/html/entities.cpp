// HTML character references: the named ones of HTML 4 (which covers what feeds use) and numeric ones.
#include <algorithm>
#include <array>
#include <vector>

#include "newsnorm/core/ascii.hpp"
#include "newsnorm/core/utf8.hpp"
#include "newsnorm/html/markup.hpp"

namespace newsnorm::html {
namespace {

struct Named {
  std::string_view name;
  char32_t code_point;
};

// U+00A0..U+00FF in order: the whole Latin-1 set.
constexpr std::array<std::string_view, 96> kLatin1 = {
    "nbsp",   "iexcl",  "cent",   "pound",  "curren", "yen",    "brvbar", "sect",   "uml",    "copy",   "ordf",
    "laquo",  "not",    "shy",    "reg",    "macr",   "deg",    "plusmn", "sup2",   "sup3",   "acute",  "micro",
    "para",   "middot", "cedil",  "sup1",   "ordm",   "raquo",  "frac14", "frac12", "frac34", "iquest", "Agrave",
    "Aacute", "Acirc",  "Atilde", "Auml",   "Aring",  "AElig",  "Ccedil", "Egrave", "Eacute", "Ecirc",  "Euml",
    "Igrave", "Iacute", "Icirc",  "Iuml",   "ETH",    "Ntilde", "Ograve", "Oacute", "Ocirc",  "Otilde", "Ouml",
    "times",  "Oslash", "Ugrave", "Uacute", "Ucirc",  "Uuml",   "Yacute", "THORN",  "szlig",  "agrave", "aacute",
    "acirc",  "atilde", "auml",   "aring",  "aelig",  "ccedil", "egrave", "eacute", "ecirc",  "euml",   "igrave",
    "iacute", "icirc",  "iuml",   "eth",    "ntilde", "ograve", "oacute", "ocirc",  "otilde", "ouml",   "divide",
    "oslash", "ugrave", "uacute", "ucirc",  "uuml",   "yacute", "thorn",  "yuml"};

// Greek letters as HTML 4 names them, from U+0391 and from U+03B1 (U+03A2 has no letter).
constexpr std::array<std::string_view, 25> kGreekUpper = {
    "Alpha", "Beta",    "Gamma", "Delta", "Epsilon", "Zeta",  "Eta", "Theta",   "Iota", "Kappa", "Lambda", "Mu",   "Nu",
    "Xi",    "Omicron", "Pi",    "Rho",   "",        "Sigma", "Tau", "Upsilon", "Phi",  "Chi",   "Psi",    "Omega"};
constexpr std::array<std::string_view, 25> kGreekLower = {
    "alpha", "beta",    "gamma", "delta", "epsilon", "zeta",  "eta", "theta",   "iota", "kappa", "lambda", "mu",   "nu",
    "xi",    "omicron", "pi",    "rho",   "sigmaf",  "sigma", "tau", "upsilon", "phi",  "chi",   "psi",    "omega"};

constexpr std::array kOthers = {
    Named{"quot", 0x22},     Named{"amp", 0x26},       Named{"apos", 0x27},     Named{"lt", 0x3C},
    Named{"gt", 0x3E},       Named{"OElig", 0x152},    Named{"oelig", 0x153},   Named{"Scaron", 0x160},
    Named{"scaron", 0x161},  Named{"Yuml", 0x178},     Named{"fnof", 0x192},    Named{"circ", 0x2C6},
    Named{"tilde", 0x2DC},   Named{"thetasym", 0x3D1}, Named{"upsih", 0x3D2},   Named{"piv", 0x3D6},
    Named{"ensp", 0x2002},   Named{"emsp", 0x2003},    Named{"thinsp", 0x2009}, Named{"zwnj", 0x200C},
    Named{"zwj", 0x200D},    Named{"lrm", 0x200E},     Named{"rlm", 0x200F},    Named{"ndash", 0x2013},
    Named{"mdash", 0x2014},  Named{"lsquo", 0x2018},   Named{"rsquo", 0x2019},  Named{"sbquo", 0x201A},
    Named{"ldquo", 0x201C},  Named{"rdquo", 0x201D},   Named{"bdquo", 0x201E},  Named{"dagger", 0x2020},
    Named{"Dagger", 0x2021}, Named{"bull", 0x2022},    Named{"hellip", 0x2026}, Named{"permil", 0x2030},
    Named{"prime", 0x2032},  Named{"Prime", 0x2033},   Named{"lsaquo", 0x2039}, Named{"rsaquo", 0x203A},
    Named{"oline", 0x203E},  Named{"frasl", 0x2044},   Named{"euro", 0x20AC},   Named{"image", 0x2111},
    Named{"weierp", 0x2118}, Named{"real", 0x211C},    Named{"trade", 0x2122},  Named{"alefsym", 0x2135},
    Named{"larr", 0x2190},   Named{"uarr", 0x2191},    Named{"rarr", 0x2192},   Named{"darr", 0x2193},
    Named{"harr", 0x2194},   Named{"crarr", 0x21B5},   Named{"lArr", 0x21D0},   Named{"uArr", 0x21D1},
    Named{"rArr", 0x21D2},   Named{"dArr", 0x21D3},    Named{"hArr", 0x21D4},   Named{"forall", 0x2200},
    Named{"part", 0x2202},   Named{"exist", 0x2203},   Named{"empty", 0x2205},  Named{"nabla", 0x2207},
    Named{"isin", 0x2208},   Named{"notin", 0x2209},   Named{"ni", 0x220B},     Named{"prod", 0x220F},
    Named{"sum", 0x2211},    Named{"minus", 0x2212},   Named{"lowast", 0x2217}, Named{"radic", 0x221A},
    Named{"prop", 0x221D},   Named{"infin", 0x221E},   Named{"ang", 0x2220},    Named{"and", 0x2227},
    Named{"or", 0x2228},     Named{"cap", 0x2229},     Named{"cup", 0x222A},    Named{"int", 0x222B},
    Named{"there4", 0x2234}, Named{"sim", 0x223C},     Named{"cong", 0x2245},   Named{"asymp", 0x2248},
    Named{"ne", 0x2260},     Named{"equiv", 0x2261},   Named{"le", 0x2264},     Named{"ge", 0x2265},
    Named{"sub", 0x2282},    Named{"sup", 0x2283},     Named{"nsub", 0x2284},   Named{"sube", 0x2286},
    Named{"supe", 0x2287},   Named{"oplus", 0x2295},   Named{"otimes", 0x2297}, Named{"perp", 0x22A5},
    Named{"sdot", 0x22C5},   Named{"lceil", 0x2308},   Named{"rceil", 0x2309},  Named{"lfloor", 0x230A},
    Named{"rfloor", 0x230B}, Named{"lang", 0x27E8},    Named{"rang", 0x27E9},   Named{"loz", 0x25CA},
    Named{"spades", 0x2660}, Named{"clubs", 0x2663},   Named{"hearts", 0x2665}, Named{"diams", 0x2666},
    Named{"nbsp", 0xA0},     Named{"laquo", 0xAB},     Named{"raquo", 0xBB},
};

const std::vector<Named>& named_references() {
  static const std::vector<Named> table = [] {
    std::vector<Named> all;
    for (std::size_t i = 0; i < kLatin1.size(); ++i) all.push_back({kLatin1[i], static_cast<char32_t>(0xA0 + i)});
    for (std::size_t i = 0; i < kGreekUpper.size(); ++i)
      if (!kGreekUpper[i].empty()) all.push_back({kGreekUpper[i], static_cast<char32_t>(0x391 + i)});
    for (std::size_t i = 0; i < kGreekLower.size(); ++i)
      all.push_back({kGreekLower[i], static_cast<char32_t>(0x3B1 + i)});
    all.insert(all.end(), kOthers.begin(), kOthers.end());
    std::sort(all.begin(), all.end(), [](const Named& a, const Named& b) { return a.name < b.name; });
    all.erase(std::unique(all.begin(), all.end(), [](const Named& a, const Named& b) { return a.name == b.name; }),
              all.end());
    return all;
  }();
  return table;
}

// What HTML makes of &#128;..&#159;: the Windows-1252 character of that byte (feeds write &#146; for ’).
constexpr std::array<char16_t, 32> kCp1252High = {0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                                  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
                                                  0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                                  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

std::size_t decode_numeric(std::string_view text, std::size_t at, std::string& out) {
  std::size_t i = at + 2;  // past "&#"
  const bool hex = i < text.size() && (text[i] == 'x' || text[i] == 'X');
  if (hex) ++i;
  const std::size_t digits_begin = i;
  std::uint32_t value = 0;
  bool too_big = false;
  for (int d; i < text.size() && (d = ascii::digit_value(text[i], hex)) >= 0; ++i) {
    value = value * (hex ? 16u : 10u) + static_cast<std::uint32_t>(d);
    if (value > 0x10FFFF) {
      too_big = true;
      value = 0x110000;  // stays past the range however many digits follow
    }
  }
  if (i == digits_begin) return 0;
  if (i < text.size() && text[i] == ';') ++i;
  char32_t cp = value;
  if (too_big || value == 0 || (value >= 0xD800 && value <= 0xDFFF))
    cp = 0xFFFD;
  else if (value >= 0x80 && value <= 0x9F)
    cp = kCp1252High[value - 0x80];
  append_utf8(out, cp);
  return i - at;
}

}  // namespace

std::size_t decode_reference(std::string_view text, std::size_t at, std::string& out) {
  if (at + 2 >= text.size() || text[at] != '&') return 0;
  if (text[at + 1] == '#') return decode_numeric(text, at, out);
  constexpr std::size_t kLongestName = 8;  // "thetasym", "alefsym"
  std::size_t end = at + 1;
  while (end < text.size() && end - at <= kLongestName + 1 &&
         ((text[end] >= 'a' && text[end] <= 'z') || (text[end] >= 'A' && text[end] <= 'Z') ||
          (text[end] >= '0' && text[end] <= '9')))
    ++end;
  if (end >= text.size() || text[end] != ';' || end == at + 1) return 0;
  const std::string_view name = text.substr(at + 1, end - at - 1);
  const auto& table = named_references();
  const auto it = std::lower_bound(table.begin(), table.end(), name,
                                   [](const Named& n, std::string_view key) { return n.name < key; });
  if (it == table.end() || it->name != name) return 0;
  append_utf8(out, it->code_point);
  return end + 1 - at;
}

bool append_decoded(std::string_view text, std::string& out) {
  bool decoded = false;
  std::size_t copied = 0;
  for (std::size_t amp = text.find('&'); amp != std::string_view::npos; amp = text.find('&', amp + 1)) {
    out.append(text.substr(copied, amp - copied));
    copied = amp;
    if (const std::size_t length = decode_reference(text, amp, out); length > 0) {
      decoded = true;
      copied = amp + length;
      amp = copied - 1;
    }
  }
  out.append(text.substr(copied));
  return decoded;
}

}  // namespace newsnorm::html
