// `ingest --sqlite`: the database a cron job keeps, checked through the real binary and read back
// with SQLite itself, against the JSON Lines the same inputs give.
#include <signal.h>
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include <catch2/catch.hpp>

#include "test_support.hpp"

using namespace newsnorm::test;
namespace fs = std::filesystem;
using nlohmann::ordered_json;

namespace {

// A plain connection to a database newsnorm wrote.
class Database {
 public:
  explicit Database(const fs::path& path) {
    REQUIRE(sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) == SQLITE_OK);
  }
  ~Database() { sqlite3_close(db_); }
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Each row as an object of its columns: NULL null, INTEGER a number, TEXT a string.
  std::vector<ordered_json> rows(const std::string& sql) const {
    sqlite3_stmt* statement = nullptr;
    REQUIRE(sqlite3_prepare_v2(db_, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK);
    std::vector<ordered_json> out;
    int status;
    while ((status = sqlite3_step(statement)) == SQLITE_ROW) {
      ordered_json row = ordered_json::object();
      for (int i = 0; i < sqlite3_column_count(statement); ++i) {
        const std::string name = sqlite3_column_name(statement, i);
        switch (sqlite3_column_type(statement, i)) {
          case SQLITE_NULL: row[name] = nullptr; break;
          case SQLITE_INTEGER: row[name] = sqlite3_column_int64(statement, i); break;
          default: row[name] = reinterpret_cast<const char*>(sqlite3_column_text(statement, i));
        }
      }
      out.push_back(std::move(row));
    }
    CHECK(status == SQLITE_DONE);
    sqlite3_finalize(statement);
    return out;
  }
  ordered_json value(const std::string& sql) const {
    const auto all = rows(sql);
    REQUIRE(all.size() == 1);
    return all[0].begin().value();
  }
  std::int64_t count(const std::string& table) const { return value("SELECT count(*) FROM " + table); }
  void exec(const std::string& sql) { REQUIRE(sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK); }
  // The titles a full-text query finds.
  std::multiset<std::string> found(const std::string& query) const {
    std::multiset<std::string> titles;
    for (const auto& row : rows("SELECT title FROM articles_fts WHERE articles_fts MATCH '" + query + "'"))
      titles.insert(row["title"].is_null() ? "" : row["title"].get<std::string>());
    return titles;
  }
  // Whole: SQLite's own check of the file, and FTS5's check of its index against the articles.
  void check_whole() const {
    CHECK(value("PRAGMA integrity_check") == "ok");
    CHECK(sqlite3_exec(db_, "INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)", nullptr,
                       nullptr, nullptr) == SQLITE_OK);
  }
  // Everything a reader sees, in one value: to tell one database from another.
  ordered_json snapshot() const { return ordered_json(rows("SELECT rowid, id, record FROM articles ORDER BY id")); }

 private:
  sqlite3* db_ = nullptr;
};

// Records by id, as the JSON Lines text gave them (every record of an id: files can share one).
std::map<std::string, std::set<std::string>> records_by_id(const std::string& jsonl) {
  std::map<std::string, std::set<std::string>> out;
  std::istringstream lines(jsonl);
  for (std::string line; std::getline(lines, line);)
    if (!line.empty()) out[ordered_json::parse(line)["id"].get<std::string>()].insert(line);
  return out;
}

// What the record says for a column: a top-level key, or source_path for source.path.
ordered_json record_value(const ordered_json& record, const std::string& column) {
  if (record.contains(column)) return record[column];
  const auto split = column.find('_');
  if (split != std::string::npos) {
    const std::string outer = column.substr(0, split), inner = column.substr(split + 1);
    if (record.contains(outer) && record[outer].is_object() && record[outer].contains(inner))
      return record[outer][inner];
  }
  return nullptr;  // left out of the record when empty
}

// Every typed column of every row says what the row's record says, and every top-level value the
// records hold that is not a list or an object has a column. Returns how many rows were checked.
std::size_t check_columns(const Database& db) {
  std::size_t checked = 0;
  std::set<std::string> columns, scalar_keys;
  for (const auto& row : db.rows("SELECT * FROM articles")) {
    const ordered_json record = ordered_json::parse(row["record"].get<std::string>());
    for (const auto& [key, value] : record.items())
      if (value.is_string() || value.is_number() || value.is_boolean()) scalar_keys.insert(key);
    for (const auto& [column, value] : row.items()) {
      columns.insert(column);
      if (column == "rowid" || column == "record") continue;
      ordered_json expected = record_value(record, column);
      if (expected.is_boolean()) expected = expected.get<bool>() ? 1 : 0;  // SQLite's booleans
      INFO(column << " of " << row["id"]);
      CHECK(value == expected);
    }
    ++checked;
  }
  for (const auto& key : scalar_keys) {
    INFO(key);
    CHECK(columns.contains(key));
  }
  CHECK(columns.contains("source_path"));
  return checked;
}

// The database holds exactly what a fresh run over the same files writes: one row per id, whose
// record is one of that id's records, byte for byte (which one when files share an id is the one
// written last), and whose columns agree with it.
void check_current(const Database& db, const std::string& fresh_jsonl) {
  const auto expected = records_by_id(fresh_jsonl);
  const auto rows = db.rows("SELECT id, record FROM articles");
  CHECK(rows.size() == expected.size());
  for (const auto& row : rows) {
    const auto found = expected.find(row["id"].get<std::string>());
    REQUIRE(found != expected.end());
    INFO(row["id"]);
    CHECK(found->second.contains(row["record"].get<std::string>()));
  }
  CHECK(check_columns(db) == expected.size());
  db.check_whole();
}

std::string fresh_run(const fs::path& folder) {
  const RunResult run = run_newsnorm("ingest -q " + quoted(folder));
  REQUIRE(run.exit_code == 0);
  return run.out;
}

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

void replace_in(const fs::path& file, const std::string& from, const std::string& to) {
  std::string text = read_file(file);
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  write_file(file, text.replace(at, from.size(), to));
}

}  // namespace

