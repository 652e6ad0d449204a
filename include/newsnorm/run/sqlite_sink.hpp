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
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "newsnorm/core/result.hpp"
#include "newsnorm/run/record_sink.hpp"

namespace newsnorm {
namespace run_detail {
class SqliteDb;
class SqliteStatement;
}  // namespace run_detail

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
  // Opens or creates the database, takes its lock and starts the run's transaction (run/sqlite_db.hpp).
  // Fails with state_locked when another run or process is writing it (unless `wait`), output when
  // it is not a database newsnorm wrote, is newer than this newsnorm, or cannot be written.
  static FatalResult<std::unique_ptr<SqliteSink>> open(const std::string& path, bool wait);
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
  explicit SqliteSink(const std::string& path);
  void load(bool wait);
  void create_or_migrate();
  void add_missing_columns();
  // A file no longer makes record `id`: the row goes when no file makes it, and is fed again from
  // another file when the file its record came from no longer makes it.
  void leave(const std::string& id);

  std::string path_;
  // The database before its statements, so that they are finalized before it closes.
  std::unique_ptr<run_detail::SqliteDb> db_;
  std::unique_ptr<run_detail::SqliteStatement> upsert_, file_id_, set_file_, delete_file_, delete_orphan_, files_of_;
  std::unordered_map<std::string, std::string> known_;  // article_files as the run began: path -> id
  std::unordered_set<std::string> refeed_ids_;
};

// The state and the database are two files: --state is newsnorm's bookkeeping, --sqlite the user's.
// A usage failure when both paths name one file.
FatalStatus refuse_same_file(const std::string& sqlite_path, const std::string& state_path);

}  // namespace newsnorm
