#pragma once
// A one-line progress bar on standard error: files done, total when known, rate, time left.
// Drawn only at a terminal, only once a run has lasted a moment, and at most ten times a second.
#include <chrono>
#include <cstddef>
#include <optional>

namespace newsnorm::cli {

class ProgressBar {
 public:
  ProgressBar(bool enabled, std::optional<std::size_t> total);
  void tick();    // one more input done
  void clear();   // wipes the line, so a message can be printed in its place
  void finish();  // wipes it for good

 private:
  using Clock = std::chrono::steady_clock;
  void draw();

  bool enabled_;
  std::optional<std::size_t> total_;
  std::size_t done_ = 0;
  bool shown_ = false;
  Clock::time_point started_ = Clock::now();
  Clock::time_point last_draw_{};
};

}  // namespace newsnorm::cli
