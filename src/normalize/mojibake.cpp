// Repairs UTF-8 that was decoded as Windows-1252 and encoded again ("â€™" for "’", "Â©" for "©").
//
// Every such character becomes a cluster of non-ASCII characters that Windows-1252 can encode, and
// encoding the cluster back gives the original UTF-8. So each maximal cluster is encoded back; it is
// mojibake when those bytes are well-formed UTF-8 and decode to characters that real text uses.
// Genuine text almost never passes: "café", "£5" or "“quoted”" give bytes that are not UTF-8.
// The doubtful case is a cluster of one two-byte sequence whose lead is a capital letter from Ä to ß
// ("Ä…" is the mojibake of "ą", but could be German): it is repaired only beside sure mojibake.
#include <utf8proc.h>

#include <cstring>
#include <span>
#include <vector>

#include "newsnorm/core/utf8.hpp"
#include "newsnorm/normalize/text_normalize.hpp"
#include "text_internal.hpp"

namespace newsnorm {
namespace {

// The Windows-1252 byte for a code point, or -1. U+0080..U+009F map to their own byte, as the
// five bytes Windows-1252 leaves undefined do in browsers (and in Latin-1 mojibake, all of them).
int windows1252_byte(char32_t cp) {
  if (cp < 0x100) return static_cast<int>(cp);
  switch (cp) {
    case 0x20AC: return 0x80;
    case 0x201A: return 0x82;
    case 0x0192: return 0x83;
    case 0x201E: return 0x84;
    case 0x2026: return 0x85;
    case 0x2020: return 0x86;
    case 0x2021: return 0x87;
    case 0x02C6: return 0x88;
    case 0x2030: return 0x89;
    case 0x0160: return 0x8A;
    case 0x2039: return 0x8B;
    case 0x0152: return 0x8C;
    case 0x017D: return 0x8E;
    case 0x2018: return 0x91;
    case 0x2019: return 0x92;
    case 0x201C: return 0x93;
    case 0x201D: return 0x94;
    case 0x2022: return 0x95;
    case 0x2013: return 0x96;
    case 0x2014: return 0x97;
    case 0x02DC: return 0x98;
    case 0x2122: return 0x99;
    case 0x0161: return 0x9A;
    case 0x203A: return 0x9B;
    case 0x0153: return 0x9C;
    case 0x017E: return 0x9E;
    case 0x0178: return 0x9F;
    default: return -1;
  }
}

bool is_letter(utf8proc_category_t c) {
  return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LL || c == UTF8PROC_CATEGORY_LT ||
         c == UTF8PROC_CATEGORY_LM || c == UTF8PROC_CATEGORY_LO;
}
bool is_mark(utf8proc_category_t c) {
  return c == UTF8PROC_CATEGORY_MN || c == UTF8PROC_CATEGORY_MC || c == UTF8PROC_CATEGORY_ME;
}

// Two-byte sequences led by Ä..ß (U+0100..U+07FF) are letters of the scripts whose mojibake is
// common: Latin Extended (not IPA), Greek, Cyrillic, Armenian, Hebrew, Arabic. Anything else there
// (NKo, Syriac, IPA) is far likelier to be genuine text such as "Fuß…" or "CAFÉ»".
bool plausible_two_byte_letter(char32_t cp) {
  return (cp >= 0x100 && cp <= 0x24F) || (cp >= 0x370 && cp <= 0x3FF) || (cp >= 0x400 && cp <= 0x52F) ||
         (cp >= 0x531 && cp <= 0x58F) || (cp >= 0x590 && cp <= 0x5FF) || (cp >= 0x600 && cp <= 0x6FF);
}

enum class Verdict { keep, weak, strong };

// Judges the bytes a cluster encodes to: are they UTF-8 that real text would contain?
Verdict judge(std::string_view bytes) {
  std::size_t sequences = 0;
  bool sure = false, lone_mark = false;
  for (std::size_t k = 0; k < bytes.size();) {
    char32_t cp = 0;
    const std::size_t length = decode_utf8(bytes, k, cp);
    if (length < 2) return Verdict::keep;  // ill-formed: genuine Windows-1252 text ("café", "£5")
    const auto category = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
    if (category == UTF8PROC_CATEGORY_CN || category == UTF8PROC_CATEGORY_CO || category == UTF8PROC_CATEGORY_CS ||
        category == UTF8PROC_CATEGORY_CC)
      return Verdict::keep;  // "Â…" would become U+0085, a control: not a repair
    const auto lead = static_cast<unsigned char>(bytes[k]);
    if (length == 2 && lead >= 0xC4) {
      if (!plausible_two_byte_letter(cp)) return Verdict::keep;
      if (is_mark(category))
        lone_mark = true;
      else if (!is_letter(category))
        return Verdict::keep;
    } else {
      sure = true;  // "Â©", "Ã©", or three and four bytes ("â€™", "ðŸ˜€"), which genuine text never forms
    }
    ++sequences;
    k += length;
  }
  if (sequences >= 2) return Verdict::strong;  // "Ð¿Ñ€Ð¸" (при): several characters agree
  if (lone_mark) return Verdict::keep;
  return sure ? Verdict::strong : Verdict::weak;
}

// Mojibake always holds a lead-byte character, U+00C2..U+00F4, encoded C3 82..C3 B4: a cheap test
// that lets almost all text skip the full scan.
bool may_hold_mojibake(std::string_view text) {
  const char* p = text.data();
  const char* end = p + text.size();
  while ((p = static_cast<const char*>(std::memchr(p, 0xC3, static_cast<std::size_t>(end - p)))) != nullptr) {
    if (p + 1 < end && static_cast<unsigned char>(p[1]) >= 0x82 && static_cast<unsigned char>(p[1]) <= 0xB4)
      return true;
    ++p;
  }
  return false;
}

// True when `text` holds a well-formed non-ASCII character outside the [begin, end) ranges of `fixes`
// (sorted): text already correctly encoded, so a cluster that looks like mojibake is more likely meant.
template <typename Fixes>
bool has_genuine_non_ascii(std::string_view text, const Fixes& fixes) {
  std::size_t next_fix = 0;
  for (std::size_t i = 0; i < text.size();) {
    while (next_fix < fixes.size() && fixes[next_fix].end <= i) ++next_fix;
    if (next_fix < fixes.size() && fixes[next_fix].begin <= i) {
      i = fixes[next_fix].end;
      continue;
    }
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    char32_t cp = 0;
    const std::size_t length = decode_utf8(text, i, cp);
    if (length > 0) return true;
    ++i;  // an ill-formed byte is no evidence either way
  }
  return false;
}

// One pass over `text`; returns true (and the repaired text in `out`) when something was repaired.
// Nothing inside `kept` (sorted, disjoint) is repaired; and nothing at all when the text also holds
// correctly encoded non-ASCII characters (anywhere, `kept` included): the whole field must be
// consistently misread, or the "mojibake" is more likely text about mojibake.
bool repair_pass(std::string_view text, std::string& out, std::span<const text_detail::ByteRange> kept) {
  struct Fix {
    std::size_t begin, end;              // the cluster in `text`
    std::size_t bytes_begin, bytes_end;  // its repair in `repairs`
    bool strong;
  };
  std::vector<Fix> run_fixes;  // fixes in the current run of encodable characters
  std::vector<Fix> applied;    // fixes of runs that hold sure mojibake, in order
  std::string repairs;
  std::string cluster;  // the bytes of the cluster being read
  std::size_t cluster_begin = std::string_view::npos;
  std::string all_repairs;  // the repairs of `applied`
  bool run_has_strong = false;
  std::size_t copied = 0;  // text[0, copied) is already in `out`
  out.clear();

  const auto close_cluster = [&](std::size_t end) {
    if (cluster_begin == std::string_view::npos) return;
    const Verdict verdict = judge(cluster);
    if (verdict != Verdict::keep) {
      run_fixes.push_back(
          {cluster_begin, end, repairs.size(), repairs.size() + cluster.size(), verdict == Verdict::strong});
      repairs += cluster;
      run_has_strong = run_has_strong || verdict == Verdict::strong;
    }
    cluster.clear();
    cluster_begin = std::string_view::npos;
  };
  const auto close_run = [&] {
    if (run_has_strong) {
      for (Fix& fix : run_fixes) {
        fix.bytes_begin += all_repairs.size();
        fix.bytes_end += all_repairs.size();
        applied.push_back(fix);
      }
      all_repairs += repairs;
    }
    run_fixes.clear();
    repairs.clear();
    run_has_strong = false;
  };

  std::size_t next_kept = 0;
  for (std::size_t i = 0; i < text.size();) {
    while (next_kept < kept.size() && kept[next_kept].end <= i) ++next_kept;
    if (next_kept < kept.size() && kept[next_kept].begin <= i) {  // code: ends the cluster and the run
      close_cluster(i);
      close_run();
      i = kept[next_kept].end;
      continue;
    }
    if (static_cast<unsigned char>(text[i]) < 0x80) {  // ASCII ends a cluster, not a run
      close_cluster(i);
      ++i;
      continue;
    }
    char32_t cp = 0;
    const std::size_t length = decode_utf8(text, i, cp);
    const int byte = length == 0 ? -1 : windows1252_byte(cp);
    if (byte >= 0x80) {
      if (cluster_begin == std::string_view::npos) cluster_begin = i;
      cluster.push_back(static_cast<char>(byte));
      i += length;
      continue;
    }
    // A character Windows-1252 cannot encode (or an ill-formed byte) ends the cluster and the run.
    close_cluster(i);
    close_run();
    i += length == 0 ? 1 : length;
  }
  close_cluster(text.size());
  close_run();
  if (applied.empty() || has_genuine_non_ascii(text, applied)) return false;
  for (const Fix& fix : applied) {
    out.append(text.substr(copied, fix.begin - copied));
    out.append(std::string_view(all_repairs).substr(fix.bytes_begin, fix.bytes_end - fix.bytes_begin));
    copied = fix.end;
  }
  out.append(text.substr(copied));
  return true;
}

}  // namespace

std::optional<std::string> repair_mojibake(std::string_view text) {
  return text_detail::repair_mojibake_outside(text, {});
}

namespace text_detail {

std::optional<std::string> repair_mojibake_outside(std::string_view text, std::span<const ByteRange> kept) {
  if (!may_hold_mojibake(text)) return std::nullopt;
  std::string once;
  if (!repair_pass(text, once, kept)) return std::nullopt;
  // Text encoded twice ("Ã¢â‚¬â„¢") is repaired twice; never more, so a loop cannot run away. The
  // second pass keeps no ranges: the first kept them byte for byte, but at other offsets; a second
  // repair is only taken when the whole of `once` agrees.
  if (std::string twice; kept.empty() && may_hold_mojibake(once) && repair_pass(once, twice, {})) return twice;
  return once;
}

}  // namespace text_detail

}  // namespace newsnorm
