// Fixing many files: read, fix and replace each on the worker threads, report in input order.
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>

#include <fmt/format.h>

#include "newsnorm/core/text_diff.hpp"
#include "newsnorm/fix/fix.hpp"
#include "newsnorm/run/ordered_runner.hpp"
#include "newsnorm/run/output_sink.hpp"

namespace newsnorm {

Status replace_file(const std::string& path, std::string_view bytes, const FileState* expected) {
  std::error_code error;
  std::string target = path;
  if (std::filesystem::is_symlink(path, error)) {
    const std::filesystem::path real = std::filesystem::canonical(path, error);
    if (error) return make_error(code::output_failed, {}, fmt::format("cannot follow the link: {}", error.message()));
    target = real.string();
  }
  struct stat info {};
  if (::stat(target.c_str(), &info) != 0 || !S_ISREG(info.st_mode))
    return make_error(code::output_failed, {}, "not a regular file any more; it was not rewritten");
  const std::optional<FileState> now = stat_file(target);
  if (expected && (!now || now->size != expected->size || now->mtime_ns != expected->mtime_ns))
    return make_error(code::output_failed, {}, "the file changed while it was being fixed; run fix again");
  if (FatalStatus wrote = write_file_atomically(target, bytes, info.st_mode & 07777); !wrote)
    return make_error(code::output_failed, {}, wrote.error().what());
  return ok();
}

namespace {

// Passes a failure that ends the run (the list of files, a configuration met on the way) on by
// throwing it; run_fix returns it.
FixSummary run_fix_or_throw(InputStream& inputs, const FixOptions& options, const FixObserver& observe) {
  FixSummary summary;
  OrderedWork<Input, FixOutcome> work{
      [&] { return value_or_throw(inputs.next()); },
      [&](const Input& input, FixOutcome& outcome) {
        if (input.error) {
          outcome.fix.error = input.error;
          return;
        }
        thread_local std::string buffer;
        const bool is_file = input.path != "-";
        const std::optional<FileState> before = is_file ? stat_file(input.path) : std::nullopt;
        const IngestOptions& ingest =
            options.options_for ? *value_or_throw(options.options_for(input.path)) : options.ingest;
        if (Status read = read_input(input.path, ingest.limits.max_bytes, buffer); !read) {
          outcome.fix.error = std::move(read.error());
          return;
        }
        outcome.fix = fix_document(buffer, input.path, ingest);
        if (!outcome.fix.changed) return;
        if (options.mode == FixMode::diff) outcome.diff = unified_diff(buffer, outcome.fix.edits, input.path);
        if (options.mode == FixMode::write && is_file) {
          Status wrote = replace_file(input.path, outcome.fix.bytes, before ? &*before : nullptr);
          if (!wrote) outcome.write_error = std::move(wrote.error());
        }
      },
      [&](Input& input, FixOutcome& outcome) {
        ++summary.files;
        const FileFix& fix = outcome.fix;
        if (fix.error) ++summary.rejected;
        if (fix.changed && !outcome.write_error) {
          ++summary.changed;
          summary.values += fix.values.size();
        }
        if (outcome.write_error) ++summary.write_failed;
        for (const Diagnostic& problem : fix.problems)
          (problem.severity == Severity::error ? summary.refused : summary.unsupported)++;
        summary.remaining += fix.remaining.size();
        observe(input, outcome);
      }};
  run_ordered(work, options.jobs, static_cast<std::size_t>(std::max(options.jobs, 1)) * 32);
  return summary;
}

}  // namespace

FatalResult<FixSummary> run_fix(InputStream& inputs, const FixOptions& options, const FixObserver& observe) {
  return catch_failure([&] { return run_fix_or_throw(inputs, options, observe); });
}

}  // namespace newsnorm
