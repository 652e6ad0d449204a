// Fault injection through the Os seam (core/os.hpp): every way the system can fail the output's
// write, sync, close or rename either is retried to a complete file (short writes, EINTR) or ends in
// FatalError (output, with its errno) leaving the old file exactly as it was and no temporary file
// behind; and a run whose output fails does not advance its state.
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <set>
#include <string>

#include <catch2/catch.hpp>

#include "newsnorm/core/os.hpp"
#include "newsnorm/run/batch.hpp"
#include "newsnorm/run/output_sink.hpp"
#include "newsnorm/run/state_store.hpp"
#include "test_support.hpp"

using namespace newsnorm;
using namespace newsnorm::test;
namespace fs = std::filesystem;

namespace {

const std::string kOld = "OLD CONTENT\n";

// Some kilobytes of distinct lines, so a lost or repeated piece shows.
std::string payload(std::size_t lines) {
  std::string bytes;
  for (std::size_t i = 0; i < lines; ++i) bytes += "{\"line\":" + std::to_string(i) + "}\n";
  return bytes;
}

// Writes `bytes` through a sink onto `target` and commits, under `fake`.
void write_through(FaultyOs& fake, const fs::path& target, const std::string& bytes) {
  ScopedOs scoped(fake);
  const auto sink_owner = value_or_throw(OutputSink::open(target.string()));
  OutputSink& sink = *sink_owner;
  sink.write(bytes);
  sink.commit();
}

void check_output_error(const FatalError& error, int expected_errno) {
  CHECK(error.failure().kind == FatalKind::output);
  CHECK(error.failure().diagnostic.code->id == "output.failed");
  CHECK(error.failure().error_number == expected_errno);
  CHECK(mentions(error.what(), std::strerror(expected_errno)));
}

void no_observer(const Input&, const InputOutcome&) {}

}  // namespace

TEST_CASE("fault: a failing write, sync, close or rename leaves the old file whole", "[fault][sink]") {
  const auto [call, nth, error] = GENERATE(table<const char*, int, int>({
      {"write", 1, ENOSPC},
      {"write", 1, EIO},
      {"write", 5, ENOSPC},  // after some bytes reached the temporary file
      {"fsync", 1, ENOSPC},
      {"fsync", 1, EIO},
      {"close", 1, EIO},
      {"rename", 1, ENOSPC},
      {"rename", 1, EIO},
      {"mkstemp", 1, ENOSPC},
      {"mkstemp", 1, EIO},
  }));
  INFO(call << " call " << nth << " fails with " << std::strerror(error));
  TempDir dir;
  const fs::path target = dir / "out.jsonl";
  write_file(target, kOld);
  FaultyOs fake;
  fake.faults = {{call, nth, error}};
  fake.max_write = 1000;  // several writes, so the fifth exists
  try {
    write_through(fake, target, payload(1000));
    FAIL("the sink did not report the failure");
  } catch (const FatalError& e) {
    check_output_error(e, error);
  }
  CHECK(fake.count(call) >= nth);  // the fault was reached, not skipped
  CHECK(read_file(target) == kOld);
  CHECK(names_in(dir.path()) == std::vector<std::string>{"out.jsonl"});
}

TEST_CASE("fault: a target that did not exist still does not after a failure", "[fault][sink]") {
  TempDir dir;
  FaultyOs fake;
  fake.faults = {{"rename", 1, EIO}};
  CHECK_THROWS_AS(write_through(fake, dir / "new.jsonl", payload(10)), FatalError);
  CHECK(names_in(dir.path()).empty());
}

TEST_CASE("fault: short writes and EINTR are retried to the complete bytes", "[fault][sink]") {
  const std::size_t max_write = GENERATE(as<std::size_t>{}, 1, 7, 4096, 65536);
  const auto [call, times] = GENERATE(table<const char*, int>({{"write", 0}, {"write", 3}, {"fsync", 2}}));
  // Small enough to stay in the buffer, and large enough (3 MiB) to go straight through.
  const std::size_t lines = max_write < 4096 ? 2000 : 200000;
  INFO("writes cut to " << max_write << " bytes; " << times << " EINTR at " << call);
  TempDir dir;
  const fs::path target = dir / "out.jsonl";
  write_file(target, kOld);
  FaultyOs fake;
  fake.max_write = max_write;
  if (times > 0) fake.faults = {{call, 2, EINTR, times}};
  const std::string bytes = payload(lines);
  write_through(fake, target, bytes);
  CHECK(read_file(target) == bytes);
  CHECK(names_in(dir.path()) == std::vector<std::string>{"out.jsonl"});
  if (times > 0) CHECK(fake.count(call) >= 2 + times);
}

TEST_CASE("fault: EINTR from close still commits (Linux has closed the file)", "[fault][sink]") {
  TempDir dir;
  FaultyOs fake;
  fake.faults = {{"close", 1, EINTR}};
  write_through(fake, dir / "out.jsonl", payload(3));
  CHECK(read_file(dir / "out.jsonl") == payload(3));
  CHECK(names_in(dir.path()) == std::vector<std::string>{"out.jsonl"});
}

