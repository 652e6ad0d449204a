// newsnorm: news-article files in, clean typed JSON Lines out.
#include <cstdio>
#include <map>

#include "commands.hpp"
#include "reporter.hpp"
#include "version.hpp"

namespace newsnorm::cli {

void write_stdout(std::string_view bytes) {
  if (!bytes.empty() && std::fwrite(bytes.data(), 1, bytes.size(), stdout) != bytes.size())
    throw FatalError(FatalKind::output, code::output_failed, "-", "cannot write standard output");
}

void flush_stdout() {
  if (std::fflush(stdout) != 0)
    throw FatalError(FatalKind::output, code::output_failed, "-", "cannot write standard output");
}

int exit_code_for(FatalKind kind) {
  switch (kind) {
    case FatalKind::usage: return kUsage;
    case FatalKind::output:
    case FatalKind::state: return kOutputFailed;
    case FatalKind::state_locked: return kStateLocked;
  }
  return kUsage;
}

}  // namespace newsnorm::cli

int main(int argc, char** argv) {
  using namespace newsnorm;
  using namespace newsnorm::cli;
  CLI::App app{
      "newsnorm: reads news-article files (YAML, TOML or JSON front matter, or bare text) and\n"
      "writes one clean, typed JSON object per article (JSON Lines)."};
  app.set_version_flag("--version", version_text(), "Print the version and those of the libraries built in");
  app.require_subcommand(1);
  app.footer("Run 'newsnorm COMMAND --help' for a command's options and examples.");
  const std::map<std::string, Command> commands = {
      {"ingest", add_ingest_command(app)}, {"validate", add_validate_command(app)}, {"fix", add_fix_command(app)},
      {"schema", add_schema_command(app)}, {"stories", add_stories_command(app)},   {"config", add_config_command(app)},
  };
  // Whatever ends the run is said through the reporter, in the format the chosen command was given.
  const auto report = [&](const Diagnostic& diagnostic, const std::string& path) {
    LogSettings settings;
    if (!app.get_subcommands().empty()) settings = *commands.at(app.get_subcommands().front()->get_name()).log;
    settings.quiet = false;
    Reporter(settings).fatal(diagnostic, path);
  };
  const auto usage_error = [&](const CLI::ParseError& e) {
    report(make_error(code::usage, {}, std::string(e.what()) + "; run 'newsnorm --help' for usage"), "");
    return static_cast<int>(kUsage);
  };
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    return usage_error(e);
  }
  try {
    return commands.at(app.get_subcommands().front()->get_name()).run();
  } catch (const CLI::ParseError& e) {
    return usage_error(e);
  } catch (const FatalError& e) {  // thrown by the commands (src/cli/), with what run, config or fix returned
    report(e.failure().diagnostic, e.failure().path);
    return exit_code_for(e.failure().kind);
  }
}
