#include "newsnorm/core/limits.hpp"

namespace newsnorm {

std::span<const LimitSetting> limit_settings() {
  static const LimitSetting settings[] = {
      {"max-bytes", &Limits::max_bytes, "Reject files larger than this many bytes"},
      {"max-header-bytes", &Limits::max_header_bytes, "Reject front matter larger than this"},
      {"max-line-length", &Limits::max_line_length, "Reject header lines longer than this"},
      {"max-depth", &Limits::max_depth, "Reject headers nested deeper than this", 1, kMaxDepthCeiling},
      {"max-alias-nodes", &Limits::max_alias_nodes, "Reject YAML headers whose aliases copy in more nodes than this"},
      {"max-related", &Limits::max_related, "Reject articles with more related entries than this"},
  };
  return settings;
}

}  // namespace newsnorm
