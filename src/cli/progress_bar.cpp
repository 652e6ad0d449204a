#include "progress_bar.hpp"

#include <cstdio>
#include <string>

#include <fmt/format.h>

namespace newsnorm::cli {
namespace {

constexpr auto kQuietPeriod = std::chrono::milliseconds(500);  // short runs never show a bar
constexpr auto kRedrawEvery = std::chrono::milliseconds(100);
constexpr int kBarWidth = 30;

std::string format_duration(double seconds) {
  const auto total = static_cast<long>(seconds + 0.5);
  if (total >= 3600) return fmt::format("{}:{:02}:{:02}", total / 3600, total / 60 % 60, total % 60);
  return fmt::format("{}:{:02}", total / 60, total % 60);
}

}  // namespace

ProgressBar::ProgressBar(bool enabled, std::optional<std::size_t> total) : enabled_(enabled), total_(total) {}

void ProgressBar::tick() {
  ++done_;
  if (!enabled_) return;
  const auto now = Clock::now();
  if (now - started_ < kQuietPeriod || now - last_draw_ < kRedrawEvery) return;
  last_draw_ = now;
  draw();
}

void ProgressBar::draw() {
  const double elapsed = std::chrono::duration<double>(Clock::now() - started_).count();
  const double rate = elapsed > 0 ? static_cast<double>(done_) / elapsed : 0;
  std::string line;
  if (total_ && *total_ > 0) {
    const double fraction = std::min(1.0, static_cast<double>(done_) / static_cast<double>(*total_));
    const int filled = static_cast<int>(fraction * kBarWidth);
    const double left = rate > 0 ? static_cast<double>(*total_ - std::min(done_, *total_)) / rate : 0;
    line = fmt::format("\r\x1b[K[{}{}] {}/{} files  {:.0f} files/s  {} left", std::string(filled, '#'),
                       std::string(kBarWidth - filled, '.'), done_, *total_, rate, format_duration(left));
  } else {
    line = fmt::format("\r\x1b[K{} files  {:.0f} files/s  {} elapsed", done_, rate, format_duration(elapsed));
  }
  std::fwrite(line.data(), 1, line.size(), stderr);
  std::fflush(stderr);
  shown_ = true;
}

void ProgressBar::clear() {
  if (!shown_) return;
  std::fputs("\r\x1b[K", stderr);
  std::fflush(stderr);
  shown_ = false;
}

void ProgressBar::finish() {
  clear();
  enabled_ = false;
}

}  // namespace newsnorm::cli