TEST_CASE("sqlite: the seeds into a database whose full-text index answers right after the run", "[sqlite]") {
  TempDir dir;
  const fs::path db_path = dir / "news.db";
  const RunResult run = run_newsnorm("ingest --sqlite " + quoted(db_path) + " " + quoted(seeds_dir()));
  REQUIRE(run.exit_code == 0);
  CHECK(run.out.empty());  // --sqlite alone: the records go to the database only
  CHECK(mentions(run.err, "5 records written"));
  const std::string jsonl = fresh_run(seeds_dir());
  const auto records = parse_lines(jsonl);

  Database db(db_path);
  CHECK(db.count("articles") == static_cast<std::int64_t>(records.size()));
  check_current(db, jsonl);
  CHECK(db.value("SELECT value FROM meta WHERE key = 'schema_version'") == "2");

  // The stories view: one row per storyId of the records, named by its first record's title.
  std::map<std::string, std::vector<ordered_json>> members;
  for (const auto& record : records) members[record["storyId"].get<std::string>()].push_back(record);
  const auto stories = db.rows("SELECT * FROM stories ORDER BY storyId");
  REQUIRE(stories.size() == members.size());
  for (const auto& story : stories) {
    const auto& expected = members.at(story["storyId"].get<std::string>());
    INFO(story.dump());
    CHECK(story["members"] == static_cast<std::int64_t>(expected.size()));
    CHECK(story["title"] == expected.front()["title"]);  // the first record names the story
    CHECK(story["duplicates"] == 0);
  }
  CHECK(std::any_of(stories.begin(), stories.end(), [](const auto& story) { return story["members"] == 2; }));
  CHECK(db.value("SELECT value FROM meta WHERE key = 'application'") == "newsnorm");

  // The README's query: every seed that speaks of supercomputers (stemmed: "supercomputers" too),
  // and only those.
  std::multiset<std::string> about;
  for (const auto& record : records) {
    std::string all;
    for (const char* key : {"title", "excerpt", "text"})
      if (record.contains(key) && record[key].is_string()) all += record[key].get<std::string>() + " ";
    if (mentions(lower(all), "supercomput")) about.insert(record["title"].is_string() ? record["title"] : "");
  }
  REQUIRE_FALSE(about.empty());
  CHECK(db.found("supercomputer") == about);
  CHECK(std::any_of(about.begin(), about.end(),
                    [](const std::string& title) { return mentions(title, "upercomputer"); }));
  CHECK(db.found("venturebeat AND supercomputer").size() <= about.size());
  CHECK(db.found("xylophonic").empty());
}

