// `newsnorm fix`: writes the changes the normalizer reports back into the files' headers.
#include <cstdio>

#include <fmt/format.h>

#include "commands.hpp"
#include "newsnorm/fix/fix.hpp"
#include "newsnorm/parse/header_tree.hpp"
#include "reporter.hpp"

namespace newsnorm::cli {
namespace {

struct FixSettings {
  InputSettings input;
  LogSettings log;
  bool check = false;
  bool diff = false;
};

std::string plural(std::size_t n, const char* word) { return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s"); }

// "3 values: provider.name, excerpt, publishedDateTime"
std::string list_values(const std::vector<ValueFix>& values) {
  std::vector<std::string> names;
  for (const ValueFix& value : values) names.push_back(display_pointer(value.pointer));
  return fmt::format("{}: {}", plural(values.size(), "value"), fmt::join(names, ", "));
}

int run_fix_command(const FixSettings& settings) {
  Reporter reporter(settings.log);
  const auto configs = value_or_throw(ConfigResolver::open(settings.input.config_choice(false)));
  std::unique_ptr<InputStream> inputs = settings.input.open(*configs, reporter.walk_hooks());
  FixOptions options;
  options.options_for = options_from(*configs);
  options.jobs = settings.input.thread_count();
  options.mode = settings.diff ? FixMode::diff : settings.check ? FixMode::check : FixMode::write;
  const bool writes = options.mode == FixMode::write;

  reporter.start_progress(inputs->known_total());
  const FixSummary summary =
      value_or_throw(run_fix(*inputs, options, [&](const Input& input, const FixOutcome& outcome) {
        const FileFix& fix = outcome.fix;
        if (fix.error) reporter.diagnostic(input.path, *fix.error);
        for (const Diagnostic& warning : fix.remaining) reporter.diagnostic(input.path, warning);
        for (const Diagnostic& problem : fix.problems) reporter.diagnostic(input.path, problem);
        if (outcome.write_error) reporter.diagnostic(input.path, *outcome.write_error);
        if (fix.changed && !outcome.write_error) {
          Diagnostic said =
              writes ? Diagnostic{Severity::note, &code::fix_applied, {}, "fixed " + list_values(fix.values), nullptr}
                     : make_warning(code::fix_needed, {}, "would fix " + list_values(fix.values));
          reporter.diagnostic(input.path, said);
        }
        write_stdout(outcome.diff);
        // Standard input is fixed as a filter: the article, fixed or not, comes out on standard output.
        if (writes && input.path == "-" && !fix.error) write_stdout(fix.bytes);
        reporter.tick();
      }));
  reporter.finish_progress();
  flush_stdout();

  std::string said = writes ? fmt::format("{} checked: {} fixed ({})", plural(summary.files, "file"), summary.changed,
                                          plural(summary.values, "value"))
                            : fmt::format("{} checked: {} would be fixed ({})", plural(summary.files, "file"),
                                          summary.changed, plural(summary.values, "value"));
  said += fmt::format(", {} rejected, {} left that fix cannot take away", summary.rejected,
                      plural(summary.remaining, "warning"));
  if (summary.refused) said += fmt::format(", {} refused", plural(summary.refused, "file"));
  if (summary.write_failed) said += fmt::format(", {} could not be written", plural(summary.write_failed, "file"));
  if (!writes && summary.changed) said += "; run 'newsnorm fix' with the same paths to fix them";
  reporter.info(said);
  if (summary.write_failed) return kOutputFailed;
  if (summary.rejected || summary.refused || (!writes && summary.changed)) return kRejected;
  return kOk;
}

}  // namespace

Command add_fix_command(CLI::App& app) {
  auto settings = std::make_shared<FixSettings>();
  CLI::App* command =
      app.add_subcommand("fix", "Write the changes the normalizer makes back into the files' headers, in place");
  command->footer(
      "Each change ingest reports as a warning with a new value for a header value -- a date written\n"
      "in UTC, a provider's registered name or registrable domain, a title or excerpt with its entities\n"
      "decoded or mojibake repaired, an address without tracking parameters, a number written as text --\n"
      "is written into the file, replacing only that value's text: key order, comments, the quoting of\n"
      "other values, blank lines, line endings and the body stay byte for byte. Each file is replaced\n"
      "atomically and read back first; if it would not read as intended, it is left alone (an error).\n"
      "Warnings that need more than a new value (a related entry to remove, a provider to add) and\n"
      "values of TOML headers are still reported, and the files keep them. A second fix changes nothing.\n\n"
      "Exit status: 0 nothing to fix, or all fixed; 1 with --check or --diff: some file would change,\n"
      "or some input was rejected or could not be fixed safely; 2 usage error; 3 a file could not be\n"
      "written.\n\n"
      "Examples:\n"
      "  newsnorm fix content/                        fix every file under content/ in place\n"
      "  newsnorm fix --check content/                in CI: exit 1 and name the files fix would change\n"
      "  newsnorm fix --diff content/ > fixes.patch   see the changes; apply them with patch -p1 < fixes.patch\n"
      "  newsnorm fix --providers _data/organizations --assume-tz -0800 _posts/\n"
      "  newsnorm fix - < post.md > fixed.md          standard input: the fixed article on standard output\n\n"
      "The nearest newsnorm.toml above each input (see 'newsnorm config --help') sets excluded paths,\n"
      "types by path, aliases, providers and limits, as for ingest and validate.");
  add_input_options(*command, settings->input);
  command->add_flag("--check", settings->check, "Write nothing; exit 1 when some file would change, and name each one");
  command->add_flag("--diff", settings->diff,
                    "Write nothing; print a unified diff of the changes (for patch -p1) on standard output");
  add_log_options(*command, settings->log);
  return {[settings] { return run_fix_command(*settings); }, {settings, &settings->log}};
}

}  // namespace newsnorm::cli