TEST_CASE("fault: a folder that cannot be synced after the rename is a failure too", "[fault][sink]") {
  // The rename has happened and cannot be taken back, but it is not durable: the caller must hear
  // of it, so that a state does not advance past output a crash could still lose.
  TempDir dir;
  const fs::path target = dir / "out.jsonl";
  write_file(target, kOld);
  FaultyOs fake;
  fake.faults = {{"fsync", 2, EIO}};  // the first sync is the file's, the second the folder's
  try {
    write_through(fake, target, payload(5));
    FAIL("the sink did not report the failure");
  } catch (const FatalError& e) {
    check_output_error(e, EIO);
    CHECK(mentions(e.what(), "folder"));
  }
  CHECK(read_file(target) == payload(5));
  CHECK(names_in(dir.path()) == std::vector<std::string>{"out.jsonl"});
}

TEST_CASE("fault: standard output reports write and sync failures by name", "[fault][sink]") {
  FaultyOs fake;
  fake.faults = {{"write", 1, ENOSPC}};
  ScopedOs scoped(fake);
  const auto sink_owner = value_or_throw(OutputSink::open("-"));
  OutputSink& sink = *sink_owner;
  sink.write("x\n");
  try {
    sink.commit();
    FAIL("the sink did not report the failure");
  } catch (const FatalError& e) {
    check_output_error(e, ENOSPC);
    CHECK(mentions(e.what(), "standard output"));
  }
}

TEST_CASE("fault: the state lock's open and flock failures are state errors with their errno", "[fault][state]") {
  TempDir dir;
  const std::string path = (dir / "state.db").string();
  const auto [call, error] = GENERATE(table<const char*, int>({{"open", EACCES}, {"open", EMFILE}, {"flock", ENOLCK}}));
  FaultyOs fake;
  fake.faults = {{call, 1, error}};
  ScopedOs scoped(fake);
  try {
    const auto store_owner = value_or_throw(StateStore::open(path, false));
    StateStore& store = *store_owner;
    FAIL("the store opened");
  } catch (const FatalError& e) {
    CHECK(e.failure().kind == FatalKind::state);
    CHECK(e.failure().diagnostic.code->id == "state.failed");
    CHECK(e.failure().error_number == error);
    CHECK(mentions(e.what(), std::strerror(error)));
  }
  // Nothing is held: the next open succeeds.
  fake.faults.clear();
  const auto again_owner = value_or_throw(StateStore::open(path, false));
  StateStore& again = *again_owner;
}

TEST_CASE("fault: a flock interrupted by a signal is tried again", "[fault][state]") {
  TempDir dir;
  FaultyOs fake;
  fake.faults = {{"flock", 1, EINTR, 2}};
  ScopedOs scoped(fake);
  const auto store_owner = value_or_throw(StateStore::open((dir / "state.db").string(), true));
  StateStore& store = *store_owner;
  CHECK(fake.count("flock") == 3);
}

TEST_CASE("fault: a state that cannot be opened lets go of its lock", "[fault][state]") {
  TempDir dir;
  const auto kind = GENERATE(as<std::string>{}, "folder", "not a database");
  const fs::path path = dir / "state.db";
  if (kind == "folder")
    fs::create_directories(path);
  else
    write_file(path, std::string(4096, 'x'));
  INFO("the state is a " << kind);
  try {
    const auto store_owner = value_or_throw(StateStore::open(path.string(), false));
    StateStore& store = *store_owner;
    FAIL("the store opened");
  } catch (const FatalError& e) {
    CHECK(e.failure().kind == FatalKind::state);  // not state_locked, however often it is tried
  }
  CHECK_FALSE(StateStore::open(path.string(), false));
  // The file is free: this process holds no descriptor locking it.
  const int fd = ::open(path.string().c_str(), O_RDONLY | O_CLOEXEC);
  REQUIRE(fd >= 0);
  CHECK(::flock(fd, LOCK_EX | LOCK_NB) == 0);
  ::close(fd);
}

