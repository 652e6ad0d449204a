// The run's parts directly, in memory and in temporary folders, without the binary: the state store,
// the output sink and the ordered runner.
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <memory>
#include <numeric>
#include <optional>
#include <stdexcept>
#include <thread>

#include <catch2/catch.hpp>

#include "newsnorm/export/exporter.hpp"
#include "newsnorm/export/story_fields.hpp"
#include "newsnorm/run/ordered_runner.hpp"
#include "newsnorm/run/output_sink.hpp"
#include "newsnorm/run/state_store.hpp"
#include "newsnorm/run/story_run.hpp"
#include "newsnorm/stories/record_update.hpp"
#include "test_support.hpp"

using namespace newsnorm;
using namespace newsnorm::test;
namespace fs = std::filesystem;

namespace {

FileState file_state(std::int64_t size, const std::string& id) { return {size, size * 1000, "hash-" + id, id}; }

// What the store knows, in path order.
std::vector<std::string> known_paths(const StateStore& store) {
  std::vector<std::string> paths;
  for (const auto& [path, state] : store.known()) paths.push_back(path);
  std::sort(paths.begin(), paths.end());
  return paths;
}

}  // namespace

TEST_CASE("state: record, find, forget and known, only a commit survives a reopen", "[state]") {
  TempDir dir;
  const std::string path = (dir / "state.db").string();
  {
    const auto store_owner = value_or_throw(StateStore::open(path, false));
    StateStore& store = *store_owner;
    CHECK(store.find("a") == nullptr);
    store.record("a", file_state(1, "id-a"));
    store.record("b", file_state(2, "id-b"));
    store.record("c", file_state(3, "id-c"));
    CHECK(store.find("a") == nullptr);  // find() answers what the last committed run knew
    store.commit();
  }
  {
    const auto store_owner = value_or_throw(StateStore::open(path, false));
    StateStore& store = *store_owner;
    const FileState* a = store.find("a");
    REQUIRE(a != nullptr);
    CHECK(a->size == 1);
    CHECK(a->mtime_ns == 1000);
    CHECK(a->hash == "hash-id-a");
    CHECK(a->id == "id-a");
    CHECK(known_paths(store) == std::vector<std::string>{"a", "b", "c"});
    store.forget("b");
    store.record("d", file_state(4, "id-d"));
    store.record("a", file_state(10, "id-a2"));
    // Not committed: dropped with the store.
  }
  {
    const auto store_owner = value_or_throw(StateStore::open(path, false));
    StateStore& store = *store_owner;
    CHECK(store.find("d") == nullptr);
    REQUIRE(store.find("b") != nullptr);
    CHECK(store.find("a")->size == 1);
    store.forget("b");
    store.record("a", file_state(10, "id-a2"));
    store.commit();
  }
  const auto store_owner = value_or_throw(StateStore::open(path, false));
  StateStore& store = *store_owner;
  CHECK(store.find("b") == nullptr);
  CHECK(store.find("a")->id == "id-a2");
  CHECK(known_paths(store) == std::vector<std::string>{"a", "c"});
}

TEST_CASE("state: a held lock is state_locked, --wait waits for it", "[state]") {
  TempDir dir;
  const std::string path = (dir / "state.db").string();
  auto holder = value_or_throw(StateStore::open(path, false));
  try {
    const auto second_owner = value_or_throw(StateStore::open(path, false));
    StateStore& second = *second_owner;
    FAIL("a second store opened while the first held the lock");
  } catch (const FatalError& e) {
    CHECK(e.failure().kind == FatalKind::state_locked);
    CHECK(e.failure().diagnostic.code->id == "state.locked");
    CHECK(mentions(e.what(), "--wait"));
  }
  std::atomic<bool> opened = false;
  std::thread waiter([&] {
    const auto waiting_owner = value_or_throw(StateStore::open(path, true));
    StateStore& waiting = *waiting_owner;
    opened = true;
  });
  // The kernel lists this process as blocked on the lock: the waiter really is waiting.
  REQUIRE(blocked_on_flock(::getpid()));
  CHECK_FALSE(opened.load());
  holder.reset();
  waiter.join();
  CHECK(opened.load());
}

