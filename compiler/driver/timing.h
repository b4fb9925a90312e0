// Phase timing for `SCHEMAC_TIME_REPORT=1`: wall time and resident memory
// after each phase of a command, printed to stderr when the command ends.
// Benchmarks (bench/run.sh) read it to say where time goes; it costs one
// clock read per phase when off.
#pragma once

#include <chrono>
#include <string_view>

namespace schemac::driver {

/// Times the enclosing scope as one phase of the current command.
class Phase {
 public:
  explicit Phase(std::string_view name);
  ~Phase();
  Phase(const Phase&) = delete;
  auto operator=(const Phase&) -> Phase& = delete;

 private:
  std::string_view name_;
  std::chrono::steady_clock::time_point start_;
};

/// Prints the phases timed so far (when SCHEMAC_TIME_REPORT is set).
void ReportPhases();

}  // namespace schemac::driver
