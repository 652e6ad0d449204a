// newsnorm: news-article files in, clean typed JSON Lines out.
#include <cstdio>
#include <exception>

#include "commands.hpp"

int main(int argc, char** argv) {
  using namespace newsnorm::cli;
  CLI::App app{"newsnorm: reads news-article files (YAML, TOML or JSON front matter, or bare text) and\n"
               "writes one clean, typed JSON object per article (JSON Lines)."};
  app.set_version_flag("--version", std::string("newsnorm ") + NEWSNORM_VERSION);
  app.require_subcommand(1);
  app.footer("Run 'newsnorm COMMAND --help' for a command's options and examples.");
  RunCommand ingest = add_ingest_command(app);
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
    for (CLI::App* command : app.get_subcommands()) {
      if (command->get_name() == "ingest") return ingest();
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "newsnorm: error: %s\n", e.what());
    return kOutputFailed;
  }
  return kUsage;
}
