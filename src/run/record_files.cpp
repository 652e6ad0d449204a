#include "newsnorm/run/record_files.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>

#include <fmt/format.h>

namespace newsnorm {
namespace {

void read_stream(std::istream& in, const std::string& path, const RecordLineVisitor& visit) {
  std::string line;
  for (std::size_t number = 1; std::getline(in, line); ++number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    visit(path, number, line);
  }
}

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

void read_record_files(const std::vector<std::string>& paths, const RecordLineVisitor& visit,
                       const RecordFileError& fail) {
  for (const std::string& path : paths) {
    if (path == "-") {
      read_stream(std::cin, path, visit);
      continue;
    }
    std::error_code error;
    if (std::filesystem::is_directory(path, error)) {
      for (const std::string& file : jsonl_files_under(path)) read_record_files({file}, visit, fail);
      continue;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      fail(path, make_error(code::read_failed, {}, fmt::format("cannot read {}: {}", path, std::strerror(errno))));
      continue;
    }
    read_stream(in, path, visit);
  }
}

}  // namespace newsnorm