TEST_CASE("sink: the target changes only on commit, atomically", "[sink]") {
  TempDir dir;
  const fs::path target = dir / "out.jsonl";
  write_file(target, "old\n");
  {
    const auto sink_owner = value_or_throw(OutputSink::open(target.string()));
    OutputSink& sink = *sink_owner;
    CHECK_FALSE(sink.is_stdout());
    CHECK(sink.path() == target.string());
    sink.write("new 1\n");
    sink.flush();
    CHECK(read_file(target) == "old\n");  // flushed to the temporary file, not the target
    CHECK(names_in(dir.path()).size() == 2);
    // No commit: the temporary file goes, the target stays.
  }
  CHECK(read_file(target) == "old\n");
  CHECK(names_in(dir.path()) == std::vector<std::string>{"out.jsonl"});
  {
    const auto sink_owner = value_or_throw(OutputSink::open(target.string()));
    OutputSink& sink = *sink_owner;
    sink.write("new 1\n");
    sink.write(std::string(3 << 20, 'x'));  // past the buffer: straight through
    sink.write("\nnew 2\n");
    sink.commit();
    CHECK(names_in(dir.path()) == std::vector<std::string>{"out.jsonl"});
  }
  CHECK(read_file(target) == "new 1\n" + std::string(3 << 20, 'x') + "\nnew 2\n");
  // A target in a folder that does not exist cannot be written.
  CHECK_FALSE(OutputSink::open((dir / "no" / "such" / "out.jsonl").string()));
}

TEST_CASE("sink: '-' and '' are standard output, a device is written in place", "[sink]") {
  CHECK(value_or_throw(OutputSink::open("-"))->is_stdout());
  CHECK(value_or_throw(OutputSink::open(""))->is_stdout());
  CHECK(value_or_throw(OutputSink::open(""))->path() == "-");
  const auto null_owner = value_or_throw(OutputSink::open("/dev/null"));
  OutputSink& null = *null_owner;
  CHECK_FALSE(null.is_stdout());
  null.write("discarded\n");
  null.commit();
}

TEST_CASE("ordered: output order and content do not depend on the number of threads", "[ordered]") {
  const std::size_t count = 2000;
  std::vector<int> expected;
  for (std::size_t i = 0; i < count; ++i) expected.push_back(static_cast<int>(i * i % 1009));
  for (const int jobs : {1, 2, 3, 8}) {
    for (const std::size_t window : {std::size_t{1}, std::size_t{4}, std::size_t{64}}) {
      INFO(jobs << " threads, window " << window);
      std::size_t next = 0;
      std::vector<std::atomic<int>> processed(count);
      std::vector<int> seen;
      std::vector<std::size_t> order;
      OrderedWork<std::size_t, int> work{
          [&]() -> std::optional<std::size_t> { return next < count ? std::optional(next++) : std::nullopt; },
          [&](const std::size_t& in, int& out) {
            ++processed[in];
            if (in % 7 == 0) std::this_thread::yield();  // uneven work, so results finish out of order
            out = static_cast<int>(in * in % 1009);
          },
          [&](std::size_t& in, int& out) {
            order.push_back(in);
            seen.push_back(out);
          }};
      run_ordered(work, jobs, window);
      CHECK(seen == expected);
      bool in_order = true, each_once = true;
      for (std::size_t i = 0; i < count; ++i) {
        in_order = in_order && order[i] == i;
        each_once = each_once && processed[i] == 1;
      }
      CHECK(in_order);
      CHECK(each_once);
    }
  }
}

TEST_CASE("ordered: an exception from any callback stops the run and reaches the caller", "[ordered]") {
  const std::string where = GENERATE(as<std::string>{}, "next_input", "process", "consume");
  const int jobs = GENERATE(1, 4);
  INFO(where << " throws, " << jobs << " threads");
  std::size_t next = 0;
  std::vector<std::size_t> consumed_inputs;
  OrderedWork<std::size_t, std::size_t> work{
      [&]() -> std::optional<std::size_t> {
        if (where == "next_input" && next == 50) throw std::runtime_error("boom");
        return next < 1000 ? std::optional(next++) : std::nullopt;
      },
      [&](const std::size_t& in, std::size_t& out) {
        if (where == "process" && in == 50) throw std::runtime_error("boom");
        out = in;
      },
      [&](std::size_t& in, std::size_t& out) {
        if (where == "consume" && in == 50) throw std::runtime_error("boom");
        consumed_inputs.push_back(in == out ? in : SIZE_MAX);  // Catch's CHECK is for the main thread
      }};
  CHECK_THROWS_WITH(run_ordered(work, jobs, 8), "boom");
  // Whatever was consumed came in order, and nothing at or past the failure was.
  for (std::size_t i = 0; i < consumed_inputs.size(); ++i) CHECK(consumed_inputs[i] == i);
  CHECK(consumed_inputs.size() <= 50);
  CHECK(next < 1000);  // it stopped: not every input was claimed
}

