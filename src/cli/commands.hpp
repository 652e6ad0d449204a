#pragma once
// The subcommands. Each file registers its options on the app and returns how to run it.
#include <functional>

#include <CLI/CLI.hpp>

#include "newsnorm/limits.hpp"

namespace newsnorm::cli {

// Exit statuses scripts can rely on.
enum ExitCode : int { kOk = 0, kRejected = 1, kUsage = 2, kOutputFailed = 3 };

using RunCommand = std::function<int()>;

RunCommand add_ingest_command(CLI::App& app);

// Options shared by every command that parses articles: the limits on hostile input.
void add_limit_options(CLI::App& command, Limits& limits);

}  // namespace newsnorm::cli
