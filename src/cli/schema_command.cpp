// `newsnorm schema`: prints the JSON Schema of the records, for validators and documentation.
#include "commands.hpp"
#include "newsnorm/export/record_schema.hpp"

namespace newsnorm::cli {

Command add_schema_command(CLI::App& app) {
  CLI::App* command = app.add_subcommand("schema", "Print the JSON Schema (draft 2020-12) of the records");
  command->footer("Example:\n  newsnorm schema > record.schema.json");
  (void)command;
  return {[] {
            write_stdout(record_schema().dump(2) + "\n");
            flush_stdout();
            return static_cast<int>(kOk);
          },
          std::make_shared<LogSettings>()};
}

}  // namespace newsnorm::cli
