#!/usr/bin/env bash
# Benchmarks `schemac plan` on generated schemas; prints a table of wall time
# and peak memory (max RSS). Not a test: numbers depend on the machine.
#   bench/run.sh [TABLES...]      (default: 1000 5000)
# Then the shapes that must stay linear (bench/gen_shapes.py): a chain of
# views over a retyped column, and every table renamed, at N and 2N.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${SCHEMAC:-build/schemac}
[ -x "$bin" ] || { echo "build first: scripts/build.sh" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 5000)

measure() {  # prints "seconds max_rss_mb" for a command
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null
  awk '{printf "%8.2f s %8.1f MB", $1, $2/1024}' "$work/time"
}

printf "%-8s %-40s %12s %12s\n" tables case time "peak RSS"
for n in "${sizes[@]}"; do
  python3 bench/gen_schema.py "$work/a$n" --tables "$n"
  python3 bench/gen_schema.py "$work/b$n" --tables "$n" --change-percent 5
  "$bin" snapshot "$work/a$n" -o "$work/a$n.json"
  printf "%-8s %-40s %s\n" "$n" "check" "$(measure "$bin" check "$work/a$n")"
  printf "%-8s %-40s %s\n" "$n" "plan --from empty" "$(measure "$bin" plan --from empty "$work/a$n")"
  printf "%-8s %-40s %s\n" "$n" "plan --from snapshot (5% changed)" "$(measure "$bin" plan --from "$work/a$n.json" "$work/b$n")"
  printf "%-8s %-40s %s\n" "$n" "plan --from .schema (5% changed)" "$(measure "$bin" plan --from "$work/a$n" "$work/b$n")"
done

for shape in view-chain rename-all; do
  for n in 1000 2000 4000; do
    python3 bench/gen_shapes.py "$work/$shape$n" "$shape" "$n"
    printf "%-8s %-40s %s\n" "$n" "$shape" "$(measure "$bin" plan --from "$work/$shape$n/before" "$work/$shape$n/after")"
  done
done
