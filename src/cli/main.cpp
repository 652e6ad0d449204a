// newsnorm: news-article files in, clean typed JSON Lines out.
#include <cstdio>
#include <exception>
#include <map>

#include "commands.hpp"
#include "newsnorm/run/output_sink.hpp"
#include "newsnorm/run/state_store.hpp"

namespace {

int fail(int code, const char* message) {
  std::fprintf(stderr, "newsnorm: error: %s\n", message);
  return code;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace newsnorm::cli;
  CLI::App app{"newsnorm: reads news-article files (YAML, TOML or JSON front matter, or bare text) and\n"
               "writes one clean, typed JSON object per article (JSON Lines)."};
  app.set_version_flag("--version", std::string("newsnorm ") + NEWSNORM_VERSION);
  app.require_subcommand(1);
  app.footer("Run 'newsnorm COMMAND --help' for a command's options and examples.");
  const std::map<std::string, RunCommand> commands = {
      {"ingest", add_ingest_command(app)},
      {"validate", add_validate_command(app)},
      {"schema", add_schema_command(app)},
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
    std::fprintf(stderr, "newsnorm: error: %s\nRun 'newsnorm --help' for usage.\n", e.what());
    return kUsage;
  }
  try {
    return commands.at(app.get_subcommands().front()->get_name())();
  } catch (const CLI::ParseError& e) {
    std::fprintf(stderr, "newsnorm: error: %s\nRun 'newsnorm --help' for usage.\n", e.what());
    return kUsage;
  } catch (const newsnorm::StateLocked& e) {
    return fail(kStateLocked, e.what());
  } catch (const newsnorm::StateError& e) {
    return fail(kOutputFailed, e.what());
  } catch (const newsnorm::OutputError& e) {
    return fail(kOutputFailed, e.what());
  } catch (const std::runtime_error& e) {
    // Inputs that cannot be opened at all (a --files-from list) are usage problems.
    return fail(kUsage, e.what());
  }
}