TEST_CASE("story stage: a record file changed before its lines are read again is an error, not a wrong output",
          "[stories][units]") {
  TempDir dir;
  Article article;
  article.id = "0123456789abcdef";
  article.source.path = "a.md";
  std::string line;
  append_record(line, article);
  write_file(dir / "r.jsonl", line);
  StoryCollector stories;
  const auto file = stories.refer_file((dir / "r.jsonl").string());
  REQUIRE(file.has_value());
  stories.add(line, stories::story_item(article), "a.md", std::nullopt, StoryCollector::LineOrigin{*file, 0});
  stories.sort_by_source();
  stories.solve();
  const auto again = stories.record_for("a.md");  // read from the file again: the same line
  REQUIRE(again.has_value());
  CHECK(mentions(*again, "\"storyId\":\"0123456789abcdef\""));
  article.title = "Changed";
  std::string changed;
  append_record(changed, article);
  write_file(dir / "r.jsonl", changed);
  try {
    (void)stories.record_for("a.md");
    FAIL("a changed record file went unnoticed");
  } catch (const FatalError& error) {
    CHECK(error.failure().kind == FatalKind::output);
    CHECK(mentions(error.what(), "r.jsonl changed while newsnorm read it"));
  }
}

TEST_CASE("story items: a state written before hashes were kept is still read", "[stories][state][units]") {
  // The layout serialize_item wrote with texts where hashes are now: little-endian sizes and bytes.
  std::string old;
  const auto put32 = [&](std::uint32_t v) {
    for (int i = 0; i < 4; ++i) old.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
  };
  const auto text = [&](const std::string& s) { put32(static_cast<std::uint32_t>(s.size())), old += s; };
  text("0123456789abcdef");
  text("x.com/a");
  old.push_back(1);
  for (int i = 0; i < 8; ++i) old.push_back(i == 0 ? 100 : 0);  // published: 100
  text("x.com");
  text(stories::encode_signature(stories::Signature{}));
  old.push_back(0);
  put32(0), put32(0);  // no windows, no anchors
  const auto item = stories::deserialize_item(old);
  REQUIRE(item.has_value());
  CHECK(item->id == "0123456789abcdef");
  CHECK(item->dedupe_key == stories::text_hash("x.com/a"));
  CHECK(item->provider == stories::text_hash("x.com"));
  CHECK(item->published == 100);
  // And the new form round-trips.
  const auto again = stories::deserialize_item(stories::serialize_item(*item));
  REQUIRE(again.has_value());
  CHECK(stories::serialize_item(*again) == stories::serialize_item(*item));
  CHECK(again->dedupe_key == item->dedupe_key);
}

TEST_CASE("record spool: packed and plain lines read back as written, in and out of order", "[stories][units]") {
  LineSpool spool;
  std::vector<std::string> lines{"", "{\"id\":\"a\"}\n",
                                 std::string(3 << 20, 'x') + "\n"};  // empty, small, over the buffer
  std::string varied;                                                // a line LZ4 cannot shrink much, a record's size
  for (std::uint32_t i = 0, v = 1; i < 6000; ++i) v = v * 1103515245u + 12345u, varied.push_back(char(v >> 24));
  lines.push_back(varied);
  std::vector<std::size_t> indexes;
  for (std::size_t round = 0; round < 300; ++round)
    for (std::size_t k = 0; k < lines.size(); ++k)
      indexes.push_back((round + k) % 2 ? spool.append(PackedLine::pack(lines[k])) : spool.append(lines[k]));
  const auto line_of = [&](std::size_t n) { return lines[n % lines.size()]; };
  std::string out;
  for (std::size_t n = 0; n < indexes.size(); ++n) {  // in order, through the read buffer
    spool.read(indexes[n], out);
    REQUIRE(out == line_of(n));
  }
  for (std::size_t n = indexes.size(); n-- > 0;) {  // backwards: each line read alone
    spool.read(indexes[n], out);
    REQUIRE(out == line_of(n));
  }
  CHECK(PackedLine::pack(lines[1]).bytes.size() > 4);
  // A record packs well below its size: the spool is smaller than the lines it holds.
  std::string record;
  for (int i = 0; i < 40; ++i) record += "\"text\":\"The board expects the annual impact for standard levels.\",";
  CHECK(PackedLine::pack(record).bytes.size() * 2 < record.size());
}

