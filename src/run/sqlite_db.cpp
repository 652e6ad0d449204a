#include "sqlite_db.hpp"

#include <fcntl.h>
#include <sys/file.h>

#include <cerrno>
#include <climits>
#include <cstring>

#include <fmt/format.h>

#include "newsnorm/core/os.hpp"

namespace newsnorm::run_detail {

void SqliteDb::open(bool wait) {
  lock_fd_ = os().open(path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (lock_fd_ < 0) {
    const int saved = errno;
    fail_with(voice_.kind, *voice_.code, fmt::format("cannot open {} {}: {}", voice_.noun, path_, std::strerror(saved)),
              saved);
  }
  int locked;
  do locked = os().flock(lock_fd_, LOCK_EX | (wait ? 0 : LOCK_NB));
  while (locked != 0 && errno == EINTR);  // a signal while waiting with --wait
  if (locked != 0) {
    const int saved = errno;
    if (saved == EWOULDBLOCK)
      fail_with(FatalKind::state_locked, *voice_.locked_code,
                fmt::format("another newsnorm run is using {} {}; {}", voice_.noun, path_, voice_.locked_hint));
    fail_with(voice_.kind, *voice_.code, fmt::format("cannot lock {} {}: {}", voice_.noun, path_, std::strerror(saved)),
              saved);
  }
  if (sqlite3_open_v2(path_.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr) !=
      SQLITE_OK)
    fail("cannot open it");
  if (sqlite3_busy_timeout(db_, wait ? INT_MAX : kBusyMilliseconds) != SQLITE_OK) fail("setting the busy timeout");
  exec("PRAGMA journal_mode=WAL");
  exec("PRAGMA synchronous=FULL");
  // The write lock for the whole run: two writers cannot interleave, readers are not held up.
  exec("BEGIN IMMEDIATE");
  check_application_id();
}

void SqliteDb::check_application_id() {
  std::int64_t id = 0;
  {
    SqliteStatement read = prepare("PRAGMA application_id");
    if (read.step("reading its application id")) id = read.integer(0);
  }
  if (id == voice_.application_id) return;
  if (id != 0)
    fail_with(voice_.kind, *voice_.code,
              fmt::format("{} is not {} of newsnorm (it is another program's database, or newsnorm's {}); name a "
                          "new file for {}",
                          path_, voice_.noun,
                          id == kStateApplicationId      ? "state"
                          : id == kDatabaseApplicationId ? "database"
                                                         : "other file",
                          voice_.option));
  exec(fmt::format("PRAGMA application_id={}", voice_.application_id));
}

void SqliteDb::close() {
  if (db_) sqlite3_close_v2(db_);  // statements are finalized by their owners' scopes
  db_ = nullptr;
  // Only now: closing a descriptor of the file would drop the fcntl locks SQLite holds on it.
  if (lock_fd_ >= 0) os().close(lock_fd_);
  lock_fd_ = -1;
}

void SqliteDb::fail_with(FatalKind kind, const DiagnosticCode& code, std::string message, int error) const {
  throw FatalError(kind, code, path_, std::move(message), error);
}

void SqliteDb::fail(std::string_view doing) const {
  const int status = db_ ? sqlite3_errcode(db_) : SQLITE_NOMEM;
  const char* reason = db_ ? sqlite3_errmsg(db_) : "out of memory";
  if (status == SQLITE_NOTADB)
    fail_with(voice_.kind, *voice_.code,
              fmt::format("{} is not a SQLite database ({}); name a new file for {}", path_, reason, voice_.option));
  if (status == SQLITE_BUSY)
    fail_with(FatalKind::state_locked, *voice_.locked_code,
              fmt::format("another process is writing {} {}; {}", voice_.noun, path_, voice_.locked_hint));
  fail_with(voice_.kind, *voice_.code, fmt::format("{} {}: {}: {}", voice_.noun, path_, doing, reason));
}

void SqliteDb::exec(std::string_view sql) {
  const std::string text(sql);
  if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) fail(sql.substr(0, sql.find('\n')));
}

SqliteStatement SqliteDb::prepare(std::string_view sql) {
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &statement, nullptr) != SQLITE_OK)
    fail(fmt::format("preparing {}", sql.substr(0, sql.find('\n'))));
  return SqliteStatement(*this, statement, sql);
}

SqliteStatement& SqliteStatement::bind(int index, std::string_view text) {
  if (sqlite3_bind_text(statement_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT) != SQLITE_OK)
    db_->fail(fmt::format("binding a value of {}", sql_));
  return *this;
}

SqliteStatement& SqliteStatement::bind(int index, std::int64_t value) {
  if (sqlite3_bind_int64(statement_, index, value) != SQLITE_OK) db_->fail(fmt::format("binding a value of {}", sql_));
  return *this;
}

SqliteStatement& SqliteStatement::bind_blob(int index, std::string_view bytes) {
  if (sqlite3_bind_blob(statement_, index, bytes.data(), static_cast<int>(bytes.size()), SQLITE_TRANSIENT) != SQLITE_OK)
    db_->fail(fmt::format("binding a value of {}", sql_));
  return *this;
}

bool SqliteStatement::step(std::string_view doing) {
  const int status = sqlite3_step(statement_);
  if (status == SQLITE_ROW) return true;
  if (status == SQLITE_DONE) return false;
  // The statement's own error is the connection's; reset would overwrite it.
  db_->fail(doing.empty() ? std::string_view(sql_) : doing);
}

void SqliteStatement::run(std::string_view doing) {
  if (step(doing)) db_->fail(fmt::format("{}: a row where none was expected", doing.empty() ? sql_ : doing));
}

std::string SqliteStatement::text(int column) const {
  const auto* text = sqlite3_column_text(statement_, column);
  return text ? std::string(reinterpret_cast<const char*>(text),
                            static_cast<std::size_t>(sqlite3_column_bytes(statement_, column)))
              : std::string();
}

std::string SqliteStatement::blob(int column) const {
  const auto* bytes = static_cast<const char*>(sqlite3_column_blob(statement_, column));
  return std::string(bytes ? bytes : "", static_cast<std::size_t>(sqlite3_column_bytes(statement_, column)));
}

}  // namespace newsnorm::run_detail
