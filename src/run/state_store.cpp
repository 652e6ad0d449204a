#include "newsnorm/run/state_store.hpp"

#include <sys/stat.h>

#include <algorithm>

#include <fmt/format.h>

#include "newsnorm/model/identity.hpp"
#include "newsnorm/run/output_sink.hpp"
#include "sqlite_db.hpp"

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

namespace {

const run_detail::SqliteVoice kStateVoice{
    FatalKind::state,   &code::state_failed, &code::state_locked,
    "the state",        "--state",           "wait for it to finish, or pass --wait to queue behind it",
    kStateApplicationId};

}  // namespace

StateStore::StateStore(const std::string& path) : db_(std::make_unique<run_detail::SqliteDb>(path, kStateVoice)) {}

StateStore::~StateStore() = default;

FatalResult<std::unique_ptr<StateStore>> StateStore::open(const std::string& path, bool wait) {
  return catch_failure([&] {
    std::unique_ptr<StateStore> store(new StateStore(path));
    store->load(wait);
    return store;
  });
}

void StateStore::load(bool wait) {
  db_->open(wait);
  db_->exec(
      "CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, size INTEGER NOT NULL, "
      "mtime_ns INTEGER NOT NULL, hash TEXT NOT NULL, id TEXT NOT NULL) WITHOUT ROWID");
  db_->exec(
      "CREATE TABLE IF NOT EXISTS story_items (seq INTEGER PRIMARY KEY, path TEXT NOT NULL, item BLOB NOT NULL, "
      "story_id TEXT NOT NULL, duplicate_of TEXT NOT NULL)");
  db_->exec("CREATE TABLE IF NOT EXISTS publications (temporary TEXT NOT NULL, target TEXT NOT NULL)");
  finish_publications();
  run_detail::SqliteStatement select = db_->prepare("SELECT path, size, mtime_ns, hash, id FROM files");
  while (select.step("reading the files it knows")) {
    FileState state;
    state.size = select.integer(1);
    state.mtime_ns = select.integer(2);
    state.hash = select.text(3);
    state.id = select.text(4);
    known_.emplace(select.text(0), std::move(state));
  }
  upsert_ = std::make_unique<run_detail::SqliteStatement>(
      db_->prepare("INSERT OR REPLACE INTO files (path, size, mtime_ns, hash, id) VALUES (?, ?, ?, ?, ?)"));
  delete_ = std::make_unique<run_detail::SqliteStatement>(db_->prepare("DELETE FROM files WHERE path = ?"));
  set_id_ = std::make_unique<run_detail::SqliteStatement>(db_->prepare("UPDATE files SET id = ? WHERE path = ?"));
}

const FileState* StateStore::find(const std::string& path) const {
  const auto found = known_.find(path);
  return found == known_.end() ? nullptr : &found->second;
}

void StateStore::record(const std::string& path, const FileState& state) {
  upsert_->reset();
  upsert_->bind(1, path).bind(2, state.size).bind(3, state.mtime_ns).bind(4, state.hash).bind(5, state.id);
  upsert_->run("recording " + path);
}

void StateStore::forget(const std::string& path) {
  delete_->reset();
  delete_->bind(1, path).run("forgetting " + path);
}

void StateStore::set_id(const std::string& path, const std::string& id) {
  set_id_->reset();
  set_id_->bind(1, id).bind(2, path).run("setting the id of " + path);
}

void StateStore::commit() { db_->commit(); }

void StateStore::stage_publication(const std::vector<Publication>& publications) {
  run_detail::SqliteStatement insert = db_->prepare("INSERT INTO publications (temporary, target) VALUES (?, ?)");
  for (const Publication& publication : publications) {
    insert.reset();
    insert.bind(1, publication.temporary).bind(2, publication.target).run("recording an output's rename");
  }
}

void StateStore::publication_done() {
  db_->begin();
  db_->exec("DELETE FROM publications");
  db_->commit();
}

void StateStore::finish_publications() {
  std::vector<Publication> pending;
  {
    run_detail::SqliteStatement select = db_->prepare("SELECT temporary, target FROM publications ORDER BY rowid");
    while (select.step("reading the outputs an earlier run was renaming"))
      pending.push_back({select.text(0), select.text(1)});
  }
  if (pending.empty()) return;
  for (const Publication& publication : pending) {
    struct stat info {};
    if (::stat(publication.temporary.c_str(), &info) == 0) {
      rename_into_place(publication.temporary, publication.target);
      recovery_notes_.push_back(
          fmt::format("an earlier run was killed after it committed the state: its output "
                      "{} is now in place",
                      publication.target));
    } else if (::stat(publication.target.c_str(), &info) != 0) {
      recovery_notes_.push_back(fmt::format(
          "an earlier run was killed after it committed the state, and its output {} is gone (its temporary file {} "
          "was removed): the records it held are not written again; run once without --state to write them all",
          publication.target, publication.temporary));
    }
  }
  // Made durable before this run stages anything of its own.
  db_->exec("DELETE FROM publications");
  db_->commit();
  db_->begin();
}

std::vector<StoredStoryItem> StateStore::story_items() const {
  std::vector<StoredStoryItem> items;
  run_detail::SqliteStatement select =
      db_->prepare("SELECT path, item, story_id, duplicate_of FROM story_items ORDER BY seq");
  while (select.step("reading the story items"))
    items.push_back({select.blob(0), select.blob(1), select.blob(2), select.blob(3)});
  return items;
}

void StateStore::save_story_items(const std::vector<StoredStoryItem>& items) {
  db_->exec("DELETE FROM story_items");
  run_detail::SqliteStatement insert =
      db_->prepare("INSERT INTO story_items (seq, path, item, story_id, duplicate_of) VALUES (?, ?, ?, ?, ?)");
  for (std::size_t seq = 0; seq < items.size(); ++seq) {
    const StoredStoryItem& item = items[seq];
    insert.reset();
    insert.bind(1, static_cast<std::int64_t>(seq)).bind(2, item.path).bind_blob(3, item.item);
    insert.bind(4, item.story_id).bind(5, item.duplicate_of).run("saving the story items");
  }
}

}  // namespace newsnorm
