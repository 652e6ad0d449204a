#include "newsnorm/run/state_store.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <fmt/format.h>
#include <sqlite3.h>

#include "newsnorm/core/os.hpp"
#include "newsnorm/model/identity.hpp"

namespace newsnorm {

std::string content_hash(std::string_view bytes) { return stable_id(bytes); }

std::optional<FileState> stat_file(const std::string& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return std::nullopt;
  FileState state;
  state.size = static_cast<std::int64_t>(info.st_size);
  state.mtime_ns = static_cast<std::int64_t>(info.st_mtim.tv_sec) * 1000000000 + info.st_mtim.tv_nsec;
  return state;
}

StateStore::StateStore(const std::string& path, bool wait) : path_(path) {
  // A constructor that throws runs no destructor: let go of the lock and the database here, or a
  // failed open would hold the lock for the rest of the process.
  try {
    open(wait);
  } catch (...) {
    release();
    throw;
  }
}

void StateStore::open(bool wait) {
  const std::string& path = path_;
  const std::string lock_path = path + ".lock";
  lock_fd_ = os().open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (lock_fd_ < 0) {
    const int saved = errno;
    throw FatalError(FatalKind::state, code::state_failed, path,
                     fmt::format("cannot open the state lock {}: {}", lock_path, std::strerror(saved)), saved);
  }
  int locked;
  do locked = os().flock(lock_fd_, LOCK_EX | (wait ? 0 : LOCK_NB));
  while (locked != 0 && errno == EINTR);  // a signal while waiting with --wait
  if (locked != 0) {
    const int saved = errno;
    os().close(lock_fd_);
    lock_fd_ = -1;
    if (saved == EWOULDBLOCK)
      throw FatalError(FatalKind::state_locked, code::state_locked, path,
                       fmt::format("another newsnorm run is using the state {} (locked through {}); wait for it "
                                   "to finish, or pass --wait to queue behind it",
                                   path, lock_path));
    throw FatalError(FatalKind::state, code::state_failed, path,
                     fmt::format("cannot lock {}: {}", lock_path, std::strerror(saved)), saved);
  }
  if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr) !=
      SQLITE_OK)
    throw FatalError(FatalKind::state, code::state_failed, path_,
                     fmt::format("cannot open the state {}: {}", path, db_ ? sqlite3_errmsg(db_) : "out of memory"));
  sqlite3_busy_timeout(db_, 10000);
  exec("PRAGMA journal_mode=WAL");
  exec("PRAGMA synchronous=FULL");
  exec(
      "CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, size INTEGER NOT NULL, "
      "mtime_ns INTEGER NOT NULL, hash TEXT NOT NULL, id TEXT NOT NULL) WITHOUT ROWID");
  exec(
      "CREATE TABLE IF NOT EXISTS story_items (seq INTEGER PRIMARY KEY, path TEXT NOT NULL, item BLOB NOT NULL, "
      "story_id TEXT NOT NULL, duplicate_of TEXT NOT NULL)");
  sqlite3_stmt* select = nullptr;
  if (sqlite3_prepare_v2(db_, "SELECT path, size, mtime_ns, hash, id FROM files", -1, &select, nullptr) != SQLITE_OK)
    throw FatalError(FatalKind::state, code::state_failed, path_,
                     fmt::format("the state {} is not a newsnorm state: {}", path, sqlite3_errmsg(db_)));
  while (sqlite3_step(select) == SQLITE_ROW) {
    FileState state;
    state.size = sqlite3_column_int64(select, 1);
    state.mtime_ns = sqlite3_column_int64(select, 2);
    state.hash = reinterpret_cast<const char*>(sqlite3_column_text(select, 3));
    state.id = reinterpret_cast<const char*>(sqlite3_column_text(select, 4));
    known_.emplace(reinterpret_cast<const char*>(sqlite3_column_text(select, 0)), std::move(state));
  }
  sqlite3_finalize(select);
  sqlite3_prepare_v2(db_, "INSERT OR REPLACE INTO files (path, size, mtime_ns, hash, id) VALUES (?, ?, ?, ?, ?)", -1,
                     &upsert_, nullptr);
  sqlite3_prepare_v2(db_, "DELETE FROM files WHERE path = ?", -1, &delete_, nullptr);
  exec("BEGIN IMMEDIATE");
}

StateStore::~StateStore() { release(); }

void StateStore::release() {
  sqlite3_finalize(upsert_);
  sqlite3_finalize(delete_);
  upsert_ = delete_ = nullptr;
  if (db_) sqlite3_close(db_);  // an open transaction is rolled back: nothing staged survives
  db_ = nullptr;
  if (lock_fd_ >= 0) os().close(lock_fd_);
  lock_fd_ = -1;
}

void StateStore::exec(const char* sql) {
  char* error = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = error ? error : "unknown error";
    sqlite3_free(error);
    throw FatalError(FatalKind::state, code::state_failed, path_, fmt::format("state {}: {}", path_, message));
  }
}

