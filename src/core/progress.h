// core/progress: how fast a long job goes and how long it has left, for people (the command
// line's progress line, the web's job page).
#pragma once

#include <optional>
#include <string>

namespace berkas::core {

struct Estimate {
  double per_minute = 0;                // units (files) per minute so far; 0 before the first
  std::optional<double> seconds_left;   // none until one unit is done, or when done
};

// From `done` of `total` units in `elapsed_seconds` (done may be fractional: a file half read).
Estimate estimate(double done, double total, double elapsed_seconds);

// "2 j 5 mnt", "1 mnt 20 dtk", "45 dtk" (Indonesian units; the English forms are the same
// numbers with h/min/s when `english`).
std::string format_duration(double seconds, bool english = false);

}  // namespace berkas::core
