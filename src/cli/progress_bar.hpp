// A progress bar on stderr for long commands (matching, the people import), redrawn in place,
// only when stderr is a terminal: logs and pipes get none. Not safe across threads.
#pragma once

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <string>

namespace mh::cli {

class ProgressBar {
 public:
  ProgressBar() : enabled_(isatty(STDERR_FILENO) == 1) {}
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;
  // Redraws only when the phase or the whole percent moved, so calling it often costs nothing.
  void show(const std::string& phase, int percent) {
    if (!enabled_ || (percent == last_ && phase == phase_)) return;
    last_ = percent;
    phase_ = phase;
    constexpr int width = 30;
    const int filled = width * std::clamp(percent, 0, 100) / 100;
    std::fprintf(stderr, "\r[%s%s] %3d%% %-12s", std::string(static_cast<std::size_t>(filled), '#').c_str(),
                 std::string(static_cast<std::size_t>(width - filled), '.').c_str(), percent, phase.c_str());
    std::fflush(stderr);
  }
  void show(const std::string& phase, std::size_t done, std::size_t total) {
    show(phase, total == 0 ? 100 : static_cast<int>(done * 100 / total));
  }
  ~ProgressBar() {
    if (enabled_ && last_ >= 0) std::fprintf(stderr, "\n");
  }

 private:
  bool enabled_;
  int last_ = -1;
  std::string phase_;
};

}  // namespace mh::cli
