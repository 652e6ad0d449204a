#pragma once
// `newsnorm fix`: the changes the reader and the normalizer make to header values -- the ones each
// warning carries as a ValueFix -- written back into the file as the smallest edit. Only the text of
// each changed value is replaced; key order, comments, the quoting of other values, blank lines,
// line endings and the body stay byte for byte. Every edit is checked by reading the new bytes back:
// the header must read as before with exactly those values changed, the body must be the same, and
// reading it again must find nothing more to fix at those values. Otherwise nothing is written.
//
// Fixable: values the reader coerced (an integer written as text, a date not in UTC) and values the
// normalizer replaced (title, excerpt and names cleaned; an address cleaned in its own field; a
// provider's domain and registry name). Not fixable, so reported and kept: what would need a list
// item removed (related entries that repeat the article or each other), a key added (a provider or
// name derived from the url), a value dropped, a body rewritten, an AMP or site-relative address
// replaced by another address, values under anchors, tags or aliases, and any value of a TOML header.
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "newsnorm/core/text_diff.hpp"
#include "newsnorm/core/value_fix.hpp"
#include "newsnorm/read/input_files.hpp"
#include "newsnorm/run/ingest.hpp"
#include "newsnorm/run/state_store.hpp"

namespace newsnorm {

// What fixing one file's bytes comes to.
struct FileFix {
  std::optional<Diagnostic> error;  // rejected, as `ingest` would reject it
  bool changed = false;
  std::string bytes;                  // the file after the fix: the input itself when nothing changed
  std::vector<ByteEdit> edits;        // how `bytes` differs from the input, in order
  std::vector<ValueFix> values;       // the values rewritten, in the order of the warnings
  std::vector<Diagnostic> remaining;  // the warnings the file still gives (read again when changed)
  // Fixes that could not be applied: fix.unsupported (the value stays, the rest is fixed) or
  // fix.refused (an error: the file is left as it was).
  std::vector<Diagnostic> problems;
};

// Pure: no files. `path` names the input in the record and picks the format of a header-only file.
FileFix fix_document(std::string_view bytes, std::string path, const IngestOptions& options);

enum class FixMode {
  write,  // rewrite the files (standard input: write the fixed article to standard output)
  check,  // write nothing, say which files would change
  diff,   // write nothing, make the unified diff
};

struct FixOptions {
  IngestOptions ingest;
  // When set, each input's options (from the project configuration that applies to it).
  OptionsForPath options_for;
  int jobs = 1;
  FixMode mode = FixMode::write;
};

// What one input came to.
struct FixOutcome {
  FileFix fix;
  std::string diff;                       // FixMode::diff
  std::optional<Diagnostic> write_error;  // the fixed file could not be put in place
};

struct FixSummary {
  std::size_t files = 0;
  std::size_t changed = 0;  // fixed, or would be
  std::size_t values = 0;   // values rewritten, or that would be
  std::size_t rejected = 0;
  std::size_t refused = 0;
  std::size_t unsupported = 0;
  std::size_t write_failed = 0;
  std::size_t remaining = 0;  // warnings left that fix cannot take away
};

// Called on the caller's thread in input order.
using FixObserver = std::function<void(const Input&, const FixOutcome&)>;

// Reads and fixes each input on `jobs` threads. In write mode a changed file is replaced atomically:
// a temporary file in its folder with its mode, synced and renamed onto it (onto a link's target,
// not the link); a file that changed since it was read is left alone and reported.
// The failure that ended the run, when one did (the list of files, a configuration met on the way).
FatalResult<FixSummary> run_fix(InputStream& inputs, const FixOptions& options, const FixObserver& observe);

// Atomically replaces the file at `path` (a link: its target) with `bytes`, keeping its mode.
// `expected` is the file's size and modification time when it was read: a file that no longer has
// them changed meanwhile, and is not replaced.
Status replace_file(const std::string& path, std::string_view bytes, const FileState* expected);

}  // namespace newsnorm
