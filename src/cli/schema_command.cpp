// `newsnorm schema`: prints the JSON Schema of the records, for validators and documentation.
#include <cstdio>

#include "commands.hpp"
#include "newsnorm/export/record_schema.hpp"
#include "newsnorm/run/output_sink.hpp"

namespace newsnorm::cli {

Command add_schema_command(CLI::App& app) {
  CLI::App* command = app.add_subcommand("schema", "Print the JSON Schema (draft 2020-12) of the records");
  command->footer("Example:\n  newsnorm schema > record.schema.json");
  (void)command;
  return {[] {
            const std::string text = record_schema().dump(2) + "\n";
            if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size() || std::fflush(stdout) != 0)
              throw FatalError(FatalKind::output, code::output_failed, "-", "cannot write standard output");
            return static_cast<int>(kOk);
          },
          std::make_shared<LogSettings>()};
}

}  // namespace newsnorm::cli
