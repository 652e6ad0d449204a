#pragma once
// What earlier runs wrote, kept in SQLite, so a cron job writes records only for new or changed
// files. Changes are staged in one transaction and committed only after the output is durably in
// place: a run killed at any moment leaves the state as the last complete run left it.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "newsnorm/core/result.hpp"

namespace newsnorm {
namespace run_detail {
class SqliteDb;
class SqliteStatement;
}  // namespace run_detail

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

// Opened by whoever starts a run; read and written by the run stage alone, whose functions throw
// the FatalError of a failed statement to run_batch, which returns it.
class StateStore {
 public:
  // Opens or creates the store and takes its lock (see run/sqlite_db.hpp: a killed run releases it).
  // Without `wait`, a lock held by another run is a state_locked failure; others are state failures.
  static FatalResult<std::unique_ptr<StateStore>> open(const std::string& path, bool wait);
  ~StateStore();
  StateStore(const StateStore&) = delete;
  StateStore& operator=(const StateStore&) = delete;

  // What the last committed run knew of `path`; safe to call from many threads during a run.
  const FileState* find(const std::string& path) const;

  // Staged until commit(). Inside the run stage: these throw FatalError.
  void record(const std::string& path, const FileState& state);
  void forget(const std::string& path);
  // The record of `path` was given another id after it was recorded (the story stage found the
  // article its bare text is): deletions must name the id last written.
  void set_id(const std::string& path, const std::string& id);
  void commit();

  // Exactly once with -o: the outputs' renames are recorded in the same commit as the state that
  // counts their records written (staged here), and cleared once made (publication_done()). A run
  // killed between the commit and a rename leaves the rows; the next open() finishes the renames
  // before anything else, instead of writing those records again. Paths are absolute.
  struct Publication {
    std::string temporary;
    std::string target;
  };
  void stage_publication(const std::vector<Publication>& publications);
  void publication_done();
  // What open() finished or found lost of an earlier run's publications, for the run to say.
  const std::vector<std::string>& recovery_notes() const { return recovery_notes_; }

  // The story items of earlier runs, in the order they were first written.
  std::vector<StoredStoryItem> story_items() const;
  // Replaces them (staged until commit()).
  void save_story_items(const std::vector<StoredStoryItem>& items);

  // Every path it knows, with what it knows of it.
  const std::unordered_map<std::string, FileState>& known() const { return known_; }

 private:
  explicit StateStore(const std::string& path);
  void load(bool wait);
  void finish_publications();
  std::vector<std::string> recovery_notes_;

  // The database before its statements, so that they are finalized before it closes.
  std::unique_ptr<run_detail::SqliteDb> db_;
  std::unique_ptr<run_detail::SqliteStatement> upsert_, delete_, set_id_;
  std::unordered_map<std::string, FileState> known_;
};

// The content hash the store keeps: 16 hex digits of XXH64.
std::string content_hash(std::string_view bytes);

// Size and modification time of a file, or nullopt when it cannot be stat'ed.
std::optional<FileState> stat_file(const std::string& path);

}  // namespace newsnorm
