// Evaluation helper (not part of the test suite): reads page files, runs the page reader on each and
// prints one JSON line per page, {"source":{"path":P},"text":T}, for ../shared/extraction/evaluate.py.
// With --time it also prints to standard error the HTML throughput of the page reader alone.
//   newsnorm_extract_pages [--time] [--repeat N] FILE...
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "newsnorm/html/page.hpp"

int main(int argc, char** argv) {
  bool time = false;
  int repeat = 1;
  std::vector<std::string> paths;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--time")
      time = true;
    else if (arg == "--repeat" && i + 1 < argc)
      repeat = std::max(1, std::stoi(argv[++i]));
    else
      paths.push_back(arg);
  }
  std::vector<std::string> pages;
  for (const std::string& path : paths) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    pages.push_back(bytes.str());
  }
  double bytes_total = 0;
  const auto start = std::chrono::steady_clock::now();
  for (int r = 0; r < repeat; ++r) {
    for (std::size_t i = 0; i < pages.size(); ++i) {
      const newsnorm::HtmlPage page = newsnorm::parse_html_page(pages[i]);
      bytes_total += static_cast<double>(pages[i].size());
      if (r == 0) {
        nlohmann::ordered_json line;
        line["source"]["path"] = paths[i];
        line["text"] = page.article_text;
        line["title"] = page.title;
        std::cout << line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
      }
    }
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (time)
    std::fprintf(stderr, "%zu pages x %d, %.1f MB in %.3f s: %.2f MB/s on one core\n", pages.size(), repeat,
                 bytes_total / 1e6, seconds, bytes_total / 1e6 / seconds);
  return 0;
}