TEST_CASE("sqlite: the corpus beside -o, every row as its JSON Line says, and a rerun changes nothing",
          "[sqlite][corpus]") {
  TempDir dir;
  const fs::path db_path = dir / "news.db";
  const std::string args =
      "ingest -q --sqlite " + quoted(db_path) + " -o " + quoted(dir / "out.jsonl") + " " + quoted(corpus_dir());
  const RunResult run = run_newsnorm(args);
  REQUIRE(run.exit_code == 0);
  CHECK(run.out.empty());
  const std::string jsonl = read_file(dir / "out.jsonl");
  const auto written = parse_lines(jsonl);
  const auto by_id = records_by_id(jsonl);
  REQUIRE(written.size() > 1400);
  // One row per id: the corpus has a few articles twice (the same address in two files).
  Database db(db_path);
  CHECK(db.count("articles") == static_cast<std::int64_t>(by_id.size()));
  CHECK(db.count("article_files") == static_cast<std::int64_t>(written.size()));
  // Files sharing an id: the row holds the record written last.
  std::map<std::string, std::string> last;
  std::istringstream lines(jsonl);
  for (std::string line; std::getline(lines, line);) last[ordered_json::parse(line)["id"].get<std::string>()] = line;
  for (const auto& row : db.rows("SELECT id, record FROM articles")) CHECK(row["record"] == last[row["id"]]);
  check_current(db, jsonl);

  const ordered_json before = db.snapshot();
  REQUIRE(run_newsnorm(args).exit_code == 0);
  CHECK(db.snapshot() == before);
  CHECK(read_file(dir / "out.jsonl") == jsonl);

  // -o - writes standard output as well.
  const RunResult both = run_newsnorm("ingest -q --sqlite " + quoted(db_path) + " -o - " + quoted(seeds_dir()));
  REQUIRE(both.exit_code == 0);
  CHECK(parse_lines(both.out).size() == 5);
  CHECK(db.count("articles") == static_cast<std::int64_t>(by_id.size()) + 5);
}

TEST_CASE("sqlite: with --state, changed, re-addressed and deleted files update and delete rows", "[sqlite]") {
  TempDir dir;
  copy_corpus(dir / "in", 1);
  const fs::path db_path = dir / "news.db";
  const std::string args = "ingest -q --state " + quoted(dir / "state.db") + " --sqlite " + quoted(db_path) + " ";
  REQUIRE(run_newsnorm(args + quoted(dir / "in")).exit_code == 0);
  const std::string first = fresh_run(dir / "in");
  {
    Database db(db_path);
    check_current(db, first);
  }
  const auto by_id = records_by_id(first);
  std::vector<ordered_json> unique, shared;  // records of ids one file makes, and of ids two make
  for (const auto& record : parse_lines(first))
    (by_id.at(record["id"]).size() == 1 ? unique : shared).push_back(record);
  REQUIRE(shared.size() >= 2);
  const auto path_of = [](const ordered_json& record) { return fs::path(record["source"]["path"].get<std::string>()); };
  const auto is_article = [&](const ordered_json& r) { return path_of(r).extension() == ".md" && r.contains("text"); };
  const auto has_web_url = [&](const ordered_json& r) { return mentions(read_file(path_of(r)), "\nwebUrl: https://"); };
  std::vector<ordered_json> articles, addressed;
  std::copy_if(unique.begin(), unique.end(), std::back_inserter(articles), is_article);
  std::copy_if(unique.begin(), unique.end(), std::back_inserter(addressed), has_web_url);
  REQUIRE(articles.size() > 10);
  REQUIRE(addressed.size() > 10);

  // A changed body; a file gone; an address changed, so its id changes; and of two files sharing an
  // id, the one whose record the row holds (the later) gone.
  const ordered_json changed = articles[1], gone = articles[2], moved = addressed[5];
  REQUIRE(moved["id"] != changed["id"]);
  REQUIRE(moved["id"] != gone["id"]);
  write_file(path_of(changed), read_file(path_of(changed)) + "\nA paragraph about xylophonic quasars.\n");
  fs::remove(path_of(gone));
  replace_in(path_of(moved), "webUrl: https://", "webUrl: https://moved.example/");
  std::vector<ordered_json> pair;
  for (const auto& record : shared)
    if (record["id"] == shared[0]["id"]) pair.push_back(record);
  REQUIRE(pair.size() == 2);
  fs::remove(path_of(pair[1]));

  const RunResult second = run_newsnorm(args + quoted(dir / "in"));
  REQUIRE(second.exit_code == 0);
  CHECK(second.out.empty());
  const std::string now = fresh_run(dir / "in");
  Database db(db_path);
  check_current(db, now);
  CHECK(db.found("xylophonic") == std::multiset<std::string>{changed["title"].get<std::string>()});
  CHECK(db.rows("SELECT 1 FROM articles WHERE id = '" + gone["id"].get<std::string>() + "'").empty());
  CHECK(db.rows("SELECT 1 FROM articles WHERE id = '" + moved["id"].get<std::string>() + "'").empty());
  CHECK(db.rows("SELECT 1 FROM articles WHERE url LIKE 'https://moved.example/%'").size() == 1);
  // The shared id stays, now with the record of the file that is left.
  CHECK(db.value("SELECT source_path FROM articles WHERE id = '" + pair[0]["id"].get<std::string>() + "'") ==
        pair[0]["source"]["path"]);

  // Again: nothing new, nothing changes.
  const ordered_json before = db.snapshot();
  const RunResult third = run_newsnorm(args + quoted(dir / "in"));
  CHECK(third.exit_code == 0);
  CHECK(db.snapshot() == before);

  // A database newer than the state (here: lost and made again) catches up on what the state had
  // written, without writing it to the output again.
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(db_path.string() + suffix);
  const RunResult restored = run_newsnorm("ingest --state " + quoted(dir / "state.db") + " --sqlite " +
                                          quoted(db_path) + " -o - " + quoted(dir / "in"));
  CHECK(restored.exit_code == 0);
  CHECK(restored.out.empty());
  CHECK(mentions(restored.err, "missing from the database, now in it"));
  Database again(db_path);
  check_current(again, now);
}

