#include <map>
#include <thread>

#include "commands.hpp"
#include "newsnorm/model/datetime.hpp"

namespace newsnorm::cli {

int InputSettings::thread_count() const {
  if (jobs > 0) return jobs;
  return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

IngestOptions InputSettings::ingest_options() const {
  IngestOptions options;
  options.limits = limits;
  options.normalize.base_url = base_url;
  if (!assume_tz.empty()) options.limits.assume_offset_minutes = parse_zone_offset(assume_tz);
  if (!providers.empty()) {
    auto registry = std::make_shared<ProviderRegistry>(*builtin_registry());
    for (const auto& path : providers) registry->load(path);  // throws with path:line:column
    options.normalize.registry = std::move(registry);
  }
  return options;
}

std::unique_ptr<InputStream> InputSettings::open() const {
  const bool stdin_path = std::find(paths.begin(), paths.end(), "-") != paths.end();
  if (files_from == "-" && stdin_path)
    throw CLI::ValidationError("--files-from -", "standard input cannot be both the list of files and an article");
  std::vector<std::string> roots = paths;
  if (roots.empty() && files_from.empty()) roots.push_back("-");
  auto inputs = std::make_unique<InputStream>(roots, WalkOptions{hidden});
  if (!files_from.empty()) inputs->add_list(files_from, null_separated ? '\0' : '\n');
  return inputs;
}

void add_input_options(CLI::App& command, InputSettings& settings) {
  command.add_option("PATH", settings.paths,
                     "Files or folders to read (folders recursively, in path order); '-' reads one article from "
                     "standard input, as does giving no PATH and no --files-from");
  command
      .add_option("--files-from", settings.files_from,
                  "Also read the paths listed in FILE, one per line ('-' for standard input)")
      ->type_name("FILE");
  command.add_flag("-0,--null", settings.null_separated,
                   "Paths in --files-from are separated by NUL bytes, as `find -print0` writes them");
  command.add_flag("--hidden", settings.hidden, "Also read files and folders whose names start with '.'");
  command
      .add_option("-j,--jobs", settings.jobs,
                  "Parse on N threads (default: one per core); output order never "
                  "depends on N")
      ->check(CLI::Range(0, 256));

  command
      .add_option("--providers", settings.providers,
                  "Also name providers from PATH: a YAML file mapping domains to names, or a folder of "
                  "organization files (like _data/organizations); repeatable, later ones win")
      ->type_name("PATH")
      ->allow_extra_args(false)
      ->check(CLI::ExistingPath);

  command
      .add_option("--assume-tz", settings.assume_tz,
                  "Read dates that name no zone in ZONE (+05:30, -0800, UTC, EST…) instead of UTC")
      ->type_name("ZONE")
      ->check([](const std::string& zone) {
        return parse_zone_offset(zone) ? std::string() : "not a zone this tool reads: give an offset such as +05:30";
      });
  command
      .add_option("--base-url", settings.base_url,
                  "Resolve site-relative addresses (a permalink such as /2013/11/post/) against URL")
      ->type_name("URL")
      ->check([](const std::string& url) {
        return url.starts_with("http://") || url.starts_with("https://") ? std::string()
                                                                         : std::string("give an absolute http(s) URL");
      });

  const char* group = "Limits on hostile input";
  Limits& limits = settings.limits;
  command.add_option("--max-bytes", limits.max_bytes, "Reject files larger than this many bytes")
      ->capture_default_str()
      ->group(group);
  command.add_option("--max-header-bytes", limits.max_header_bytes, "Reject front matter larger than this")
      ->capture_default_str()
      ->group(group);
  command.add_option("--max-line-length", limits.max_line_length, "Reject header lines longer than this")
      ->capture_default_str()
      ->group(group);
  command.add_option("--max-depth", limits.max_depth, "Reject headers nested deeper than this")
      ->capture_default_str()
      ->check(CLI::Range(1, kMaxDepthCeiling))
      ->group(group);
  command
      .add_option("--max-alias-nodes", limits.max_alias_nodes,
                  "Reject YAML headers whose aliases copy in more nodes than this")
      ->capture_default_str()
      ->group(group);
  command.add_option("--max-related", limits.max_related, "Reject articles with more related entries than this")
      ->capture_default_str()
      ->group(group);
  static const std::map<std::string, DuplicateKeys> kDuplicateKeys = {
      {"error", DuplicateKeys::error}, {"first", DuplicateKeys::first}, {"last", DuplicateKeys::last}};
  command
      .add_option("--duplicate-keys", limits.duplicate_keys,
                  "A key given twice in a YAML or JSON header: reject the file (error), or keep the first or "
                  "the last value (last is what Jekyll does), with a warning naming both lines")
      ->transform(CLI::CheckedTransformer(kDuplicateKeys))
      ->default_str("error")
      ->group(group);
}

void add_log_options(CLI::App& command, LogSettings& settings) {
  const char* group = "Messages (standard error)";
  command.add_flag("-q,--quiet", settings.quiet, "Errors only: no warnings, no summary, no progress bar")->group(group);
  command.add_option("--log-level", settings.level, "Least severe message to show")
      ->check(CLI::IsMember({"trace", "debug", "info", "warning", "error", "off"}))
      ->capture_default_str()
      ->group(group);
  command
      .add_option("--log-format", settings.format,
                  "text: 'path:line:column: error: message'; json: one JSON object per line, for log collectors")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str()
      ->group(group);
}

}  // namespace newsnorm::cli
