#pragma once
// Bounds that keep hostile input from costing more than it should, and how a header parser treats
// a repeated key. Each one has a CLI option.
#include <cstddef>
#include <optional>
#include <span>
#include <string_view>
#include <variant>

namespace newsnorm {

// The highest --max-depth accepted. The depth limit is what keeps the recursive parts (yaml-cpp,
// toml++, copying and dumping the JSON tree) within the stack; each level costs about 300 bytes in a
// release build. 1000 levels stay well inside the 2 MiB that glibc gives a worker thread when
// `ulimit -s` is unlimited; the former ceiling of 10000 did not (a JSON header 9999 deep crashed
// `-j 2`). Real headers nest fewer than ten levels.
inline constexpr int kMaxDepthCeiling = 1000;

// What a header parser does with a key given twice in one mapping (--duplicate-keys). Rejecting is the
// default; `first` keeps the first value, `last` the last (Jekyll's behaviour), each with a warning.
enum class DuplicateKeys { error, first, last };

struct Limits {
  std::size_t max_bytes = 16u << 20;                    // --max-bytes: whole file
  std::size_t max_header_bytes = 1u << 20;              // --max-header-bytes: front matter alone
  std::size_t max_line_length = 256u << 10;             // --max-line-length: one header line
  int max_depth = 64;                                   // --max-depth: nesting of mappings and lists
  std::size_t max_alias_nodes = 10000;                  // --max-alias-nodes: nodes that YAML aliases may copy in
  std::size_t max_related = 1000;                       // --max-related: entries in `related`
  DuplicateKeys duplicate_keys = DuplicateKeys::error;  // --duplicate-keys: not a bound, but read as one
  // --assume-tz: minutes east of UTC in which a date that names no zone is read; none means UTC.
  std::optional<int> assume_offset_minutes;
};

// The bounds by name: the CLI options (--max-bytes), a newsnorm.toml's [limits] keys (max-bytes) and
// `newsnorm config` all come from this one list.
struct LimitSetting {
  std::string_view name;  // "max-bytes"
  std::variant<std::size_t Limits::*, int Limits::*> member;
  std::string_view help;
  long long min = 0;
  long long max = 0;  // 0: no ceiling beyond the type's
};
std::span<const LimitSetting> limit_settings();

}  // namespace newsnorm