TEST_CASE("sink: lines grown in place, across blocks, are the lines edited in order", "[sink]") {
  TempDir dir;
  const std::string target = (dir / "out.jsonl").string();
  const auto out_owner = value_or_throw(OutputSink::open(target));
  OutputSink& out = *out_owner;
  REQUIRE(out.rewritable());
  // Lengths from one byte to over the 4 MB block, each line grown by its index modulo 7 bytes.
  std::vector<std::string> lines;
  std::vector<std::uint32_t> old_lengths, final_lengths;
  std::uint32_t v = 7;
  for (std::size_t k = 0; k < 400; ++k) {
    v = v * 1103515245u + 12345u;
    const std::size_t length = k == 17 ? (5u << 20) : (v >> 8) % 60000;
    lines.push_back(std::string(length, static_cast<char>('a' + k % 26)) + "\n");
    out.write(lines.back());
    old_lengths.push_back(static_cast<std::uint32_t>(lines.back().size()));
    final_lengths.push_back(old_lengths.back() + static_cast<std::uint32_t>(k % 7));
  }
  CHECK(out.size() == std::accumulate(old_lengths.begin(), old_lengths.end(), std::uint64_t{0}));
  std::vector<std::size_t> edited;
  out.grow_lines_in_place(old_lengths, final_lengths, [&](std::size_t k, std::string& line) {
    REQUIRE(line == lines[k]);  // each line is read back whole before anything overwrites it
    line.insert(0, std::string(k % 7, '#'));
    edited.push_back(k);
  });
  out.write("last\n");
  out.commit();
  std::string expected;
  for (std::size_t k = 0; k < lines.size(); ++k) expected += std::string(k % 7, '#') + lines[k];
  CHECK(read_file(target) == expected + "last\n");
  CHECK(edited.front() > edited.back());  // blocks from the end of the file (lines in a block in order)
  std::sort(edited.begin(), edited.end());
  std::vector<std::size_t> each(lines.size());
  std::iota(each.begin(), each.end(), std::size_t{0});
  CHECK(edited == each);  // every line once

  const auto other_owner = value_or_throw(OutputSink::open((dir / "other.jsonl").string()));

  OutputSink& other = *other_owner;
  other.write("abc\n");
  const std::vector<std::uint32_t> four{4}, three{3}, five{5};
  CHECK_THROWS_AS(other.grow_lines_in_place(four, three, [](std::size_t, std::string&) {}), std::logic_error);
  CHECK_THROWS_AS(other.grow_lines_in_place(five, five, [](std::size_t, std::string&) {}), std::logic_error);
  const auto stream_owner = value_or_throw(OutputSink::open("-"));
  OutputSink& stream = *stream_owner;
  CHECK_FALSE(stream.rewritable());
}

TEST_CASE("story stage: records written to the output get story fields in place, or are written anew",
          "[stories][units]") {
  TempDir dir;
  const auto record_of = [](const std::string& id, const std::string& title) {
    Article article;
    article.id = id;
    article.source.path = id + ".md";
    article.title = title;
    article.url = "https://example.com/" + id;
    article.dedupe_key = "example.com/" + id;
    stories::sign(article);
    std::string line;
    append_record(line, article);
    return std::pair{article, line};
  };
  // b repeats a's address: a duplicate, whose line grows by both fields.
  const auto [a, a_line] = record_of("0123456789abcdef", "Bridge closes for repairs");
  auto [b, b_line] = record_of("fedcba9876543210", "Bridge closes for repairs");
  b.dedupe_key = a.dedupe_key;
  b_line.clear();
  append_record(b_line, b);
  for (const bool blank : {true, false}) {
    INFO("blank story fields: " << blank);
    const std::string target = (dir / (blank ? "blank.jsonl" : "set.jsonl")).string();
    const auto out_owner = value_or_throw(OutputSink::open(target));
    OutputSink& out = *out_owner;
    StoryCollector stories;
    const auto file = stories.refer_file(out.temporary_path());
    REQUIRE(file.has_value());
    std::string first = a_line;
    if (!blank) REQUIRE(set_story_fields(first, std::string("0123456789abcdef"), std::nullopt));
    for (const auto& [article, line] : {std::pair{a, first}, std::pair{b, b_line}}) {
      const std::uint64_t offset = out.size();
      out.write(line);
      stories.add_written(line, StoryCollector::line_hash(line), stories::story_item(article), article.source.path,
                          *file, offset);
    }
    out.flush();
    stories.solve();
    const bool in_place = stories.write_records_in_place(out, *file);
    CHECK(in_place == blank);
    if (!in_place) out.restart(), stories.write_records(&out);
    out.commit();
    const auto records = parse_lines(read_file(target));
    REQUIRE(records.size() == 2);
    CHECK(records[0]["storyId"] == "0123456789abcdef");
    CHECK(records[0]["duplicateOf"].is_null());
    CHECK(records[1]["storyId"] == "0123456789abcdef");
    CHECK(records[1]["duplicateOf"] == "0123456789abcdef");
    CHECK(records[1]["title"] == "Bridge closes for repairs");
  }
  std::size_t files = 0;  // the first try's temporary file is gone with its sink
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir.path())) ++files;
  CHECK(files == 2);
}
