#include "core/progress.h"

#include <cmath>

namespace berkas::core {

Estimate estimate(double done, double total, double elapsed_seconds) {
  Estimate e;
  if (done <= 0 || elapsed_seconds <= 0 || !std::isfinite(done) || !std::isfinite(elapsed_seconds)) return e;
  e.per_minute = done / elapsed_seconds * 60.0;
  if (done < total) e.seconds_left = (total - done) * elapsed_seconds / done;
  return e;
}

std::string format_duration(double seconds, bool english) {
  if (!std::isfinite(seconds) || seconds < 0) seconds = 0;
  if (seconds > 1e7) seconds = 1e7;  // over 100 days: an estimate that means nothing more
  const long s = std::lround(seconds);
  const long h = s / 3600, m = (s % 3600) / 60, sec = s % 60;
  const char* uh = english ? " h" : " j";
  const char* um = english ? " min" : " mnt";
  const char* us = english ? " s" : " dtk";
  if (h > 0) return std::to_string(h) + uh + (m ? " " + std::to_string(m) + um : std::string());
  if (m > 0) return std::to_string(m) + um + (sec ? " " + std::to_string(sec) + us : std::string());
  return std::to_string(sec) + us;
}

}  // namespace berkas::core
