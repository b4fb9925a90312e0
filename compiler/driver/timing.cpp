#include "compiler/driver/timing.h"

#include <sys/resource.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace schemac::driver {
namespace {

struct Timed {
  std::string name;
  double seconds;
  long peak_kb;
};

auto Enabled() -> bool {
  static const bool on = [] {
    const char* v = std::getenv("SCHEMAC_TIME_REPORT");
    return v && *v && std::string(v) != "0";
  }();
  return on;
}

auto Timings() -> std::vector<Timed>& {
  static std::vector<Timed> t;
  return t;
}

auto PeakKb() -> long {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

}  // namespace

Phase::Phase(std::string_view name) : name_(name), start_(std::chrono::steady_clock::now()) {}

Phase::~Phase() {
  if (!Enabled()) return;
  std::chrono::duration<double> d = std::chrono::steady_clock::now() - start_;
  Timings().push_back({std::string(name_), d.count(), PeakKb()});
}

void ReportPhases() {
  if (!Enabled()) return;
  double total = 0;
  std::fprintf(stderr, "%-12s %9s %12s\n", "phase", "seconds", "peak RSS MB");
  for (const auto& t : Timings()) {
    total += t.seconds;
    std::fprintf(stderr, "%-12s %9.3f %12.1f\n", t.name.c_str(), t.seconds, static_cast<double>(t.peak_kb) / 1024);
  }
  std::fprintf(stderr, "%-12s %9.3f %12.1f\n", "total", total, static_cast<double>(PeakKb()) / 1024);
}

}  // namespace schemac::driver
