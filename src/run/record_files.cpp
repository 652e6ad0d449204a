#include "newsnorm/run/record_files.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>

#include <fmt/format.h>

namespace newsnorm {
namespace {

std::vector<std::string> jsonl_files_under(const std::string& folder) {
  std::vector<std::string> files;
  std::error_code error;
  for (auto it = std::filesystem::recursive_directory_iterator(folder, error);
       !error && it != std::filesystem::recursive_directory_iterator(); it.increment(error))
    if (it->is_regular_file(error) && it->path().extension() == ".jsonl") files.push_back(it->path().string());
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

RecordFileReader::RecordFileReader(std::vector<std::string> paths) {
  if (paths.empty()) paths.push_back("-");
  for (const std::string& path : paths) {
    std::error_code error;
    if (path != "-" && std::filesystem::is_directory(path, error)) {
      for (std::string& file : jsonl_files_under(path)) pending_.push_back(std::move(file));
    } else {
      pending_.push_back(path);
    }
  }
  for (const std::string& path : pending_) {
    std::error_code error;
    const std::uintmax_t size = path == "-" ? 0 : std::filesystem::file_size(path, error);
    if (!error) file_bytes_ += size;
  }
  std::reverse(pending_.begin(), pending_.end());
}

bool RecordFileReader::open_next() {
  file_.reset();
  in_ = nullptr;
  while (!pending_.empty()) {
    path_ = std::move(pending_.back());
    pending_.pop_back();
    number_ = 0, offset_ = 0;
    if (path_ == "-") {
      in_ = &std::cin;
      return true;
    }
    file_ = std::make_unique<std::ifstream>(path_, std::ios::binary);
    if (!*file_) {
      error_ = make_error(code::read_failed, {}, fmt::format("cannot read {}: {}", path_, std::strerror(errno)));
      file_.reset();
      return true;
    }
    in_ = file_.get();
    return true;
  }
  return false;
}

std::optional<RecordBatch> RecordFileReader::next(std::size_t max_lines) {
  while (true) {
    if (!in_ && !error_ && !open_next()) return std::nullopt;
    RecordBatch batch;
    batch.path = path_;
    if (error_) {
      batch.error = std::move(error_);
      error_.reset();
      return batch;
    }
    std::string line;
    while (batch.lines.size() < max_lines && std::getline(*in_, line)) {
      ++number_;
      const std::uint64_t at = offset_;
      offset_ += line.size() + 1;  // the newline (one too many on a last line without one: never used)
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.find_first_not_of(" \t") == std::string::npos) continue;
      RecordLine& record = batch.lines.emplace_back();
      record.number = number_;
      if (in_ != &std::cin) record.offset = at;
      record.text.assign(line);  // an exact copy: `line` keeps its capacity for the next
    }
    if (batch.lines.size() < max_lines) in_ = nullptr;  // the file is done
    if (!batch.lines.empty()) return batch;
  }
}

}  // namespace newsnorm
