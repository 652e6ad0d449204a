#pragma once
// What earlier runs wrote, kept in SQLite, so a cron job writes records only for new or changed
// files. Changes are staged in one transaction and committed only after the output is durably in
// place: a run killed at any moment leaves the state as the last complete run left it.
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

#include "newsnorm/core/result.hpp"

namespace newsnorm {

struct FileState {
  std::int64_t size = 0;
  std::int64_t mtime_ns = 0;
  std::string hash;  // XXH64 of the file's bytes
  std::string id;    // the id of the record written for it
};

// What the story stage remembers of a record an earlier run wrote (stories/story_item's
// serialize_item), with the story fields it was written with.
struct StoredStoryItem {
  std::string path;
  std::string item;
  std::string story_id;
  std::string duplicate_of;  // empty for none
};

class StateStore {
 public:
  // Opens or creates the store and takes its lock (a sidecar "<path>.lock" held with flock, so a
  // killed run releases it). Without `wait`, a lock held by another run throws FatalError (state_locked); other
  // failures throw FatalError (state).
  StateStore(const std::string& path, bool wait);
  ~StateStore();
  StateStore(const StateStore&) = delete;
  StateStore& operator=(const StateStore&) = delete;

  // What the last committed run knew of `path`; safe to call from many threads during a run.
  const FileState* find(const std::string& path) const;

  // Staged until commit().
  void record(const std::string& path, const FileState& state);
  void forget(const std::string& path);
  // The record of `path` was given another id after it was recorded (the story stage found the
  // article its bare text is): deletions must name the id last written.
  void set_id(const std::string& path, const std::string& id);
  void commit();

  // The story items of earlier runs, in the order they were first written.
  std::vector<StoredStoryItem> story_items() const;
  // Replaces them (staged until commit()).
  void save_story_items(const std::vector<StoredStoryItem>& items);

  // Paths the store knows that are not in `seen`, with what it knew of them, in path order.
  std::vector<std::pair<std::string, FileState>> missing_from(const std::unordered_set<std::string>& seen) const;

 private:
  void open(bool wait);  // the constructor's work; release() undoes what it did
  void release();
  void exec(const char* sql);
  [[noreturn]] void fail_sql() const;

  std::string path_;
  int lock_fd_ = -1;
  sqlite3* db_ = nullptr;
  sqlite3_stmt* upsert_ = nullptr;
  sqlite3_stmt* delete_ = nullptr;
  std::unordered_map<std::string, FileState> known_;
};

// The content hash the store keeps: 16 hex digits of XXH64.
std::string content_hash(std::string_view bytes);

// Size and modification time of a file, or nullopt when it cannot be stat'ed.
std::optional<FileState> stat_file(const std::string& path);

}  // namespace newsnorm