TEST_CASE("sqlite: a field the database has no column for yet gets one, filled from the records", "[sqlite]") {
  TempDir dir;
  const fs::path db_path = dir / "news.db";
  REQUIRE(run_newsnorm("ingest --sqlite " + quoted(db_path) + " " + quoted(seeds_dir())).exit_code == 0);
  {
    Database db(db_path);  // as an older newsnorm, before the field existed, would have left it
    db.exec("ALTER TABLE articles DROP COLUMN heat");
    // ... and before the stories view (schema version 1): the next run migrates it.
    db.exec(
        "DROP VIEW stories; DROP INDEX articles_by_story; UPDATE meta SET value = '1' WHERE key = 'schema_version'");
  }
  REQUIRE(run_newsnorm("ingest --sqlite " + quoted(db_path) + " " + quoted(seeds_dir())).exit_code == 0);
  Database db(db_path);
  CHECK(db.rows("SELECT heat FROM articles WHERE heat IS NOT NULL").size() > 0);
  CHECK(db.value("SELECT value FROM meta WHERE key = 'schema_version'") == "2");
  CHECK(db.value("SELECT max(members) FROM stories") == 2);
  check_current(db, fresh_run(seeds_dir()));
}

TEST_CASE("sqlite: a file newsnorm did not write, a newer schema, the state's own file are refused", "[sqlite]") {
  TempDir dir;
  const std::string seeds = " " + quoted(seeds_dir());
  {
    Database other(dir / "notes.db");
    other.exec("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('mine')");
  }
  const RunResult foreign = run_newsnorm("ingest --sqlite " + quoted(dir / "notes.db") + seeds);
  CHECK(foreign.exit_code == 3);
  CHECK(mentions(foreign.err, "newsnorm did not write"));
  CHECK(mentions(foreign.err, "notes"));
  CHECK(Database(dir / "notes.db").count("notes") == 1);  // untouched

  write_file(dir / "text.db", std::string(4096, 'x'));
  const RunResult text = run_newsnorm("ingest --sqlite " + quoted(dir / "text.db") + seeds);
  CHECK(text.exit_code == 3);
  CHECK(mentions(text.err, "is not a SQLite database"));
  CHECK(read_file(dir / "text.db") == std::string(4096, 'x'));

  REQUIRE(run_newsnorm("ingest --sqlite " + quoted(dir / "news.db") + seeds).exit_code == 0);
  Database(dir / "news.db").exec("UPDATE meta SET value = '99' WHERE key = 'schema_version'");
  const RunResult newer = run_newsnorm("ingest --sqlite " + quoted(dir / "news.db") + seeds);
  CHECK(newer.exit_code == 3);
  CHECK(mentions(newer.err, "schema version 99"));

  const RunResult same =
      run_newsnorm("ingest --state " + quoted(dir / "one.db") + " --sqlite " + quoted(dir / "." / "one.db") + seeds);
  CHECK(same.exit_code == 2);
  CHECK(mentions(same.err, "--sqlite and --state both name"));
  CHECK_FALSE(fs::exists(dir / "one.db"));
  CHECK(run_newsnorm("ingest --sqlite -" + seeds).exit_code == 2);

  // Another writer holds the database: exit 4, as for a held state.
  REQUIRE(run_newsnorm("ingest --sqlite " + quoted(dir / "held.db") + seeds).exit_code == 0);
  Database holder(dir / "held.db");
  holder.exec("BEGIN IMMEDIATE");
  const RunResult held = run_newsnorm("ingest --sqlite " + quoted(dir / "held.db") + seeds);
  CHECK(held.exit_code == 4);
  CHECK(mentions(held.err, "another process is writing the database"));
  holder.exec("COMMIT");
}

