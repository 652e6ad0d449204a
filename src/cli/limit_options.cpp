#include "commands.hpp"

namespace newsnorm::cli {

void add_limit_options(CLI::App& command, Limits& limits) {
  const char* group = "Limits on hostile input";
  command.add_option("--max-bytes", limits.max_bytes, "Reject files larger than this many bytes")
      ->capture_default_str()->group(group);
  command.add_option("--max-header-bytes", limits.max_header_bytes, "Reject front matter larger than this")
      ->capture_default_str()->group(group);
  command.add_option("--max-line-length", limits.max_line_length, "Reject header lines longer than this")
      ->capture_default_str()->group(group);
  command.add_option("--max-depth", limits.max_depth, "Reject headers nested deeper than this")
      ->capture_default_str()->check(CLI::Range(1, 10000))->group(group);
  command.add_option("--max-alias-nodes", limits.max_alias_nodes,
                     "Reject YAML headers whose aliases copy in more nodes than this")
      ->capture_default_str()->group(group);
  command.add_option("--max-related", limits.max_related, "Reject articles with more related entries than this")
      ->capture_default_str()->group(group);
}

}  // namespace newsnorm::cli
