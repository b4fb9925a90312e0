#!/usr/bin/env bash
# Quick start 2: install what is missing, build, and run every test (unit
# tests and the lit suite, whose migrations run on a real Postgres 15).
# Usage: scripts/test.sh [--sanitize]   (--sanitize: an ASan + UBSan build in build-asan/)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
if [ "${1:-}" = "--sanitize" ]; then
  dir=build-asan
  # -O1 with assertions: a sanitized -O0 build ran the lit suite 4x slower
  # than the normal one, and CI should stay under 30 minutes.
  scripts/build.sh "$dir" -DSCHEMAC_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug "-DCMAKE_CXX_FLAGS_DEBUG=-g -O1"
  # LeakSanitizer is on; scripts/lsan.supp lists the third-party leaks it may ignore.
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  export LSAN_OPTIONS="suppressions=$PWD/scripts/lsan.supp:print_suppressions=0"
else
  dir=build
  scripts/build.sh "$dir"
fi
# The pinned oracles some tests compare with (squawk, the SARIF schema,
# fakesnow, Avro, the Flink planner). The sanitizer build shares the normal
# build's when they are there (the same pins; the Flink planner alone is
# some 700 MB).
if [ "$dir" != build ] && [ -f build/oracles/.installed ] && [ ! -e "$dir/oracles" ]; then
  mkdir -p "$dir"
  ln -s "$PWD/build/oracles" "$dir/oracles"
fi
scripts/oracles.sh "$dir/oracles"
ctest --test-dir "$dir" --output-on-failure -j2