TEST_CASE("sqlite: SIGKILL at any moment leaves the old database or the new one, whole", "[sqlite][crash]") {
  TempDir dir;
  copy_corpus(dir / "in", 2);  // every id made by two files: a deletion must feed the row from the other
  const fs::path db_path = dir / "news.db";
  const std::string args = "ingest -q --jobs 2 --state " + quoted(dir / "state.db") + " --sqlite " + quoted(db_path) +
                           " --emit-deletions -o " + quoted(dir / "out.jsonl") + " " + quoted(dir / "in");
  // Kill moments spread over a whole run, however fast this machine is: the last complete run's time.
  auto started = std::chrono::steady_clock::now();
  REQUIRE(run_newsnorm(args).exit_code == 0);
  auto run_time = std::chrono::steady_clock::now() - started;
  std::vector<fs::path> all;  // articles, whose bodies can take a changed line (YAML data files cannot)
  for (const auto& file : files_under(dir / "in"))
    if (file.extension() == ".md") all.push_back(file);
  std::mt19937 random(20261123);
  int killed = 0, committed = 0;
#ifdef NEWSNORM_SANITIZED
  const int rounds = 4;  // each run takes several times as long instrumented
#else
  const int rounds = 8;
#endif
  for (int round = 0; round < rounds; ++round) {
    ordered_json old_db;
    std::int64_t old_rows;
    {
      Database db(db_path);
      old_db = db.snapshot();
      old_rows = db.count("articles");
    }
    for (int i = 0; i < 300; ++i) {
      const fs::path& file = all[random() % all.size()];
      if (fs::exists(file)) write_file(file, read_file(file) + "\nround " + std::to_string(round) + "\n");
    }
    for (int i = 0; i < 5; ++i) fs::remove(all[random() % all.size()]);
    const std::string now = fresh_run(dir / "in");

    const int pid = spawn_newsnorm(args, dir / "run.out", dir / "run.err");
    const auto span = std::chrono::duration_cast<std::chrono::microseconds>(run_time).count() * 5 / 4;
    std::this_thread::sleep_for(std::chrono::microseconds(random() % (span + 1)));
    ::kill(pid, SIGKILL);
    const bool was_killed = wait_for(pid) == 128 + SIGKILL;
    {
      Database db(db_path);
      db.check_whole();
      if (db.snapshot() == old_db) {
        CHECK(db.count("articles") == old_rows);
        CHECK(was_killed);  // only a kill leaves the old database
        ++killed;
      } else {
        check_current(db, now);  // or the new one, all of it
        ++committed;
      }
    }
    // The next complete run converges, whatever the killed one left.
    started = std::chrono::steady_clock::now();
    REQUIRE(run_newsnorm(args).exit_code == 0);
    run_time = std::chrono::steady_clock::now() - started;
    Database db(db_path);
    check_current(db, now);
  }
  INFO(killed << " killed before the commit, " << committed << " after");
  CHECK(killed > 0);
}
