#include "newsnorm/read/input_files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <system_error>

#include <fmt/format.h>

namespace newsnorm {
namespace fs = std::filesystem;
namespace {

bool is_hidden(const fs::path& path) {
  const std::string name = path.filename().string();
  return name.size() > 1 && name[0] == '.' && name != "..";
}

void walk_folder(const std::string& root, const WalkOptions& options, std::vector<Input>& out) {
  std::vector<std::string> files;
  std::error_code error;
  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, error);
  if (error) {
    out.push_back({root, make_error(code::read_failed, {}, fmt::format("cannot read folder: {}", error.message()))});
    return;
  }
  for (; it != fs::recursive_directory_iterator(); it.increment(error)) {
    if (error) break;
    const fs::directory_entry& entry = *it;
    if (!options.hidden && is_hidden(entry.path())) {
      if (entry.is_directory(error)) it.disable_recursion_pending();
      continue;
    }
    // Regular files, and links to them; links to folders are left alone (no loops).
    const bool folder = !entry.is_regular_file(error);
    if (folder && !entry.is_directory(error)) continue;
    if (options.leave_out && value_or_throw(options.leave_out(entry.path().string(), folder))) {
      if (folder) it.disable_recursion_pending();
      continue;
    }
    if (!folder) files.push_back(entry.path().string());
  }
  if (error)
    out.push_back({root, make_error(code::read_failed, {}, fmt::format("cannot walk folder: {}", error.message()))});
  std::sort(files.begin(), files.end());  // byte order of the whole path, so output is deterministic
  for (auto& file : files) out.push_back({std::move(file), std::nullopt});
}

}  // namespace

namespace {

// The walk passes on a failure of `leave_out` by throwing it; the public functions return it.
std::vector<Input> expand_or_throw(const std::vector<std::string>& paths, const WalkOptions& options) {
  std::vector<Input> out;
  for (const std::string& path : paths) {
    std::error_code error;
    const auto left_out = [&](bool folder) {
      if (!options.leave_out) return false;
      const std::optional<std::string> why = value_or_throw(options.leave_out(path, folder));
      if (why && options.named_left_out) options.named_left_out(path, *why);
      return why.has_value();
    };
    if (path == "-") {
      out.push_back({path, std::nullopt});
    } else if (fs::is_directory(path, error)) {
      if (!left_out(true)) walk_folder(path, options, out);
    } else if (fs::exists(path, error)) {
      if (!left_out(false)) out.push_back({path, std::nullopt});
    } else {
      out.push_back({path, make_error(code::read_not_found, {}, "no such file or folder")});
    }
  }
  return out;
}

}  // namespace

FatalResult<std::vector<Input>> expand_inputs(const std::vector<std::string>& paths, const WalkOptions& options) {
  return catch_failure([&] { return expand_or_throw(paths, options); });
}

FatalResult<std::unique_ptr<InputStream>> InputStream::open(const std::vector<std::string>& paths,
                                                            const WalkOptions& options) {
  return catch_failure([&] {
    std::unique_ptr<InputStream> stream(new InputStream(options));
    stream->pending_ = expand_or_throw(paths, options);
    return stream;
  });
}

InputStream::InputStream(const WalkOptions& options) : options_(options) {}

InputStream::~InputStream() {
  if (list_ && owns_list_) std::fclose(list_);
}

FatalStatus InputStream::add_list(const std::string& list_path, char separator) {
  separator_ = separator;
  has_list_ = true;
  if (list_path == "-") {
    list_ = stdin;
    return done();
  }
  list_ = std::fopen(list_path.c_str(), "rb");
  if (!list_) {
    const int error = errno;
    return Failure::of(FatalKind::usage, code::input_list, list_path,
                       fmt::format("cannot open the list of files {}: {}", list_path, std::strerror(error)), error);
  }
  owns_list_ = true;
  return done();
}

bool InputStream::refill_from_list() {
  if (!list_) return false;
  char* line = nullptr;
  std::size_t capacity = 0;
  for (;;) {
    const ssize_t length = ::getdelim(&line, &capacity, separator_, list_);
    if (length < 0) break;
    std::string path(line, static_cast<std::size_t>(length));
    if (!path.empty() && path.back() == separator_) path.pop_back();
    if (separator_ == '\n' && !path.empty() && path.back() == '\r') path.pop_back();
    if (path.empty()) continue;  // blank lines in a list are not inputs
    pending_ = expand_or_throw({path}, options_);
    next_ = 0;
    std::free(line);
    return true;
  }
  std::free(line);
  if (owns_list_) std::fclose(list_);
  list_ = nullptr;
  return false;
}

FatalResult<std::optional<Input>> InputStream::next() {
  return catch_failure([&]() -> std::optional<Input> {
    while (next_ == pending_.size()) {
      if (!refill_from_list()) return std::nullopt;
    }
    return std::move(pending_[next_++]);
  });
}

std::optional<std::size_t> InputStream::known_total() const {
  if (has_list_) return std::nullopt;
  return pending_.size();
}

Status read_input(const std::string& path, std::size_t max_bytes, std::string& buffer) {
  const bool is_stdin = path == "-";
  const int fd = is_stdin ? STDIN_FILENO : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return make_error(code::read_failed, {}, fmt::format("cannot open: {}", std::strerror(errno)));
  struct stat info {};
  std::size_t expected = 64 << 10;
  if (::fstat(fd, &info) == 0) {
    if (S_ISDIR(info.st_mode)) {
      if (!is_stdin) ::close(fd);
      return make_error(code::read_is_folder, {}, "is a folder, not a file");
    }
    if (S_ISREG(info.st_mode)) expected = static_cast<std::size_t>(info.st_size);
  }
  const std::size_t cap = max_bytes + 1;  // one byte more than allowed is enough to know it is too big
  buffer.resize(std::min(cap, expected + 1));
  std::size_t filled = 0;
  for (;;) {
    if (filled == buffer.size()) {
      if (buffer.size() >= cap) break;
      buffer.resize(std::min(cap, buffer.size() * 2));
    }
    const ssize_t got = ::read(fd, buffer.data() + filled, buffer.size() - filled);
    if (got < 0) {
      if (errno == EINTR) continue;
      const int saved = errno;
      if (!is_stdin) ::close(fd);
      return make_error(code::read_failed, {}, fmt::format("cannot read: {}", std::strerror(saved)));
    }
    if (got == 0) break;
    filled += static_cast<std::size_t>(got);
  }
  if (!is_stdin) ::close(fd);
  buffer.resize(filled);
  if (filled > max_bytes)
    return make_error(code::limit_bytes, {},
                      fmt::format("file is larger than the {}-byte limit; raise it with --max-bytes", max_bytes));
  return ok();
}

std::string display_name(const std::string& path) { return path == "-" ? "<stdin>" : path; }

}  // namespace newsnorm
