#include "newsnorm/read/input_files.hpp"

#include "folder_walk.hpp"

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

FatalResult<std::vector<Input>> expand_inputs(const std::vector<std::string>& paths, const WalkOptions& options) {
  return catch_failure([&] {
    read_detail::Expansion expansion;
    for (const std::string& path : paths) read_detail::expand_path(path, true, options, expansion);
    return std::move(expansion.inputs);
  });
}

FatalResult<std::unique_ptr<InputStream>> InputStream::open(const std::vector<std::string>& paths,
                                                            const WalkOptions& options) {
  return catch_failure([&] {
    std::unique_ptr<InputStream> stream(new InputStream(options));
    for (const std::string& path : paths) stream->expand(path, true);
    return stream;
  });
}

InputStream::InputStream(const WalkOptions& options) : options_(options) {}

void InputStream::expand(const std::string& path, bool named) {
  read_detail::Expansion expansion;
  read_detail::expand_path(path, named, options_, expansion);
  for (Input& input : expansion.inputs) pending_.push_back(std::move(input));
  for (std::string& root : expansion.roots) roots_.push_back(std::move(root));
  for (std::size_t reason = 0; reason < kSkipReasons; ++reason)
    skipped_.by_reason[reason] += expansion.skipped.by_reason[reason];
}

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
    // `find -print0` piped in without -0 reads as one line holding every path, joined by NULs.
    if (separator_ != '\0' && path.find('\0') != std::string::npos) {
      std::free(line);
      throw FatalError(FatalKind::usage, code::input_list, "",
                       "the list of files holds NUL bytes, as `find -print0` writes it: add -0 (--null) to read it");
    }
    std::free(line);
    pending_.clear();
    next_ = 0;
    expand(path, false);  // may throw: `line` is freed already
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

std::optional<std::vector<std::string>> InputStream::known_paths() const {
  if (has_list_) return std::nullopt;
  std::vector<std::string> paths;
  paths.reserve(pending_.size() - next_);
  for (std::size_t i = next_; i < pending_.size(); ++i) paths.push_back(pending_[i].path);
  return paths;
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
