#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan + UBSan, -DSCHEMAC_FUZZ=ON) in
# build-fuzz/ and runs each for SECONDS (default 60), starting from the seeds
# fuzz/seeds.sh gathers and the corpus earlier runs kept in build-fuzz/corpus/.
# Usage: bench/fuzz.sh [SECONDS] [TARGET...]   (targets: parse snapshot plan)
# A crash leaves its input in build-fuzz/crashes/<target>/ and fails the run;
# see docs/testing.md for turning it into a regression test.
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-60}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(parse snapshot plan)
scripts/deps.sh --fuzz
dir=build-fuzz
if [ ! -f "$dir/build.ninja" ]; then
  # -O1 with line tables and assertions on: quicker to build, stack traces
  # with lines, and asserts are checks the fuzzer can trip.
  cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS_RELEASE="-O1 -gline-tables-only" \
        -DCMAKE_CXX_COMPILER=clang++-14 -DSCHEMAC_FUZZ=ON -DSCHEMAC_TESTS=OFF >/dev/null
fi
cmake --build "$dir" -j2 --target "${targets[@]/#/fuzz_}"
# Snapshots of the examples as seeds need a schemac: the normal build's, if there is one.
fuzz/seeds.sh "$dir/seeds" "$( [ -x build/schemac ] && echo build/schemac )"
export ASAN_SYMBOLIZER_PATH=/usr/lib/llvm-14/bin/llvm-symbolizer
failed=()
for t in "${targets[@]}"; do
  mkdir -p "$dir/corpus/$t" "$dir/crashes/$t"
  echo "== fuzz_$t for ${secs}s"
  if "$dir/fuzz/fuzz_$t" -max_total_time="$secs" -timeout=20 -rss_limit_mb=4096 -print_final_stats=1 \
       -artifact_prefix="$dir/crashes/$t/" "$dir/corpus/$t" "$dir/seeds/$t" >"$dir/fuzz_$t.log" 2>&1; then
    grep -E '^stat::(number_of_executed_units|average_exec_per_sec|new_units_added|peak_rss_mb)' "$dir/fuzz_$t.log" || true
    echo "corpus: $(ls "$dir/corpus/$t" | wc -l) inputs"
  else
    tail -n 60 "$dir/fuzz_$t.log"
    failed+=("$t")
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzzing found crashes in: ${failed[*]} (inputs in $dir/crashes/, logs in $dir/fuzz_<target>.log)"
  exit 1
fi
echo "fuzzing: ${#targets[@]} targets, no crash"
