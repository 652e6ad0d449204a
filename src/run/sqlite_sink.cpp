#include "newsnorm/run/sqlite_sink.hpp"

#include <algorithm>
#include <filesystem>
#include <optional>

#include <fmt/format.h>
#include <malloc.h>

#include "newsnorm/model/record_fields.hpp"
#include "sqlite_db.hpp"

namespace newsnorm {
namespace {

// The path standard input goes by: records from it are kept, but no file makes them.
constexpr std::string_view kStdin = "-";
constexpr std::string_view kApplication = "newsnorm";
const run_detail::SqliteVoice kDatabaseVoice{
    FatalKind::output,     &code::sqlite_failed, &code::sqlite_locked,
    "the database",        "--sqlite",           "wait for it to finish, or pass --wait to queue behind it",
    kDatabaseApplicationId};
using run_detail::SqliteStatement;

// The SQL type of a field's value, or null for what only the record's JSON holds (lists, objects).
template <typename S>
const char* sql_type(const Member<S>& member) {
  return std::visit(
      [](auto held) -> const char* {
        using T = std::remove_cvref_t<decltype(std::declval<S&>().*held)>;
        if constexpr (std::is_same_v<T, std::string> || std::is_same_v<T, std::optional<std::string>> ||
                      std::is_same_v<T, Format>)
          return "TEXT";
        else if constexpr (std::is_same_v<T, std::optional<std::int64_t>> || std::is_same_v<T, std::uint64_t> ||
                           std::is_same_v<T, std::optional<bool>>)
          return "INTEGER";
        else
          return nullptr;
      },
      member);
}

std::string quoted_name(std::string_view name) { return fmt::format("\"{}\"", name); }

std::string flattened(std::string_view object, std::string_view key) { return fmt::format("{}_{}", object, key); }

std::string id_column() { return quoted_name(key_of(&Article::id)); }
std::string file_column() { return quoted_name(key_of(&Source::path)); }
std::string source_path_column() { return quoted_name(flattened(key_of(&Article::source), key_of(&Source::path))); }

// What the full-text index covers: what a reader searches for.
std::vector<std::string> fts_columns() {
  return {quoted_name(key_of(&Article::title)), quoted_name(key_of(&Article::excerpt)),
          quoted_name(key_of(&Article::text))};
}

std::string joined(const std::vector<std::string>& parts, std::string_view prefix = "") {
  std::string out;
  for (const auto& part : parts) out += (out.empty() ? "" : ", ") + std::string(prefix) + part;
  return out;
}

std::string column_definition(const SqliteColumn& column) {
  return fmt::format("{} {}", quoted_name(column.name), column.type);
}

// Version 1: the articles, which files made them, the full-text index and its triggers. The index
// is an external-content FTS5 table: it stores only the index and reads the text from articles, so
// the text is not kept twice. It finds rows by rowid, which articles declares as INTEGER PRIMARY
// KEY so that VACUUM cannot renumber the rows under the index. Porter stemming, so 'supercomputer'
// also finds "supercomputers".
std::string schema_v1() {
  std::vector<std::string> columns;
  for (const auto& column : sqlite_article_columns())
    columns.push_back(column.name == key_of(&Article::id) ? column_definition(column) + " NOT NULL UNIQUE"
                                                          : column_definition(column));
  const std::vector<std::string> indexed = fts_columns();
  const std::string row = joined(indexed);
  return fmt::format(
      "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);\n"
      "CREATE TABLE articles (rowid INTEGER PRIMARY KEY, {columns}, record TEXT NOT NULL);\n"
      "CREATE TABLE article_files ({file} TEXT PRIMARY KEY, {key} TEXT NOT NULL) WITHOUT ROWID;\n"
      "CREATE INDEX article_files_by_id ON article_files ({key});\n"
      "CREATE VIRTUAL TABLE articles_fts USING fts5({row}, content='articles', content_rowid='rowid', "
      "tokenize='porter unicode61 remove_diacritics 2');\n"
      "CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN\n"
      "  INSERT INTO articles_fts (rowid, {row}) VALUES (new.rowid, {new});\n"
      "END;\n"
      "CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN\n"
      "  INSERT INTO articles_fts (articles_fts, rowid, {row}) VALUES ('delete', old.rowid, {old});\n"
      "END;\n"
      "CREATE TRIGGER articles_fts_update AFTER UPDATE OF {row} ON articles BEGIN\n"
      "  INSERT INTO articles_fts (articles_fts, rowid, {row}) VALUES ('delete', old.rowid, {old});\n"
      "  INSERT INTO articles_fts (rowid, {row}) VALUES (new.rowid, {new});\n"
      "END;\n",
      fmt::arg("columns", joined(columns)), fmt::arg("file", file_column()), fmt::arg("key", id_column()),
      fmt::arg("row", row), fmt::arg("new", joined(indexed, "new.")), fmt::arg("old", joined(indexed, "old.")));
}

// Version 2: the stories, as a view over articles (so a merged or split story can never be out of
// step with its members' rows), and the index that makes a story's members one lookup.
std::string schema_v2() {
  const auto column = [](const auto member) { return quoted_name(key_of(member)); };
  return fmt::format(
      "CREATE INDEX articles_by_story ON articles ({story_column});\n"
      "CREATE VIEW stories AS SELECT member.{story_column} AS {story_column}, first.{title_column} AS {title_column}, "
      "count(*) AS members, sum(member.{duplicate_column} IS NOT NULL) AS duplicates, "
      "count(DISTINCT json_extract(member.record, '$.{provider_key}.{name_key}')) AS providers, "
      "min(member.{date_column}) AS firstPublishedDateTime, max(member.{date_column}) AS lastPublishedDateTime "
      "FROM articles AS member LEFT JOIN articles AS first ON first.{id_column} = member.{story_column} "
      "WHERE member.{story_column} IS NOT NULL GROUP BY member.{story_column};\n",
      fmt::arg("story_column", column(&Article::story_id)), fmt::arg("id_column", column(&Article::id)),
      fmt::arg("title_column", column(&Article::title)), fmt::arg("date_column", column(&Article::published_date_time)),
      fmt::arg("duplicate_column", column(&Article::duplicate_of)),
      fmt::arg("provider_key", key_of(&Article::provider)), fmt::arg("name_key", key_of(&Provider::name)));
}

// Step i takes a database from schema version i to i + 1; step 0 makes an empty file version 1.
std::vector<std::string> migration_steps() { return {schema_v1(), schema_v2()}; }

std::unique_ptr<SqliteStatement> kept(SqliteStatement statement) {
  return std::make_unique<SqliteStatement>(std::move(statement));
}

}  // namespace

std::vector<SqliteColumn> sqlite_article_columns() {
  std::vector<SqliteColumn> out;
  for (const auto& field : fields_of<Article>()) {
    if (const char* type = sql_type(field.member)) {
      out.push_back({std::string(field.key), fmt::format("$.{}", quoted_name(field.key)), type});
    } else if (std::holds_alternative<Source Article::*>(field.member)) {  // an object of scalars: one column each
      for (const auto& inner : fields_of<Source>())
        if (const char* inner_type = sql_type(inner.member))
          out.push_back({flattened(field.key, inner.key),
                         fmt::format("$.{}.{}", quoted_name(field.key), quoted_name(inner.key)), inner_type});
    }
  }
  return out;
}

FatalStatus refuse_same_file(const std::string& sqlite_path, const std::string& state_path) {
  namespace fs = std::filesystem;
  std::error_code error;
  const bool same = fs::exists(sqlite_path, error) && fs::exists(state_path, error)
                        ? fs::equivalent(sqlite_path, state_path, error)
                        : fs::weakly_canonical(sqlite_path, error) == fs::weakly_canonical(state_path, error);
  if (same)
    return Failure::of(FatalKind::usage, code::usage, sqlite_path,
                       fmt::format("--sqlite and --state both name {}: keep the database and the state in two files "
                                   "(the state is newsnorm's bookkeeping, the database is yours to query), such as "
                                   "--state state.db --sqlite news.db",
                                   sqlite_path));
  return done();
}

SqliteSink::SqliteSink(const std::string& path)
    : path_(path), db_(std::make_unique<run_detail::SqliteDb>(path, kDatabaseVoice)) {}

SqliteSink::~SqliteSink() = default;

FatalResult<std::unique_ptr<SqliteSink>> SqliteSink::open(const std::string& path, bool wait) {
  if (path == kStdin)
    return Failure::of(FatalKind::usage, code::usage, path,
                       "--sqlite needs a file name: a database cannot be written to standard output");
  return catch_failure([&] {
    std::unique_ptr<SqliteSink> sink(new SqliteSink(path));
    sink->load(wait);
    return sink;
  });
}

void SqliteSink::load(bool wait) {
  // Each statement's savepoint allocates and frees a few KiB, and glibc hands the top of a thread's
  // heap back to the kernel on such frees: one madvise per record, each a TLB flush on every core
  // (measured: 1,600 madvise calls on the corpus and a third of the sink's time). Keep up to 32 MiB
  // of freed memory instead; the peak stays what it was.
  mallopt(M_TRIM_THRESHOLD, 32 << 20);
  db_->open(wait);
  create_or_migrate();
  add_missing_columns();

  std::vector<std::string> names, values, updates;
  for (const auto& column : sqlite_article_columns()) {
    names.push_back(quoted_name(column.name));
    values.push_back(fmt::format("json_extract(?1, '{}')", column.json_path));
    if (column.name != key_of(&Article::id))
      updates.push_back(fmt::format("{0} = excluded.{0}", quoted_name(column.name)));
  }
  // The columns come from the record text itself, through SQLite's JSON functions (one parse per
  // record, cached across the calls of a statement): they cannot disagree with the record. A record
  // that is already there as it is changes nothing, so a rerun rewrites no row and no index entry.
  upsert_ = kept(db_->prepare(fmt::format(
      "INSERT INTO articles ({}, record) VALUES ({}, ?1) ON CONFLICT ({}) DO UPDATE SET {}, record = excluded.record "
      "WHERE articles.record IS NOT excluded.record",
      joined(names), joined(values), id_column(), joined(updates))));
  const std::string id = id_column(), file = file_column();
  file_id_ = kept(db_->prepare(fmt::format("SELECT {} FROM article_files WHERE {} = ?1", id, file)));
  set_file_ = kept(db_->prepare(fmt::format(
      "INSERT INTO article_files ({1}, {0}) VALUES (?1, json_extract(?2, '$.{0}')) ON CONFLICT ({1}) DO UPDATE "
      "SET {0} = excluded.{0} RETURNING {0}",
      id, file)));
  delete_file_ = kept(db_->prepare(fmt::format("DELETE FROM article_files WHERE {} = ?1 RETURNING {}", file, id)));
  delete_orphan_ = kept(db_->prepare(fmt::format(
      "DELETE FROM articles WHERE {0} = ?1 AND NOT EXISTS (SELECT 1 FROM article_files WHERE {0} = ?1)", id)));
  // The file the row's record came from still makes it: nothing to feed again.
  files_of_ = kept(db_->prepare(fmt::format(
      "SELECT {1} FROM article_files WHERE {0} = ?1 AND NOT EXISTS (SELECT 1 FROM articles, article_files AS kept "
      "WHERE articles.{0} = ?1 AND kept.{0} = ?1 AND kept.{1} = articles.{2}) ORDER BY {1} DESC LIMIT 1",
      id, file, source_path_column())));

  SqliteStatement files = db_->prepare(fmt::format("SELECT {}, {} FROM article_files", file, id));
  while (files.step("reading which file made which record")) known_.emplace(files.text(0), files.text(1));
}

void SqliteSink::create_or_migrate() {
  std::vector<std::string> tables;
  SqliteStatement list = db_->prepare("SELECT name FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY name");
  while (list.step("listing its tables")) tables.push_back(list.text(0));
  int version = 0;
  if (!tables.empty()) {
    std::optional<std::string> application, schema;
    if (std::find(tables.begin(), tables.end(), "meta") != tables.end()) {
      SqliteStatement meta = db_->prepare("SELECT key, value FROM meta WHERE key IN ('application', 'schema_version')");
      while (meta.step("reading its meta table")) (meta.text(0) == "application" ? application : schema) = meta.text(1);
    }
    if (application != kApplication || !schema)
      db_->fail_with(FatalKind::output, code::sqlite_failed,
                     fmt::format("{} is a SQLite database that newsnorm did not write (its tables: {}; no newsnorm "
                                 "meta table among them); name a new file for --sqlite",
                                 path_, joined(tables)));
    version = std::atoi(schema->c_str());
    if (version > kSqliteSchemaVersion || version < 1)
      db_->fail_with(FatalKind::output, code::sqlite_failed,
                     fmt::format("the database {} has schema version {}, which this newsnorm ({}) does not know "
                                 "(it writes version {}); use the newsnorm that wrote it, or a new file",
                                 path_, *schema, NEWSNORM_VERSION, kSqliteSchemaVersion));
  }
  const std::vector<std::string> steps = migration_steps();
  for (int step = version; step < kSqliteSchemaVersion; ++step) db_->exec(steps[static_cast<std::size_t>(step)]);
  db_->exec(
      fmt::format("INSERT OR REPLACE INTO meta (key, value) VALUES ('application', '{}'), ('schema_version', '{}'), "
                  "('written_by', 'newsnorm {}')",
                  kApplication, kSqliteSchemaVersion, NEWSNORM_VERSION));
}

// A field added to the field table since the database was made becomes a column here, filled from
// the records already there (null where they do not have it).
void SqliteSink::add_missing_columns() {
  std::vector<std::string> present;
  SqliteStatement info = db_->prepare("SELECT name FROM pragma_table_info('articles')");
  while (info.step("listing its columns")) present.push_back(info.text(0));
  for (const auto& column : sqlite_article_columns())
    if (std::none_of(present.begin(), present.end(),
                     [&](const std::string& name) { return sqlite3_stricmp(name.c_str(), column.name.c_str()) == 0; }))
      db_->exec(
          fmt::format("ALTER TABLE articles ADD COLUMN {0};\nUPDATE articles SET {1} = json_extract(record, '{2}')",
                      column_definition(column), quoted_name(column.name), column.json_path));
}

bool SqliteSink::holds(const std::string& path, const std::string& id) const {
  const auto found = known_.find(path);
  return found != known_.end() && found->second == id;
}

void SqliteSink::put(std::string_view record, const std::string& path) {
  if (!record.empty() && record.back() == '\n') record.remove_suffix(1);
  upsert_->reset();
  upsert_->bind(1, record).run("writing the record of " + path);
  if (path == kStdin) return;

  file_id_->reset();
  std::optional<std::string> before;
  if (file_id_->bind(1, path).step("reading which record " + path + " made")) before = file_id_->text(0);
  file_id_->reset();
  set_file_->reset();
  if (!set_file_->bind(1, path).bind(2, record).step("writing which file made " + path))
    db_->fail_with(FatalKind::output, code::sqlite_failed,
                   fmt::format("the database {}: writing which file made {}: no id came back", path_, path));
  const std::string now = set_file_->text(0);
  set_file_->reset();
  if (before && *before != now) leave(*before);
}

void SqliteSink::remove(const std::string& path, const std::string& id) {
  delete_file_->reset();
  std::string gone = id;
  if (delete_file_->bind(1, path).step("removing " + path)) gone = delete_file_->text(0);
  delete_file_->reset();
  leave(gone);
}

void SqliteSink::leave(const std::string& id) {
  delete_orphan_->reset();
  delete_orphan_->bind(1, id).run("deleting record " + id);
  if (db_->changes() == 0) refeed_ids_.insert(id);  // other files make it: take_refeeds sees whose it is
}

std::vector<std::string> SqliteSink::take_refeeds() {
  std::vector<std::string> paths;
  for (const auto& id : refeed_ids_) {
    files_of_->reset();
    if (files_of_->bind(1, id).step("finding the files of record " + id)) paths.push_back(files_of_->text(0));
    files_of_->reset();
  }
  refeed_ids_.clear();
  std::sort(paths.begin(), paths.end());
  return paths;
}

void SqliteSink::commit() { db_->commit(); }

}  // namespace newsnorm
