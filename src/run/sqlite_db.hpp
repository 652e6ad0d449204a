#pragma once
// The one way the run opens a SQLite file of its own (the --state and the --sqlite database): the
// same lock, the same journal, the same waiting, and every call checked. Private to run/.
//
// Lock: an exclusive flock on the database file itself, held from open to close, so a second run
// on the same file exits 4 at once, or waits in the kernel with --wait, and a killed run lets go
// with its process. flock and SQLite's own fcntl locks do not interact on Linux; the descriptor
// stays open until SQLite has closed the file, because closing any descriptor of a file drops the
// process's fcntl locks on it.
// Journal: WAL, so readers (a site, a dashboard, sqlite3 in a shell) go on reading the last
// complete run while a run writes; synchronous=FULL, so a commit survives a power cut as the
// output's fsync does. The whole run is one transaction (BEGIN IMMEDIATE at open).
// Waiting: another process writing through SQLite (not newsnorm: it holds the flock) is waited for
// kBusyMilliseconds, forever with --wait, then the run exits 4.
#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "newsnorm/core/result.hpp"
#include "newsnorm/read/input_files.hpp"  // the application ids

namespace newsnorm::run_detail {

inline constexpr int kBusyMilliseconds = 2000;

// How failures of one database are said: the state's as state errors, the record database's as
// sqlite errors, each naming the file the way its option does.
struct SqliteVoice {
  FatalKind kind;                     // of a failure that is not a held lock
  const DiagnosticCode* code;         // state.failed, sqlite.failed
  const DiagnosticCode* locked_code;  // state.locked, sqlite.locked
  std::string_view noun;              // "the state", "the database"
  std::string_view option;            // "--state", "--sqlite"
  // What a held lock says after "<noun> <path> is held by another newsnorm run".
  std::string_view locked_hint;
  // The PRAGMA application_id the file carries (read/input_files.hpp), so that a walk knows it as
  // newsnorm's and a run refuses a database of another program, or a state given as a database.
  std::int32_t application_id = 0;
};

class SqliteStatement;

class SqliteDb {
 public:
  SqliteDb(std::string path, SqliteVoice voice) : path_(std::move(path)), voice_(voice) {}
  ~SqliteDb() { close(); }  // an open transaction is rolled back: nothing staged survives
  SqliteDb(const SqliteDb&) = delete;
  SqliteDb& operator=(const SqliteDb&) = delete;

  // Locks, opens or creates, sets the journal and begins the run's transaction. Throws FatalError.
  void open(bool wait);
  void close();

  void exec(std::string_view sql);
  SqliteStatement prepare(std::string_view sql);
  int changes() const { return sqlite3_changes(db_); }
  void commit() { exec("COMMIT"); }
  // A new transaction after commit(), for what the run writes after its main commit.
  void begin() { exec("BEGIN IMMEDIATE"); }
  // Throws the failure of the call that just failed, saying what was being done.
  [[noreturn]] void fail(std::string_view doing) const;
  [[noreturn]] void fail_with(FatalKind kind, const DiagnosticCode& code, std::string message, int error = 0) const;

  const std::string& path() const { return path_; }

 private:
  void check_application_id();

  std::string path_;
  SqliteVoice voice_;
  int lock_fd_ = -1;
  sqlite3* db_ = nullptr;
};

// A prepared statement, finalized with its owner's scope. Every step is checked.
class SqliteStatement {
 public:
  SqliteStatement(const SqliteDb& db, sqlite3_stmt* statement, std::string_view sql)
      : db_(&db), statement_(statement), sql_(sql.substr(0, sql.find('\n'))) {}
  ~SqliteStatement() { sqlite3_finalize(statement_); }
  SqliteStatement(SqliteStatement&& other) noexcept
      : db_(other.db_), statement_(std::exchange(other.statement_, nullptr)), sql_(std::move(other.sql_)) {}
  SqliteStatement& operator=(SqliteStatement&& other) noexcept {
    std::swap(db_, other.db_), std::swap(statement_, other.statement_), std::swap(sql_, other.sql_);
    return *this;
  }

  // Binds are by copy (SQLITE_TRANSIENT): the caller's text may go before the step.
  SqliteStatement& bind(int index, std::string_view text);
  SqliteStatement& bind(int index, std::int64_t value);
  SqliteStatement& bind_blob(int index, std::string_view bytes);
  // True with a row to read, false when done; a failure throws, naming `doing` (or the SQL).
  bool step(std::string_view doing = {});
  // step() that must finish without a row.
  void run(std::string_view doing = {});
  void reset() { sqlite3_reset(statement_); }

  std::string text(int column) const;
  std::string blob(int column) const;
  std::int64_t integer(int column) const { return sqlite3_column_int64(statement_, column); }

 private:
  const SqliteDb* db_;
  sqlite3_stmt* statement_;
  std::string sql_;
};

}  // namespace newsnorm::run_detail
