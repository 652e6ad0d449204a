#pragma once
// `ingest --sqlite FILE`: a current SQLite database of the records, for people who query rather than
// stream. Tables:
//   articles      one row per record id: a typed column per top-level scalar field of the field table
//                 (model/record_fields; `source` flattened to source_path, source_format, ...), and
//                 the whole record as JSON in `record`. Upserted per record.
//   articles_fts  an FTS5 index over title, excerpt and text, kept by triggers on articles.
//   article_files which file made which id: a row is deleted when no file has its id any more.
//   stories       (a view) one row per story: its first record's title, members, duplicates,
//                 providers, first and last date; always in step with articles.
//   meta          who wrote the file and its schema version, so a later newsnorm can migrate it.
// The whole run is one transaction, committed by run_batch after the output and before the state.
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "newsnorm/run/record_sink.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace newsnorm {

// The schema version this newsnorm writes. Raise it with a migration step in sqlite_sink.cpp when the
// tables change in a way adding a column cannot express (a field added to the field table is added
// as a column by itself, without a new version).
inline constexpr int kSqliteSchemaVersion = 2;

// The columns `articles` has for the field table, in its order, without rowid and record.
struct SqliteColumn {
  std::string name;       // the field's key; a field of `source` as source_path
  std::string json_path;  // where json_extract finds it in the record: $."title", $."source"."path"
  const char* type;       // TEXT or INTEGER (booleans are 0 and 1, SQLite's way)
};
std::vector<SqliteColumn> sqlite_article_columns();

class SqliteSink : public RecordSink {
 public:
  // Opens or creates the database and starts the run's transaction, which holds SQLite's write lock
  // until commit. Throws FatalError: state_locked when another process is writing it (unless `wait`),
  // output when it is not a database newsnorm wrote, is newer than this newsnorm, or cannot be written.
  SqliteSink(const std::string& path, bool wait);
  ~SqliteSink() override;  // without commit(), everything staged is rolled back
  SqliteSink(const SqliteSink&) = delete;
  SqliteSink& operator=(const SqliteSink&) = delete;

  bool holds(const std::string& path, const std::string& id) const override;
  void put(std::string_view record, const std::string& path) override;
  void remove(const std::string& path, const std::string& id) override;
  std::vector<std::string> take_refeeds() override;
  void commit() override;

  const std::string& path() const { return path_; }

 private:
  void open(bool wait);  // the constructor's work; release() undoes it
  void release();
  void exec(const std::string& sql);
  [[noreturn]] void fail(std::string_view doing) const;
  sqlite3_stmt* prepare(const std::string& sql);
  void create_or_migrate();
  void add_missing_columns();
  // A file no longer makes record `id`: the row goes when no file makes it, and is fed again from
  // another file when the file its record came from no longer makes it.
  void leave(const std::string& id);

  std::string path_;
  sqlite3* db_ = nullptr;
  std::vector<sqlite3_stmt*> statements_;
  sqlite3_stmt* upsert_ = nullptr;
  sqlite3_stmt* file_id_ = nullptr;
  sqlite3_stmt* set_file_ = nullptr;
  sqlite3_stmt* delete_file_ = nullptr;
  sqlite3_stmt* delete_orphan_ = nullptr;
  sqlite3_stmt* files_of_ = nullptr;
  std::unordered_map<std::string, std::string> known_;  // article_files as the run began: path -> id
  std::unordered_set<std::string> refeed_ids_;
};

// The state and the database are two files: --state is newsnorm's bookkeeping, --sqlite the user's.
// Throws FatalError (usage) when both paths name one file.
void refuse_same_file(const std::string& sqlite_path, const std::string& state_path);

}  // namespace newsnorm