const FileState* StateStore::find(const std::string& path) const {
  const auto found = known_.find(path);
  return found == known_.end() ? nullptr : &found->second;
}

void StateStore::record(const std::string& path, const FileState& state) {
  sqlite3_reset(upsert_);
  sqlite3_bind_text(upsert_, 1, path.data(), static_cast<int>(path.size()), SQLITE_TRANSIENT);
  sqlite3_bind_int64(upsert_, 2, state.size);
  sqlite3_bind_int64(upsert_, 3, state.mtime_ns);
  sqlite3_bind_text(upsert_, 4, state.hash.data(), static_cast<int>(state.hash.size()), SQLITE_TRANSIENT);
  sqlite3_bind_text(upsert_, 5, state.id.data(), static_cast<int>(state.id.size()), SQLITE_TRANSIENT);
  if (sqlite3_step(upsert_) != SQLITE_DONE)
    throw FatalError(FatalKind::state, code::state_failed, path_,
                     fmt::format("state {}: {}", path_, sqlite3_errmsg(db_)));
}

void StateStore::forget(const std::string& path) {
  sqlite3_reset(delete_);
  sqlite3_bind_text(delete_, 1, path.data(), static_cast<int>(path.size()), SQLITE_TRANSIENT);
  if (sqlite3_step(delete_) != SQLITE_DONE)
    throw FatalError(FatalKind::state, code::state_failed, path_,
                     fmt::format("state {}: {}", path_, sqlite3_errmsg(db_)));
}

void StateStore::set_id(const std::string& path, const std::string& id) {
  sqlite3_stmt* update = nullptr;
  if (sqlite3_prepare_v2(db_, "UPDATE files SET id = ? WHERE path = ?", -1, &update, nullptr) != SQLITE_OK) fail_sql();
  sqlite3_bind_text(update, 1, id.data(), static_cast<int>(id.size()), SQLITE_STATIC);
  sqlite3_bind_text(update, 2, path.data(), static_cast<int>(path.size()), SQLITE_STATIC);
  const int step = sqlite3_step(update);
  sqlite3_finalize(update);
  if (step != SQLITE_DONE) fail_sql();
}

void StateStore::commit() { exec("COMMIT"); }

void StateStore::fail_sql() const {
  throw FatalError(FatalKind::state, code::state_failed, path_,
                   fmt::format("state {}: {}", path_, sqlite3_errmsg(db_)));
}

std::vector<StoredStoryItem> StateStore::story_items() const {
  std::vector<StoredStoryItem> items;
  sqlite3_stmt* select = nullptr;
  if (sqlite3_prepare_v2(db_, "SELECT path, item, story_id, duplicate_of FROM story_items ORDER BY seq", -1, &select,
                         nullptr) != SQLITE_OK)
    fail_sql();
  const auto text = [&](int column) {
    const auto* bytes = static_cast<const char*>(sqlite3_column_blob(select, column));
    return std::string(bytes ? bytes : "", static_cast<std::size_t>(sqlite3_column_bytes(select, column)));
  };
  int step;
  while ((step = sqlite3_step(select)) == SQLITE_ROW) items.push_back({text(0), text(1), text(2), text(3)});
  sqlite3_finalize(select);
  if (step != SQLITE_DONE) fail_sql();
  return items;
}

void StateStore::save_story_items(const std::vector<StoredStoryItem>& items) {
  exec("DELETE FROM story_items");
  sqlite3_stmt* insert = nullptr;
  if (sqlite3_prepare_v2(db_,
                         "INSERT INTO story_items (seq, path, item, story_id, duplicate_of) VALUES (?, ?, ?, ?, ?)", -1,
                         &insert, nullptr) != SQLITE_OK)
    fail_sql();
  for (std::size_t seq = 0; seq < items.size(); ++seq) {
    const StoredStoryItem& item = items[seq];
    sqlite3_reset(insert);
    sqlite3_bind_int64(insert, 1, static_cast<sqlite3_int64>(seq));
    sqlite3_bind_text(insert, 2, item.path.data(), static_cast<int>(item.path.size()), SQLITE_STATIC);
    sqlite3_bind_blob(insert, 3, item.item.data(), static_cast<int>(item.item.size()), SQLITE_STATIC);
    sqlite3_bind_text(insert, 4, item.story_id.data(), static_cast<int>(item.story_id.size()), SQLITE_STATIC);
    sqlite3_bind_text(insert, 5, item.duplicate_of.data(), static_cast<int>(item.duplicate_of.size()), SQLITE_STATIC);
    if (sqlite3_step(insert) != SQLITE_DONE) {
      sqlite3_finalize(insert);
      fail_sql();
    }
  }
  sqlite3_finalize(insert);
}

std::vector<std::pair<std::string, FileState>> StateStore::missing_from(
    const std::unordered_set<std::string>& seen) const {
  std::vector<std::pair<std::string, FileState>> missing;
  for (const auto& [path, state] : known_)
    if (!seen.contains(path)) missing.emplace_back(path, state);
  std::sort(missing.begin(), missing.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  return missing;
}

}  // namespace newsnorm