TEST_CASE("fault: when the output commit fails, the state does not advance, or finishes the rename next run",
          "[fault][state][batch]") {
  const auto [call, nth, error] = GENERATE(table<const char*, int, int>({
      {"write", 1, ENOSPC},
      {"fsync", 1, EIO},
      {"rename", 1, EIO},
      {"fsync", 2, EIO},  // the folder's sync, after the rename
  }));
  INFO(call << " call " << nth << " fails with " << std::strerror(error));
  TempDir dir;
  for (const char* name : {"a", "b", "c"})
    write_file(dir / "in" / (std::string(name) + ".md"), std::string("---\ntitle: ") + name + "\n---\nBody.\n");
  const std::string state_path = (dir / "state.db").string();
  const fs::path out = dir / "out" / "records.jsonl";
  write_file(out, kOld);
  const auto run = [&](Os& system) {
    ScopedOs scoped(system);
    const auto state_owner = value_or_throw(StateStore::open(state_path, false));
    StateStore& state = *state_owner;
    const auto records_owner = value_or_throw(OutputSink::open(out.string()));
    OutputSink& records = *records_owner;
    const auto inputs_owner = value_or_throw(InputStream::open({(dir / "in").string()}, {}));
    InputStream& inputs = *inputs_owner;
    BatchOptions options;
    options.jobs = 2;
    options.state = &state;
    return value_or_throw(run_batch(inputs, options, &records, nullptr, no_observer));
  };

  FaultyOs fake;
  fake.faults = {{call, nth, error}};
  try {
    run(fake);
    FAIL("the run did not report the failure");
  } catch (const FatalError& e) {
    check_output_error(e, error);
  }
  // A rename (or the folder's sync after it) fails after the state committed, with the rename in
  // its journal: the next open of the state finishes it, and the records are not written again.
  const bool after_state_commit = std::string(call) == "rename" || (std::string(call) == "fsync" && nth == 2);
  if (after_state_commit) {
    {
      const auto state_owner = value_or_throw(StateStore::open(state_path, false));
      CHECK(state_owner->recovery_notes().size() == (std::string(call) == "rename" ? 1u : 0u));
      for (const auto& file : files_under(dir / "in")) CHECK(state_owner->find(file.string()) != nullptr);
    }
    CHECK(parse_lines(read_file(out)).size() == 3);
    CHECK(names_in(out.parent_path()) == std::vector<std::string>{"records.jsonl"});
    Os real;
    CHECK(run(real).records == 0);  // exactly once
    return;
  }
  CHECK(read_file(out) == kOld);
  CHECK(names_in(out.parent_path()) == std::vector<std::string>{"records.jsonl"});
  {
    const auto state_owner = value_or_throw(StateStore::open(state_path, false));
    StateStore& state = *state_owner;
    for (const auto& file : files_under(dir / "in")) CHECK(state.find(file.string()) == nullptr);
  }

  // A clean run writes every record, as if the failed run had not happened.
  Os real;
  const IngestSummary summary = run(real);
  CHECK(summary.records == 3);
  const auto records = parse_lines(read_file(out));
  REQUIRE(records.size() == 3);
  std::set<std::string> titles;
  for (const auto& record : records) titles.insert(record["title"].get<std::string>());
  CHECK(titles == std::set<std::string>{"a", "b", "c"});
  {
    const auto state_owner = value_or_throw(StateStore::open(state_path, false));
    StateStore& state = *state_owner;
    for (const auto& file : files_under(dir / "in")) CHECK(state.find(file.string()) != nullptr);
  }
  // And the state has advanced now: a third run has nothing to write.
  CHECK(run(real).records == 0);
  CHECK(read_file(out).empty());
}

namespace {

// Without a state, records go to the output's temporary file as they come and get their story
// fields there in place (OutputSink::grow_lines_in_place, through core/os).
struct InPlaceRun {
  TempDir dir;
  fs::path out = dir / "out" / "records.jsonl";
  std::string expected;  // the bytes of a clean run

  InPlaceRun() {
    for (const fs::path& seed : files_under(seeds_dir())) fs::copy_file(seed, dir / seed.filename());
    Os real;
    write_file(out, kOld);
    const IngestSummary clean = run(real);
    REQUIRE(clean.stories_in_place);  // else these tests would test nothing
    expected = read_file(out);
    REQUIRE(mentions(expected, "\"storyId\":\""));
    write_file(out, kOld);
  }
  IngestSummary run(Os& system) {
    ScopedOs scoped(system);
    const auto records_owner = value_or_throw(OutputSink::open(out.string()));
    const auto inputs_owner = value_or_throw(InputStream::open({(dir.path()).string()}, {}));
    BatchOptions options;
    options.stories = true;
    return value_or_throw(run_batch(*inputs_owner, options, records_owner.get(), nullptr, no_observer));
  }
};

}  // namespace

TEST_CASE("fault: the in-place rewrite of story fields, failing a read, write or seek, leaves the old output",
          "[fault][sink][stories]") {
  const auto [call, error] = GENERATE(table<const char*, int>({
      {"pread", EIO},
      {"pwrite", ENOSPC},
      {"pwrite", EIO},
      {"lseek", EIO},
  }));
  INFO(call << " fails with " << std::strerror(error));
  InPlaceRun setup;
  FaultyOs fake;
  fake.faults = {{call, 1, error}};
  try {
    setup.run(fake);
    FAIL("the run did not report the failure");
  } catch (const FatalError& e) {
    check_output_error(e, error);
  }
  CHECK(fake.count(call) >= 1);
  CHECK(read_file(setup.out) == kOld);
  CHECK(names_in(setup.out.parent_path()) == std::vector<std::string>{"records.jsonl"});
}

TEST_CASE("fault: the in-place rewrite carries short reads and writes on to the bytes of a clean run",
          "[fault][sink][stories]") {
  InPlaceRun setup;
  FaultyOs fake;
  fake.max_write = 7;
  fake.max_read = 5;
  setup.run(fake);
  CHECK(fake.count("pread") > 1);
  CHECK(fake.count("pwrite") > 1);
  CHECK(read_file(setup.out) == setup.expected);
}
